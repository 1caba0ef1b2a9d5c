// Parsed certificates and CRLs as the agent's SSL code holds them: the PEM
// text, the Node crypto object (signatures, key matching) and the
// @peculiar/x509 object (names, CRL entries), parsed once. Parsing failures
// use Puppet's messages ("Failed to parse CA certificates as PEM").
import 'reflect-metadata';
import { X509Certificate as NodeCertificate, createHash } from 'node:crypto';
import { X509Certificate as PxCertificate, X509Crl } from '@peculiar/x509';
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
  readonly px: PxCertificate;
  /** `CN=...` as Puppet prints subjects. */
  readonly subject: string;
  readonly issuer: string;
}

export interface Crl {
  readonly pem: string;
  readonly der: Buffer;
  readonly px: X509Crl;
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
  const px = new PxCertificate(der);
  return Object.freeze({ pem: toPem('CERTIFICATE', der), der, node, px, subject: px.subject, issuer: px.issuer });
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
    let px: X509Crl;
    try {
      px = new X509Crl(text);
    } catch (err) {
      throw new CertificateParseError(`Failed to parse CRLs as PEM: ${(err as Error).message}`, { cause: err });
    }
    const der = Buffer.from(px.rawData);
    return Object.freeze({
      pem: toPem('X509 CRL', der), der, px, issuer: px.issuer,
      revoked: new Set(px.entries.map((e) => normalizeSerial(e.serialNumber))),
    });
  });
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
