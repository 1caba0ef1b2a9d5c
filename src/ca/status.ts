// The certificate_status object puppetserver reports for a CSR or a
// certificate (http-api.md §4.5), built from parsed X.509 data.
import { fingerprints, type Fingerprints } from '../x509/fingerprint.js';
import { authorizationExtensions, dnsAltNameStrings, subjectAltNameStrings } from '../x509/extensions.js';
import type { ParsedCertificate } from '../x509/cert.js';
import type { ParsedCsr } from '../x509/csr.js';
import { formatPuppetTime } from '../x509/time.js';

export type CertificateState = 'requested' | 'signed' | 'revoked';

export interface CertificateStatus {
  name: string;
  state: CertificateState;
  /** SHA-256 fingerprint of the DER. */
  fingerprint: string;
  fingerprints: Fingerprints;
  dns_alt_names: string[];
  subject_alt_names: string[];
  authorization_extensions: Record<string, string>;
  /** Only for signed and revoked certs. */
  serial_number?: number;
  not_before?: string;
  not_after?: string;
}

export function csrStatus(name: string, csr: ParsedCsr): CertificateStatus {
  const fp = fingerprints(csr.der);
  return {
    name,
    state: 'requested',
    fingerprint: fp.SHA256,
    fingerprints: fp,
    dns_alt_names: dnsAltNameStrings(csr.altNames),
    subject_alt_names: subjectAltNameStrings(csr.altNames),
    authorization_extensions: authorizationExtensions(csr.extensions),
  };
}

export function certificateStatus(name: string, cert: ParsedCertificate, revoked: boolean): CertificateStatus {
  const fp = fingerprints(cert.der);
  return {
    name,
    state: revoked ? 'revoked' : 'signed',
    fingerprint: fp.SHA256,
    fingerprints: fp,
    dns_alt_names: dnsAltNameStrings(cert.altNames),
    subject_alt_names: subjectAltNameStrings(cert.altNames),
    authorization_extensions: authorizationExtensions(cert.extensions),
    // JSON numbers cannot hold serials past 2^53; puppetserver's never get there.
    serial_number: Number(cert.serial),
    not_before: formatPuppetTime(cert.notBefore),
    not_after: formatPuppetTime(cert.notAfter),
  };
}
