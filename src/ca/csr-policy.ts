// puppetserver's CSR checks as pure functions (`validate-subject!`,
// `ensure-subject-alt-names-allowed!`, `ensure-no-authorization-extensions!`,
// `validate-extensions!`, `validate-csr-signature!`), with puppetserver's
// messages. They throw CaError with the status the caller asks for: 400 on
// submission, 409 when an operator signs.
import { certnameProblem } from '../x509/certname.js';
import type { ParsedCsr } from '../x509/csr.js';
import { subjectAltNameStrings } from '../x509/extensions.js';
import { weakKeyProblem } from '../x509/keys.js';
import { OID, PP_AUTH_CERT_EXT, PP_CLI_AUTH, PP_PRIV_CERT_EXT, PP_REG_CERT_EXT, isUnderArc } from '../x509/oids.js';
import { CaError } from './errors.js';

export interface CsrPolicy {
  /** ca.conf `allow-subject-alt-names`. */
  allowSubjectAltNames: boolean;
  /** ca.conf `allow-authorization-extensions`. */
  allowAuthorizationExtensions: boolean;
}

/** The URL subject must equal the CSR CN and be a valid certname. */
export function validateSubject(name: string, cn: string, status: 400 | 409 = 400): void {
  if (name !== cn) throw new CaError(status, `Instance name "${cn}" does not match requested key "${name}"`, 'hostname-mismatch');
  const problem = certnameProblem(name);
  if (problem) throw new CaError(status, problem, 'invalid-subject-name');
}

/** The extensions puppetserver lets into a cert from a CSR (`allowed-extension?`). */
export function allowedExtension(oid: string): boolean {
  return oid === OID.subjectAltName
    || (isUnderArc(PP_AUTH_CERT_EXT, oid) && oid !== PP_CLI_AUTH)
    || isUnderArc(PP_REG_CERT_EXT, oid)
    || isUnderArc(PP_PRIV_CERT_EXT, oid);
}

/**
 * All checks a CSR must pass before it is signed, in puppetserver's order,
 * then a key-strength check of our own (puppetserver has none).
 */
export async function validateCsrForSigning(name: string, csr: ParsedCsr, policy: CsrPolicy, status: 400 | 409): Promise<void> {
  const cn = csr.commonName ?? '';
  validateSubject(name, cn, status);
  const sans = subjectAltNameStrings(csr.altNames);
  if (sans.length > 0 && !policy.allowSubjectAltNames && !(sans.length === 1 && sans[0] === `DNS:${cn}`)) {
    const extra = sans.filter((s) => s !== `DNS:${cn}`);
    throw new CaError(status, `CSR '${cn}' contains extra subject alternative names (${extra.join(', ')}), which are disallowed. To allow subject alternative names, set allow-subject-alt-names to true in your ca.conf file. Then restart the puppetserver and try signing this certificate again.`, 'disallowed-extension');
  }
  if (!policy.allowAuthorizationExtensions && csr.extensions.some((e) => isUnderArc(PP_AUTH_CERT_EXT, e.oid))) {
    throw new CaError(status, `CSR '${cn}' contains an authorization extension, which is disallowed. To allow authorization extensions, set allow-authorization-extensions to true in your ca.conf file. Then restart the puppetserver and try signing this certificate again.`, 'disallowed-extension');
  }
  const bad = csr.extensions.filter((e) => !allowedExtension(e.oid)).map((e) => e.oid);
  if (bad.length) throw new CaError(status, `Found extensions that are not permitted: ${bad.join(', ')}`, 'disallowed-extension');
  // We re-encode the SAN from its DNS and IP entries; anything else would be lost.
  if (csr.altNames.other.length) throw new CaError(status, 'Only DNS and IP names are allowed in the Subject Alternative Names extension', 'invalid-alt-name');
  if (!(await csr.verifySignature())) throw new CaError(status, 'CSR contains a public key that does not correspond to the signing key', 'invalid-signature');
  const weak = weakKeyProblem(csr.publicKey);
  if (weak) throw new CaError(status, `CSR '${cn}' refused: ${weak}`, 'invalid-csr');
}
