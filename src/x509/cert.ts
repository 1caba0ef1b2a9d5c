// X.509 certificates and CRLs as the CA reads them: serial, validity, subject
// CN, SANs and Puppet extensions of a certificate; issuer, numbers and revoked
// serials of a CRL.
import { x509 } from './crypto.js';
import { pemBlocks, toPem } from './pem.js';
import { bufferSource, readDerInteger } from './der.js';
import { OID } from './oids.js';
import { altNamesOf, toRawExtension, type AltNames, type RawExtension } from './extensions.js';

export interface ParsedCertificate {
  der: Buffer;
  pem: string;
  serial: bigint;
  notBefore: Date;
  notAfter: Date;
  subjectCn: string | undefined;
  issuerCn: string | undefined;
  extensions: RawExtension[];
  altNames: AltNames;
  /** The library object, for signing and chain checks. */
  cert: x509.X509Certificate;
}

function fromLibrary(cert: x509.X509Certificate): ParsedCertificate {
  const der = Buffer.from(cert.rawData);
  // Decoding extensions is the slow part of @peculiar/x509 (milliseconds per
  // cert); most callers need only serial and dates, so it happens on first use.
  let extensions: RawExtension[] | undefined;
  let altNames: AltNames | undefined;
  return {
    der,
    pem: toPem('CERTIFICATE', der),
    serial: BigInt(`0x${cert.serialNumber || '0'}`),
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    subjectCn: cert.subjectName.getField('CN')[0],
    issuerCn: cert.issuerName.getField('CN')[0],
    get extensions() {
      extensions ??= Array.from(cert.extensions, toRawExtension);
      return extensions;
    },
    get altNames() {
      altNames ??= altNamesOf(this.extensions);
      return altNames;
    },
    cert,
  };
}

export function certificateFromDer(der: Uint8Array): ParsedCertificate {
  return fromLibrary(new x509.X509Certificate(bufferSource(der)));
}

/** Every CERTIFICATE block of a PEM file (a CA bundle lists the signing CA first). */
export function parseCertificates(pem: string): ParsedCertificate[] {
  return pemBlocks(pem, 'CERTIFICATE').map((b) => certificateFromDer(b.der));
}

/** Exactly one certificate from PEM text; throws when there is none. */
export function parseCertificate(pem: string): ParsedCertificate {
  const [first] = parseCertificates(pem);
  if (!first) throw new Error('PEM header "-----BEGIN CERTIFICATE-----" missing');
  return first;
}

export interface ParsedCrl {
  der: Buffer;
  pem: string;
  issuerCn: string | undefined;
  /** DER of the issuer Name, compared byte-wise against CA subjects. */
  issuerDer: Buffer;
  thisUpdate: Date;
  nextUpdate: Date | undefined;
  /** CRL Number extension, 0 when absent. */
  number: bigint;
  /** Authority Key Identifier key id (hex), when present. */
  authorityKeyId: string | undefined;
  /** Revoked serials with their revocation dates. */
  entries: { serial: bigint; revocationDate: Date; reason?: number }[];
  crl: x509.X509Crl;
}

export function crlFromDer(der: Uint8Array): ParsedCrl {
  const crl = new x509.X509Crl(bufferSource(der));
  const numberExt = crl.extensions.find((e) => e.type === OID.crlNumber);
  const akiExt = crl.extensions.find((e) => e.type === OID.authorityKeyIdentifier);
  const aki = akiExt ? new x509.AuthorityKeyIdentifierExtension(akiExt.rawData) : undefined;
  const buf = Buffer.from(der);
  return {
    der: buf,
    pem: toPem('X509 CRL', buf),
    issuerCn: crl.issuerName.getField('CN')[0],
    issuerDer: Buffer.from(crl.issuerName.toArrayBuffer()),
    thisUpdate: crl.thisUpdate,
    nextUpdate: crl.nextUpdate,
    number: numberExt ? readDerInteger(new Uint8Array(numberExt.value)) : 0n,
    authorityKeyId: aki?.keyId,
    entries: crl.entries.map((e) => ({
      serial: BigInt(`0x${e.serialNumber || '0'}`),
      revocationDate: e.revocationDate,
      reason: e.reason,
    })),
    crl,
  };
}

/** Every CRL block of a PEM file, in order ("X509 CRL" as OpenSSL writes it, or bare "CRL"). */
export function parseCrls(pem: string): ParsedCrl[] {
  return pemBlocks(pem).filter((b) => b.label === 'X509 CRL' || b.label === 'CRL').map((b) => crlFromDer(b.der));
}

/** Serial as inventory.txt and the serial file print it: upper-case hex, at least 4 digits. */
export function formatSerialHex(serial: bigint): string {
  return serial.toString(16).toUpperCase().padStart(4, '0');
}
