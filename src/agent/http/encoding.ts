// URL and form encoding exactly as the Puppet 7 agent writes it: query values
// are CGI-escaped with `+` turned into `%20` (Puppet::Util.uri_query_encode),
// paths keep RFC 2396's reserved characters (Puppet::Util.uri_encode), and a
// parameter list expands arrays into repeated keys and drops null values.

const QUERY_SAFE = /[A-Za-z0-9_.~-]/;
// RFC 2396 unreserved + reserved, minus `?` and `#` which would end the path.
const PATH_SAFE = /[A-Za-z0-9_.!~*'();/:@&=+$,[\]-]/;

function percentEncode(value: string, safe: RegExp): string {
  let out = '';
  for (const ch of value) {
    if (ch.length === 1 && safe.test(ch)) {
      out += ch;
      continue;
    }
    for (const byte of Buffer.from(ch, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Puppet::Util.uri_query_encode: `CGI.escape(s).gsub('+', '%20')`. */
export function queryEncode(value: string): string {
  return percentEncode(value, QUERY_SAFE);
}

/** Puppet::Util.uri_encode for a path: `/` and reserved characters stay, space becomes `%20`. */
export function pathEncode(path: string): string {
  return percentEncode(path, PATH_SAFE);
}

export type ParamValue = string | number | boolean | null | undefined | readonly (string | number | boolean)[];
export type Params = Readonly<Record<string, ParamValue>>;

/** Encodes parameters in insertion order; arrays repeat the key, null/undefined are left out. */
export function encodeParams(params: Params): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    for (const v of values as readonly (string | number | boolean)[]) parts.push(`${key}=${queryEncode(String(v))}`);
  }
  return parts.join('&');
}
