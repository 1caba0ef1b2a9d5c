// Immutable SSL contexts, one per bootstrap stage (Puppet::SSL::SSLProvider):
// insecure (no verification, never pooled) -> root (CA certs, optionally CRLs)
// -> client (plus key and certificate). Building a client context verifies
// the certificate as OpenSSL's store would for Puppet: chain to a local CA,
// validity dates, revocation per certificate_revocation, and key match; the
// failures carry Puppet's messages.
import type { KeyObject } from 'node:crypto';
import type { TlsSettings } from '../http/types.js';
import { crlSignedBy, normalizeSerial, parseCertificate, type Certificate, type Crl } from './x509-objects.js';
import { toPem } from './csr.js';

export type RevocationMode = 'chain' | 'leaf' | false;

export interface SslContext {
  readonly tls: TlsSettings;
  readonly verifyPeer: boolean;
  readonly cacerts: readonly Certificate[];
  readonly crls: readonly Crl[];
  readonly revocation: RevocationMode;
  readonly privateKey?: KeyObject;
  readonly clientCert?: Certificate;
  /** Leaf first, then its issuers up to the root. */
  readonly clientChain: readonly Certificate[];
}

/** A verification failure of our own certificate, key or CRLs. */
export class SslError extends Error {
  override name = 'SslError';
}

export function createInsecureContext(): SslContext {
  return Object.freeze({
    tls: Object.freeze({ verifyPeer: false, noPooling: true }),
    verifyPeer: false, cacerts: [], crls: [], revocation: false as const, clientChain: [],
  });
}

export function createRootContext(o: { cacerts: readonly Certificate[]; crls?: readonly Crl[]; revocation: RevocationMode }): SslContext {
  const crls = o.crls ?? [];
  return Object.freeze({
    tls: Object.freeze(rootTls(o.cacerts, crls, o.revocation)),
    verifyPeer: true, cacerts: Object.freeze([...o.cacerts]), crls: Object.freeze([...crls]), revocation: o.revocation, clientChain: [],
  });
}

export interface ClientContextInput {
  cacerts: readonly Certificate[];
  crls: readonly Crl[];
  privateKey: KeyObject;
  clientCert: Certificate;
  revocation: RevocationMode;
  /** Wall clock in ms; validity dates are checked against it. */
  now?: number;
  /** Warnings such as a missing local issuer (Puppet only warns). */
  warn?: (message: string) => void;
}

export async function createClientContext(o: ClientContextInput): Promise<SslContext> {
  const chain = await verifyCertificate(o.clientCert, o);
  const keyType = o.privateKey.asymmetricKeyType;
  if (keyType !== 'rsa' && keyType !== 'ec') throw new SslError(`Unsupported key '${keyType ?? 'unknown'}'`);
  if (!o.clientCert.node.checkPrivateKey(o.privateKey)) {
    throw new SslError(`The certificate for '${o.clientCert.subject}' does not match its private key`);
  }
  const tls: TlsSettings = {
    ...rootTls(o.cacerts, o.crls, o.revocation),
    key: o.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    cert: o.clientCert.pem,
  };
  return Object.freeze({
    tls: Object.freeze(tls), verifyPeer: true, cacerts: Object.freeze([...o.cacerts]), crls: Object.freeze([...o.crls]),
    revocation: o.revocation, privateKey: o.privateKey, clientCert: o.clientCert, clientChain: Object.freeze(chain),
  });
}

function rootTls(cacerts: readonly Certificate[], crls: readonly Crl[], revocation: RevocationMode): TlsSettings {
  const ca = cacerts.map((c) => c.pem).join('');
  if (revocation === false || crls.length === 0) return { verifyPeer: true, ca };
  // Node's TLS checks CRLs for the whole chain as soon as it is given any:
  // that is Puppet's `chain` mode. For `leaf`, the server's own certificate
  // is checked against its issuer's CRL after the handshake verified the chain.
  if (revocation === 'chain') return { verifyPeer: true, ca, crl: crls.map((c) => c.pem).join('') };
  return { verifyPeer: true, ca, checkPeer: (der) => leafRevocation(der, crls) };
}

function leafRevocation(der: Buffer, crls: readonly Crl[]): string | undefined {
  const cert = parseCertificate(toPem('CERTIFICATE', der));
  const crl = crls.find((l) => l.fields.issuer.der.equals(cert.fields.issuer.der));
  if (!crl) return `unable to get certificate CRL for ${cert.subject}`;
  if (crl.revoked.has(normalizeSerial(cert.fields.serialNumber))) return `certificate revoked for ${cert.subject}`;
  const next = crl.fields.nextUpdate;
  if (next && Date.now() > next.getTime()) return `CRL has expired for ${cert.subject}`;
  return undefined;
}

/**
 * Builds the chain of `cert` from the CA bundle and checks it (Puppet's
 * verify_cert_with_store). A missing issuer only warns, as in Puppet: the
 * server may complete the chain.
 */
export async function verifyCertificate(cert: Certificate, o: { cacerts: readonly Certificate[]; crls: readonly Crl[]; revocation: RevocationMode; now?: number; warn?: (m: string) => void }): Promise<Certificate[]> {
  const now = o.now ?? Date.now();
  const chain: Certificate[] = [cert];
  let current = cert;
  for (let depth = 0; depth < 10; depth++) {
    if (current.node.checkIssued(current.node) && current.node.verify(current.node.publicKey) && o.cacerts.some((c) => c.der.equals(current.der))) break;
    const candidates = o.cacerts.filter((ca) => current.node.checkIssued(ca.node));
    if (candidates.length === 0) {
      if (current === cert) {
        o.warn?.(`The issuer '${current.issuer}' of certificate '${current.subject}' cannot be found locally`);
        return chain;
      }
      throw new SslError(`The issuer '${current.issuer}' of certificate '${current.subject}' is missing`);
    }
    const issuer = candidates.find((ca) => current.node.verify(ca.node.publicKey));
    if (!issuer) throw new SslError(`Invalid signature for certificate '${current.subject}'`);
    if (issuer.der.equals(current.der)) break;
    chain.push(issuer);
    current = issuer;
  }
  for (const c of chain) {
    if (now < c.fields.notBefore.getTime()) throw new SslError(`The certificate '${c.subject}' is not yet valid, verify time is synchronized`);
    if (now > c.fields.notAfter.getTime()) throw new SslError(`The certificate '${c.subject}' has expired, verify time is synchronized`);
  }
  if (o.revocation !== false) {
    const checked = o.revocation === 'leaf' ? [cert] : chain;
    for (const c of checked) {
      const issuerCert = chain[chain.indexOf(c) + 1] ?? c;
      const crl = o.crls.find((l) => l.fields.issuer.der.equals(c.fields.issuer.der));
      if (!crl) throw new SslError(`The CRL issued by '${c.issuer}' is missing`);
      if (!(await crlSignedBy(crl, issuerCert))) throw new SslError(`Invalid signature for CRL issued by '${c.issuer}'`);
      if (now < crl.fields.thisUpdate.getTime()) throw new SslError(`The CRL issued by '${c.issuer}' is not yet valid, verify time is synchronized`);
      const next = crl.fields.nextUpdate;
      if (next && now > next.getTime()) throw new SslError(`The CRL issued by '${c.issuer}' has expired, verify time is synchronized`);
      if (crl.revoked.has(normalizeSerial(c.fields.serialNumber))) throw new SslError(`Certificate '${c.subject}' is revoked`);
    }
  }
  return chain;
}
