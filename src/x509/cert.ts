// X.509 certificates and CRLs as the CA reads them: serial, validity, subject
// CN, SANs and Puppet extensions of a certificate; issuer, numbers and revoked
// serials of a CRL. The fields come from the light DER reader; the
// @peculiar/x509 object (for signing and chain checks) is made on first use,
// so opening the CA and answering reads never load the library.
import { x509 } from './crypto.js';
import { pemBlocks, toPem } from './pem.js';
import { bufferSource, readDerInteger, readTlv } from './der.js';
import { OID } from './oids.js';
import { altNamesOf, type AltNames, type RawExtension } from './extensions.js';
import { nameField, readCertificate, readCrl, type LiteExtension } from './lite.js';

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
  /** DER of the subject Name, compared byte-wise against CRL issuers. */
  subjectDer: Buffer;
  /** DER of the SubjectPublicKeyInfo. */
  spki: Buffer;
  /** The library object, for signing and chain checks (loads @peculiar/x509 on first use). */
  readonly cert: x509.X509Certificate;
}

function rawExtension(ext: LiteExtension): RawExtension {
  return { oid: ext.oid, critical: ext.critical, value: new Uint8Array(ext.value) };
}

export function certificateFromDer(input: Uint8Array): ParsedCertificate {
  const lite = readCertificate(input);
  const der = lite.der;
  let extensions: RawExtension[] | undefined;
  let altNames: AltNames | undefined;
  let cert: x509.X509Certificate | undefined;
  return {
    der,
    pem: toPem('CERTIFICATE', der),
    serial: BigInt(`0x${lite.serialNumber || '0'}`),
    notBefore: lite.notBefore,
    notAfter: lite.notAfter,
    subjectCn: nameField(lite.subject, OID.commonName)[0],
    issuerCn: nameField(lite.issuer, OID.commonName)[0],
    get extensions() {
      extensions ??= lite.extensions.map(rawExtension);
      return extensions;
    },
    get altNames() {
      altNames ??= altNamesOf(this.extensions);
      return altNames;
    },
    subjectDer: lite.subject.der,
    spki: lite.spki,
    get cert() {
      cert ??= new x509.X509Certificate(bufferSource(der));
      return cert;
    },
  };
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
  /** Extensions of the CRL itself, in order. */
  extensions: RawExtension[];
  /** The library object, for signature checks (loads @peculiar/x509 on first use). */
  readonly crl: x509.X509Crl;
}

/** The keyIdentifier [0] of an AuthorityKeyIdentifier value, in hex. */
function akiKeyId(value: Uint8Array): string | undefined {
  const seq = readTlv(value);
  for (let at = seq.start; at < seq.end;) {
    const field = readTlv(value, at);
    if (field.tag === 0x80) return Buffer.from(value.subarray(field.start, field.end)).toString('hex');
    at = field.end;
  }
  return undefined;
}

export function crlFromDer(input: Uint8Array): ParsedCrl {
  const lite = readCrl(input);
  const der = lite.der;
  const numberExt = lite.extensions.find((e) => e.oid === OID.crlNumber);
  const akiExt = lite.extensions.find((e) => e.oid === OID.authorityKeyIdentifier);
  let crl: x509.X509Crl | undefined;
  return {
    der,
    pem: toPem('X509 CRL', der),
    issuerCn: nameField(lite.issuer, OID.commonName)[0],
    issuerDer: lite.issuer.der,
    thisUpdate: lite.thisUpdate,
    nextUpdate: lite.nextUpdate,
    number: numberExt ? readDerInteger(new Uint8Array(numberExt.value)) : 0n,
    authorityKeyId: akiExt ? akiKeyId(akiExt.value) : undefined,
    entries: lite.entries.map((e) => ({
      serial: BigInt(`0x${e.serialNumber || '0'}`),
      revocationDate: e.revocationDate,
      reason: e.reason,
    })),
    extensions: lite.extensions.map(rawExtension),
    get crl() {
      crl ??= new x509.X509Crl(bufferSource(der));
      return crl;
    },
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
