// Certificate signing requests: parsing what an agent PUTs (subject CN, public
// key, extReq extensions, custom attributes, signature) and building CSRs the
// way the Puppet 7 agent does (for `bunraku ca generate` and tests).
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { x509, webcrypto } from './crypto.js';
import { bufferSource, derUtf8String, encodeTlv, DerTag } from './der.js';
import { pemBlocks, toPem } from './pem.js';
import { OID } from './oids.js';
import { altNamesOf, toRawExtension, type AltNames, type RawExtension } from './extensions.js';
import { describePublicKey, type PublicKeyInfo } from './keys.js';

export interface CsrAttribute {
  oid: string;
  /** Each value's DER. */
  values: Uint8Array[];
}

export interface ParsedCsr {
  /** DER of the whole request; fingerprints are taken over these bytes. */
  der: Buffer;
  /** Canonical PEM (one block) of `der`. */
  pem: string;
  /** The subject's first CN, or undefined when it has none. */
  commonName: string | undefined;
  publicKey: PublicKeyInfo;
  /** DER SubjectPublicKeyInfo. */
  spki: Buffer;
  /** Extensions requested through the extReq attribute. */
  extensions: RawExtension[];
  altNames: AltNames;
  /** Attributes other than extReq (csr_attributes.yaml `custom_attributes`). */
  attributes: CsrAttribute[];
  /** Checks the self-signature against the embedded public key. */
  verifySignature(): Promise<boolean>;
}

/** Parses one PEM `CERTIFICATE REQUEST`; throws an Error saying what is wrong. */
export function parseCsr(pem: string): ParsedCsr {
  const blocks = pemBlocks(pem, 'CERTIFICATE REQUEST');
  if (blocks.length === 0) {
    // Accept the legacy "NEW CERTIFICATE REQUEST" header too.
    blocks.push(...pemBlocks(pem, 'NEW CERTIFICATE REQUEST'));
  }
  if (blocks.length === 0) throw new Error('PEM header "-----BEGIN CERTIFICATE REQUEST-----" missing');
  if (blocks.length > 1) throw new Error(`expected one certificate request, found ${blocks.length}`);
  const der = blocks[0].der;
  let req: x509.Pkcs10CertificateRequest;
  try {
    req = new x509.Pkcs10CertificateRequest(bufferSource(der));
  } catch (err) {
    throw new Error(`not a valid PKCS#10 request (${(err as Error).message})`);
  }
  const spki = Buffer.from(req.publicKey.rawData);
  let publicKey: PublicKeyInfo;
  try {
    publicKey = describePublicKey(spki);
  } catch (err) {
    throw new Error(`public key cannot be read (${(err as Error).message})`);
  }
  const extensions = Array.from(req.extensions, toRawExtension);
  // Array.from: the library's collections are Array subclasses; callers get plain arrays.
  const attributes = Array.from(req.attributes)
    .filter((a) => a.type !== OID.extensionRequest)
    .map((a) => ({ oid: a.type, values: Array.from(a.values, (v) => new Uint8Array(v)) }));
  return {
    der,
    pem: toPem('CERTIFICATE REQUEST', der),
    commonName: req.subjectName.getField('CN')[0],
    publicKey,
    spki,
    extensions,
    altNames: altNamesOf(extensions),
    attributes,
    verifySignature: () => req.verify().catch(() => false),
  };
}

export interface CreateCsrOptions {
  certname: string;
  /** PEM private key (RSA or EC). */
  privateKeyPem: string;
  /** Extra SAN entries; bare names are DNS, `IP:`/`DNS:` prefixes are kept. The certname is added, like the agent does. */
  dnsAltNames?: readonly string[];
  /** extReq extensions: OID -> string value (encoded as UTF8String, non-critical). */
  extensionRequests?: Readonly<Record<string, string>>;
  /** Custom attributes: OID -> string value, each a SET holding one PrintableString (as the agent sends them). */
  customAttributes?: Readonly<Record<string, string>>;
}

/**
 * Builds a CSR as Puppet 7's agent does (§6.1 of http-api.md): subject
 * CN=<certname>, SHA-256 signature, SANs sorted and de-duplicated with the
 * certname added, csr_attributes as extensions and attributes.
 */
export async function createCsr(options: CreateCsrOptions): Promise<ParsedCsr> {
  const keyObject = createPrivateKey(options.privateKeyPem);
  const pkcs8 = keyObject.export({ type: 'pkcs8', format: 'der' });
  const spki = createPublicKey(keyObject).export({ type: 'spki', format: 'der' });
  const isEc = keyObject.asymmetricKeyType === 'ec';
  const curve = keyObject.asymmetricKeyDetails?.namedCurve;
  const algorithm = isEc
    ? { name: 'ECDSA', namedCurve: curve === 'secp384r1' ? 'P-384' : curve === 'secp521r1' ? 'P-521' : 'P-256', hash: 'SHA-256' }
    : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  const privateKey = await webcrypto.subtle.importKey('pkcs8', pkcs8, algorithm, false, ['sign']);
  const publicKey = await webcrypto.subtle.importKey('spki', spki, algorithm, true, ['verify']);

  const extensions: x509.Extension[] = [];
  const alt = options.dnsAltNames ?? [];
  if (alt.length > 0) {
    const entries = [...new Set([...alt.map((n) => (/^(DNS|IP):/.test(n) ? n : `DNS:${n}`)), `DNS:${options.certname}`])].sort();
    extensions.push(new x509.SubjectAlternativeNameExtension(
      entries.map((e) => (e.startsWith('IP:') ? { type: 'ip' as const, value: e.slice(3) } : { type: 'dns' as const, value: e.slice(4) })),
      false,
    ));
  }
  for (const [oid, value] of Object.entries(options.extensionRequests ?? {})) {
    extensions.push(new x509.Extension(oid, false, derUtf8String(value)));
  }
  const attributes = Object.entries(options.customAttributes ?? {}).map(([oid, value]) =>
    new x509.Attribute(oid, [encodeTlv(DerTag.printableString, new TextEncoder().encode(value))]));
  const req = await x509.Pkcs10CertificateRequestGenerator.create({
    name: new x509.Name([{ CN: [{ utf8String: options.certname }] }]),
    keys: { privateKey: privateKey as CryptoKey, publicKey: publicKey as CryptoKey },
    signingAlgorithm: algorithm,
    extensions,
    attributes,
  });
  return parseCsr(req.toString('pem'));
}
