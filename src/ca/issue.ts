// Building and signing certificates and CRLs exactly as puppetserver does:
// the extension sets of the CA cert, agent certs and the server's own cert,
// their order (BouncyCastle emits non-critical extensions first, then the
// critical ones, each group in list order), validity windows and CRL fields.
import { x509 } from '../x509/crypto.js';
import { DerTag, bufferSource, derIa5String, derInteger, derUtf8String, encodeTlv, mergeSequences } from '../x509/der.js';
import { OID, PP_CLI_AUTH } from '../x509/oids.js';
import type { ParsedCertificate, ParsedCrl } from '../x509/cert.js';
import { certificateFromDer, crlFromDer } from '../x509/cert.js';
import type { AltNames, RawExtension } from '../x509/extensions.js';

export const NETSCAPE_COMMENT = 'Puppet Server Internal Certificate';
/**
 * A CRL's next update: five calendar years on, as puppetserver 7.9.5 writes
 * both its first CRL and each revocation (Nov 29 2026 -> Nov 29 2031, seen
 * on real puppetserver; not 5 x 365 days).
 */
export function crlNextUpdate(now: Date): Date {
  const next = wholeSeconds(now);
  next.setUTCFullYear(next.getUTCFullYear() + 5);
  return next;
}
const DAY_MS = 24 * 60 * 60 * 1000;
const SIGNING = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

/** The CA that signs: its certificate (first of the bundle) and private key. */
export interface Signer {
  cert: ParsedCertificate;
  key: CryptoKey;
}

/** Certificate times have whole seconds; drop the milliseconds so what we write is what we report. */
export function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

/** puppetserver's `cert-validity-dates`: not before = now - 1 day, not after = now + ttl. */
export function validityWindow(now: Date, ttlSeconds: number): { notBefore: Date; notAfter: Date } {
  const t = wholeSeconds(now).getTime();
  return { notBefore: new Date(t - DAY_MS), notAfter: new Date(t + ttlSeconds * 1000) };
}

function rawToLibrary(ext: RawExtension): x509.Extension {
  return new x509.Extension(ext.oid, ext.critical, bufferSource(ext.value));
}

/** Non-critical first, then critical, keeping list order in each group (BouncyCastle's Extensions). */
function bouncyCastleOrder(extensions: x509.Extension[]): x509.Extension[] {
  return [...extensions.filter((e) => !e.critical), ...extensions.filter((e) => e.critical)];
}

function netscapeComment(): x509.Extension {
  return new x509.Extension(OID.netscapeComment, false, derIa5String(NETSCAPE_COMMENT));
}

/** AKI with only the key id (SHA-1 of the issuer's public key): CA certs and CRLs. */
async function keyIdAki(publicKey: x509.PublicKey | CryptoKey): Promise<x509.Extension> {
  return x509.AuthorityKeyIdentifierExtension.create(publicKey, false);
}

/**
 * AKI of issued certs, as JcaX509ExtensionUtils builds it from the CA cert:
 * key id, the CA cert's issuer as a directoryName, and the CA cert's serial.
 */
async function fullAki(caCert: ParsedCertificate): Promise<x509.Extension> {
  const keyId = await keyIdAki(caCert.cert.publicKey);
  const issuerName = new Uint8Array(caCert.cert.issuerName.toArrayBuffer());
  const generalNames = encodeTlv(0xa1, encodeTlv(0xa4, issuerName));
  const serial = derInteger(caCert.serial);
  const serialImplicit = Uint8Array.from([0x82, ...serial.subarray(1)]);
  const certId = encodeTlv(DerTag.sequence, Uint8Array.from(Buffer.concat([generalNames, serialImplicit])));
  return new x509.Extension(OID.authorityKeyIdentifier, false, mergeSequences(new Uint8Array(keyId.value), certId));
}

function leafBase(aki: x509.Extension, ski: x509.Extension): x509.Extension[] {
  return [
    netscapeComment(),
    aki,
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.ExtendedKeyUsageExtension([OID.serverAuth, OID.clientAuth], true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyEncipherment | x509.KeyUsageFlags.digitalSignature, true),
    ski,
  ];
}

function sanExtension(names: AltNames): x509.Extension {
  return new x509.SubjectAlternativeNameExtension([
    ...names.dns.map((value) => ({ type: 'dns' as const, value })),
    ...names.ip.map((value) => ({ type: 'ip' as const, value })),
  ], false);
}

/**
 * Extensions of an agent cert (`create-agent-extensions`): the base set, the
 * CSR's extReq extensions, and a SAN that always holds DNS:<certname> (the
 * SAN goes first: puppetserver conj-es it onto the front of the list).
 */
export async function agentExtensions(certname: string, csr: { spki: Uint8Array; extensions: RawExtension[]; altNames: AltNames }, signer: Signer): Promise<x509.Extension[]> {
  const ski = await x509.SubjectKeyIdentifierExtension.create(bufferSource(csr.spki), false);
  const fromCsr = csr.extensions.filter((e) => e.oid !== OID.subjectAltName).map(rawToLibrary);
  const dns = csr.altNames.dns.includes(certname) ? csr.altNames.dns : [...csr.altNames.dns, certname];
  const san = sanExtension({ dns, ip: csr.altNames.ip, other: [] });
  return bouncyCastleOrder([san, ...leafBase(await fullAki(signer.cert), ski), ...fromCsr]);
}

