// Parsed certificates and CRLs as the agent's SSL code holds them: the PEM
// text, the Node crypto object (signatures, key matching) and the fields read
// from the DER (names, dates, serials, CRL entries), parsed once. Parsing
// failures use Puppet's messages ("Failed to parse CA certificates as PEM").
// @peculiar/x509 is loaded only to check a CRL signed with an algorithm the
// light reader does not know: an agent run does not pay for loading it.
import { X509Certificate as NodeCertificate, createHash } from 'node:crypto';
import { readCertificate, readCrl, verifySigned, type LiteCertificate, type LiteCrl } from '../../x509/lite.js';
import { toPem } from './csr.js';

const CERT_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;
const CRL_BLOCK = /-----BEGIN X509 CRL-----[\s\S]*?-----END X509 CRL-----/g;

export class CertificateParseError extends Error {
  override name = 'CertificateParseError';
}

export interface Certificate {
  readonly pem: string;
  readonly der: Buffer;
  readonly node: NodeCertificate;
  readonly fields: LiteCertificate;
  /** `CN=...` as Puppet prints subjects. */
  readonly subject: string;
  readonly issuer: string;
}

export interface Crl {
  readonly pem: string;
  readonly der: Buffer;
  readonly fields: LiteCrl;
  readonly issuer: string;
  /** Revoked serial numbers, lower-case hex without leading zeros. */
  readonly revoked: ReadonlySet<string>;
}

export function normalizeSerial(hex: string): string {
  return hex.toLowerCase().replace(/^0+(?=.)/, '');
}

export function parseCertificate(pem: string): Certificate {
  let node: NodeCertificate;
  try {
    node = new NodeCertificate(pem);
  } catch (err) {
    throw new CertificateParseError((err as Error).message, { cause: err });
  }
  const der = Buffer.from(node.raw);
  let fields: LiteCertificate;
  try {
    fields = readCertificate(der);
  } catch (err) {
    throw new CertificateParseError((err as Error).message, { cause: err });
  }
  return Object.freeze({ pem: toPem('CERTIFICATE', der), der, node, fields, subject: fields.subject.text, issuer: fields.issuer.text });
}

/** Every CERTIFICATE block of a bundle; throws when there is none. */
export function parseCertificates(pem: string): Certificate[] {
  const blocks = pem.match(CERT_BLOCK);
  if (!blocks) throw new CertificateParseError('Failed to parse CA certificates as PEM');
  return blocks.map(parseCertificate);
}

/** Every X509 CRL block; throws when there is none. */
export function parseCrls(pem: string): Crl[] {
  const blocks = pem.match(CRL_BLOCK);
  if (!blocks) throw new CertificateParseError('Failed to parse CRLs as PEM');
  return blocks.map((text) => {
    let fields: LiteCrl;
    try {
      fields = readCrl(Buffer.from(text.replace(/-----(BEGIN|END) X509 CRL-----|\s+/g, ''), 'base64'));
    } catch (err) {
      throw new CertificateParseError(`Failed to parse CRLs as PEM: ${(err as Error).message}`, { cause: err });
    }
    return Object.freeze({
      pem: toPem('X509 CRL', fields.der), der: fields.der, fields, issuer: fields.issuer.text,
      revoked: new Set(fields.entries.map((e) => normalizeSerial(e.serialNumber))),
    });
  });
}

/** True when `crl` is signed by `issuer`'s key. */
export async function crlSignedBy(crl: Crl, issuer: Certificate): Promise<boolean> {
  const known = verifySigned(crl.fields, issuer.node.publicKey);
  if (known !== undefined) return known;
  // An algorithm the light reader does not know (RSA-PSS, ...): the full library decides.
  await import('reflect-metadata');
  const px = await import('@peculiar/x509');
  return new px.X509Crl(Uint8Array.from(crl.der)).verify({ publicKey: new px.X509Certificate(Uint8Array.from(issuer.der)) });
}

/** Upper-case colon-separated hex digest, as Puppet::SSL::Digest#to_hex. */
export function hexDigest(data: Uint8Array | string, algorithm = 'SHA256'): string {
  const hex = createHash(algorithm.toLowerCase()).update(data).digest('hex').toUpperCase();
  return hex.match(/../g)!.join(':');
}

/** `(SHA256) AB:CD:...`, what `puppet agent --fingerprint` prints. */
export function puppetDigest(der: Uint8Array, algorithm = 'SHA256'): string {
  return `(${algorithm.toUpperCase()}) ${hexDigest(der, algorithm)}`;
}
