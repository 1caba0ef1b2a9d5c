// Certname (certificate subject) validation, puppetserver's `validate-subject!`.
// Every CA path is built from a certname, so this runs before any file path
// exists: a valid name has no '/', no '..' and no leading dot.

/** puppetserver's subject pattern (http-api.md §4.2). */
const CERTNAME_PATTERN = /^([a-z0-9](?:(?:[a-z0-9\-_]*|(?<!-)\.(?![\-.]))*[a-z0-9]+)?)$/;

/** Why `name` is not a valid certname (puppetserver's wording), or undefined when it is valid. */
export function certnameProblem(name: string): string | undefined {
  if (name !== name.toLowerCase()) return 'Certificate names must be lower case.';
  if (name.includes('*')) return `Subject contains a wildcard, which is not allowed: ${name}`;
  // The pattern allows the empty string (its whole body is optional); a file
  // named ".pem" is not a certificate, so refuse it too.
  if (name === '' || !CERTNAME_PATTERN.test(name)) return 'Subject hostname format is invalid';
  return undefined;
}

export function isValidCertname(name: string): boolean {
  return certnameProblem(name) === undefined;
}