/**
 * Extensions of the server's own cert (`create-master-extensions`): the base
 * set, pp_cli_auth="true", a SAN of the dns_alt_names (when there are none,
 * `defaultDnsNames`: puppetserver's `puppet`) plus the certname, then
 * csr_attributes extension requests.
 */
export async function hostExtensions(certname: string, spki: Uint8Array, altNames: AltNames, extensionRequests: RawExtension[], signer: Signer, ppCliAuth: boolean, defaultDnsNames: readonly string[] = ['puppet']): Promise<x509.Extension[]> {
  const ski = await x509.SubjectKeyIdentifierExtension.create(bufferSource(spki), false);
  const dns = altNames.dns.length === 0 && altNames.ip.length === 0 ? [...defaultDnsNames, certname] : [...altNames.dns, certname];
  const list = [...leafBase(await fullAki(signer.cert), ski)];
  if (ppCliAuth) list.push(new x509.Extension(PP_CLI_AUTH, false, derUtf8String('true')));
  list.push(sanExtension({ dns, ip: altNames.ip, other: [] }), ...extensionRequests.map(rawToLibrary));
  return bouncyCastleOrder(list);
}

/** Name with a UTF8String CN, as BouncyCastle's X500Name(BCStyle, "CN=...") encodes it. */
export function cnName(cn: string): x509.Name {
  return new x509.Name([{ CN: [{ utf8String: cn }] }]);
}

export interface SignParams {
  signer: Signer;
  serial: bigint;
  subjectCn: string;
  spki: Uint8Array;
  notBefore: Date;
  notAfter: Date;
  extensions: x509.Extension[];
}

/** Signs a leaf certificate with SHA256withRSA. The issuer is the signing CA's subject, byte for byte. */
export async function signCertificate(params: SignParams): Promise<ParsedCertificate> {
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: params.serial.toString(16).padStart(2, '0'),
    subject: cnName(params.subjectCn),
    issuer: new x509.Name(params.signer.cert.cert.subjectName.toArrayBuffer()),
    notBefore: params.notBefore,
    notAfter: params.notAfter,
    publicKey: bufferSource(params.spki),
    signingKey: params.signer.key,
    signingAlgorithm: SIGNING,
    extensions: params.extensions,
  });
  return certificateFromDer(new Uint8Array(cert.rawData));
}

/** A self-signed root CA cert as puppetserver's `generate-ssl-files!` makes it. */
export async function createRootCaCertificate(params: { caName: string; keys: CryptoKeyPair; spki: Uint8Array; serial: bigint; notBefore: Date; notAfter: Date }): Promise<ParsedCertificate> {
  const extensions = bouncyCastleOrder([
    netscapeComment(),
    await keyIdAki(params.keys.publicKey),
    await x509.SubjectKeyIdentifierExtension.create(bufferSource(params.spki), false),
    new x509.BasicConstraintsExtension(true, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
  ]);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: params.serial.toString(16).padStart(2, '0'),
    subject: cnName(params.caName),
    issuer: cnName(params.caName),
    notBefore: params.notBefore,
    notAfter: params.notAfter,
    publicKey: params.keys.publicKey,
    signingKey: params.keys.privateKey,
    signingAlgorithm: SIGNING,
    extensions,
  });
  return certificateFromDer(new Uint8Array(cert.rawData));
}

export interface CrlParams {
  signer: Signer;
  number: bigint;
  thisUpdate: Date;
  nextUpdate: Date;
  entries: { serial: bigint; revocationDate: Date; reason?: number }[];
}

/** A v2 CRL: CRL Number then a key-id AKI, entries with reason keyCompromise as jvm-ssl-utils writes them. */
export async function createCrl(params: CrlParams): Promise<ParsedCrl> {
  const crl = await x509.X509CrlGenerator.create({
    issuer: new x509.Name(params.signer.cert.cert.subjectName.toArrayBuffer()),
    thisUpdate: params.thisUpdate,
    nextUpdate: params.nextUpdate,
    signingKey: params.signer.key,
    signingAlgorithm: SIGNING,
    extensions: [
      new x509.Extension(OID.crlNumber, false, derInteger(params.number)),
      await keyIdAki(params.signer.cert.cert.publicKey),
    ],
    entries: params.entries.map((e) => ({
      serialNumber: e.serial.toString(16).padStart(2, '0'),
      revocationDate: e.revocationDate,
      reason: e.reason,
    })),
  });
  return crlFromDer(new Uint8Array(crl.rawData));
}

/**
 * The CRL after revoking `serials` (jvm-ssl-utils `revoke-multiple`): old
 * entries kept, new ones dated now with reason keyCompromise, number + 1,
 * this update = now - 1 s (so it is valid at once), next update = now + 5 years.
 */
export async function revokeInCrl(current: ParsedCrl, serials: bigint[], signer: Signer, now: Date): Promise<ParsedCrl> {
  const t = wholeSeconds(now).getTime();
  const revocationDate = new Date(t);
  return createCrl({
    signer,
    number: current.number + 1n,
    thisUpdate: new Date(t - 1000),
    nextUpdate: crlNextUpdate(now),
    entries: [...current.entries, ...serials.map((serial) => ({ serial, revocationDate, reason: x509.X509CrlReason.keyCompromise }))],
  });
}
