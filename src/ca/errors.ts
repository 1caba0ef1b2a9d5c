// Errors of the certificate authority. Each carries the HTTP status and the
// exact text/plain message puppetserver answers with, so the server maps a
// CaError to a response 1:1 and the CLI prints the message.

export type CaErrorKind =
  /** The CSR cannot be parsed or its key is too weak. */
  | 'invalid-csr'
  /** A cert or CSR already exists for the name (allow_duplicate_certs is false). */
  | 'duplicate-cert'
  /** CSR CN differs from the name in the URL. */
  | 'hostname-mismatch'
  /** The certname breaks puppetserver's naming rules. */
  | 'invalid-subject-name'
  /** SANs, authorization or unknown extensions the policy refuses. */
  | 'disallowed-extension'
  /** SAN entries of a forbidden type or with wildcards. */
  | 'invalid-alt-name'
  /** The CSR's signature does not match its public key. */
  | 'invalid-signature'
  /** Nothing by that name. */
  | 'not-found'
  /** The request contradicts the state (sign without CSR, revoke without cert, CSR fails validation at sign time). */
  | 'conflict'
  /** Bad parameters (cert_ttl, names list). */
  | 'bad-request'
  /** The CA directory is missing or inconsistent. */
  | 'ca-state';

export class CaError extends Error {
  override readonly name = 'CaError';

  constructor(
    /** HTTP status puppetserver uses for this failure. */
    readonly status: 400 | 404 | 409 | 415 | 500,
    message: string,
    readonly kind: CaErrorKind,
  ) {
    super(message);
  }
}

/** The CSR validation kinds puppetserver reports as 400 on submission and 409 on signing. */
export const CSR_VALIDATION_KINDS: ReadonlySet<CaErrorKind> = new Set([
  'invalid-csr', 'duplicate-cert', 'hostname-mismatch', 'invalid-subject-name',
  'disallowed-extension', 'invalid-alt-name', 'invalid-signature',
]);
