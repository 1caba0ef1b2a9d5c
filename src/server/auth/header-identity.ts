// Client identity from X-Client-* headers, for `allow-header-cert-info: true` (TLS terminated by
// a proxy in front of the server), the way tk-auth's ring middleware reads them.

export const CLIENT_DN_HEADER = 'x-client-dn';
export const CLIENT_VERIFY_HEADER = 'x-client-verify';
export const CLIENT_CERT_HEADER = 'x-client-cert';

/**
 * The CN of an `X-Client-DN` value: tried as an RFC 2253 DN (`CN=agent1,O=Example`), then as the
 * legacy OpenSSL form (`/O=Example/CN=agent1`). Undefined when there is no CN, which makes the
 * request unauthenticated.
 */
export function commonNameFromDn(dn: string | undefined): string | undefined {
  if (dn === undefined || dn === '') return undefined;
  const rfc = parseRfc2253(dn);
  if (rfc !== undefined) return rfc.find(([type]) => type.toUpperCase() === 'CN' || type === '2.5.4.3')?.[1];
  for (const part of dn.split('/')) {
    const eq = part.indexOf('=');
    if (eq >= 0 && part.slice(0, eq) === 'CN') return part.slice(eq + 1);
  }
  return undefined;
}

/** Only the exact value SUCCESS counts as verified. */
export function headerVerified(verify: string | undefined): boolean {
  return verify === 'SUCCESS';
}

/** The PEM in `X-Client-Cert` (URL-encoded); undefined if absent, an Error if it cannot be decoded. */
export function pemFromCertHeader(value: string | undefined): string | undefined | Error {
  if (value === undefined) return undefined;
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return new Error(`Unable to URL decode the ${CLIENT_CERT_HEADER} header`);
  }
}

/** [type, value] pairs of an RFC 2253 DN, or undefined if the text is not one. */
function parseRfc2253(dn: string): [string, string][] | undefined {
  const out: [string, string][] = [];
  let i = 0;
  while (i < dn.length) {
    const typeMatch = /^\s*([A-Za-z][A-Za-z0-9-]*|[0-9]+(?:\.[0-9]+)*)\s*=/.exec(dn.slice(i));
    if (!typeMatch) return undefined;
    i += typeMatch[0].length;
    let value = '';
    if (dn[i] === '#') {
      const hex = /^#[0-9A-Fa-f]+/.exec(dn.slice(i));
      if (!hex) return undefined;
      value = hex[0];
      i += hex[0].length;
    } else if (dn[i] === '"') {
      const end = dn.indexOf('"', i + 1);
      if (end < 0) return undefined;
      value = dn.slice(i + 1, end);
      i = end + 1;
    } else {
      while (i < dn.length && dn[i] !== ',' && dn[i] !== ';' && dn[i] !== '+') {
        if (dn[i] === '\\') {
          const hex = /^[0-9A-Fa-f]{2}/.exec(dn.slice(i + 1));
          if (hex) {
            value += String.fromCharCode(parseInt(hex[0], 16));
            i += 3;
            continue;
          }
          if (i + 1 >= dn.length) return undefined;
          value += dn[i + 1];
          i += 2;
          continue;
        }
        if (dn[i] === '=' || dn[i] === '/') return undefined;
        value += dn[i];
        i++;
      }
      value = value.trim();
    }
    out.push([typeMatch[1]!, value]);
    while (i < dn.length && /\s/.test(dn[i]!)) i++;
    if (i < dn.length) {
      if (dn[i] !== ',' && dn[i] !== ';' && dn[i] !== '+') return undefined;
      i++;
      if (i >= dn.length) return undefined;
    }
  }
  return out.length > 0 ? out : undefined;
}
