// Fingerprints in the forms Puppet prints: upper-case colon-separated hex of a
// digest over the DER bytes of a certificate or CSR.
import { createHash } from 'node:crypto';

export type FingerprintAlgorithm = 'SHA1' | 'SHA224' | 'SHA256' | 'SHA384' | 'SHA512';

/** `AB:CD:...` of the digest of `der`. */
export function fingerprint(der: Uint8Array, algorithm: FingerprintAlgorithm = 'SHA256'): string {
  const hex = createHash(algorithm.toLowerCase()).update(der).digest('hex').toUpperCase();
  return hex.match(/../g)!.join(':');
}

/** The `fingerprints` object of a certificate_status reply. */
export interface Fingerprints {
  SHA1: string;
  SHA256: string;
  SHA512: string;
  default: string;
}

export function fingerprints(der: Uint8Array): Fingerprints {
  const sha256 = fingerprint(der, 'SHA256');
  return { SHA1: fingerprint(der, 'SHA1'), SHA256: sha256, SHA512: fingerprint(der, 'SHA512'), default: sha256 };
}

/** What `puppet agent --fingerprint` prints: `(SHA256) AB:CD:...`. */
export function puppetFingerprint(der: Uint8Array, algorithm: FingerprintAlgorithm = 'SHA256'): string {
  return `(${algorithm}) ${fingerprint(der, algorithm)}`;
}
