// What the authorization layer reads from an HTTP request and writes back, byte-compatible with
// puppetserver 7.9.5: Jetty's request-URI normalization, ring's query parsing, tk-auth's 403 text.

import type { AuthDecision, AuthRequest } from './authorize.js';
import { NO_RULE_MATCHED } from './authorize.js';

export type NormalizedPath = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly status: 400; readonly message: string };

/**
 * puppetserver mounts every service with `normalize-request-uri`, so tk-auth and the handlers see
 * the path percent-decoded (UTF-8, falling back to ISO-8859-1), with ";params" cut up to the next
 * "/", and repeated "/" compacted. A "." or ".." segment is refused with 400 and this message.
 * `rawPath` is the request target's path exactly as received (no query string).
 */
export function normalizeRequestPath(rawPath: string): NormalizedPath {
  const decoded = decodePath(rawPath);
  if (decoded === undefined) return { ok: false, status: 400, message: 'Bad Request' };
  const segments = decoded.split('/');
  if (segments.some((s) => s === '.' || s === '..')) {
    return { ok: false, status: 400, message: `Invalid relative path (.. or .) in: ${decoded}` };
  }
  return { ok: true, path: decoded.replace(/\/{2,}/g, '/') };
}

/** Jetty 9.4 URIUtil.decodePath; undefined for a malformed %-escape (Jetty answers 400). */
function decodePath(raw: string): string | undefined {
  if (!/[%;]/.test(raw)) return raw;
  const bytes: number[] = [];
  const pushText = (s: string): void => {
    for (const b of Buffer.from(s, 'utf8')) bytes.push(b);
  };
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '%') {
      if (i + 2 >= raw.length) return undefined;
      if (raw[i + 1] === 'u') {
        const hex = raw.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) return undefined;
        pushText(String.fromCharCode(parseInt(hex, 16)));
        i += 5;
      } else {
        const hex = raw.slice(i + 1, i + 3);
        if (!/^[0-9a-fA-F]{2}$/.test(hex)) return undefined;
        bytes.push(parseInt(hex, 16));
        i += 2;
      }
    } else if (c === ';') {
      const slash = raw.indexOf('/', i + 1);
      if (slash < 0) break;
      bytes.push(0x2f);
      i = slash;
    } else {
      pushText(c);
    }
  }
  const buf = Buffer.from(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return buf.toString('latin1');
  }
}

/**
 * Decodes a raw query string the way ring's form-decode does for tk-auth's query-params: "+" is a
 * space, repeated keys collect their values, a pair without "=" has the value "". A query string
 * with no "=" at all yields no parameters; a key or value with a malformed %-escape is dropped.
 */
export function parseQueryString(raw: string): Map<string, string[]> {
  const params = new Map<string, string[]>();
  if (!raw.includes('=')) return params;
  for (const pair of raw.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = formDecode(eq < 0 ? pair : pair.slice(0, eq));
    const value = formDecode(eq < 0 ? '' : pair.slice(eq + 1));
    if (key === undefined || value === undefined) continue;
    const list = params.get(key);
    if (list) list.push(value);
    else params.set(key, [value]);
  }
  return params;
}

/** java.net.URLDecoder: "+" is a space, bad UTF-8 becomes U+FFFD, a malformed %-escape fails. */
function formDecode(s: string): string | undefined {
  if (!s.includes('%')) return s.replace(/\+/g, ' ');
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '%') {
      const hex = s.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) return undefined;
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      for (const b of Buffer.from(c === '+' ? ' ' : c, 'utf8')) bytes.push(b);
    }
  }
  return new TextDecoder('utf-8').decode(Buffer.from(bytes));
}

/**
 * The 403 body tk-auth sends (plain text, no Content-Type header): the same words an agent sees
 * from puppetserver. Bunraku names the deciding rule in a header and the log, not here.
 */
export function forbiddenBody(decision: AuthDecision, request: Pick<AuthRequest, 'method' | 'path'>): string {
  if (decision.rule === undefined) return NO_RULE_MATCHED;
  return `Forbidden request: ${request.path} (method :${request.method}). Please see the server logs for details.`;
}

/** Header carrying the deciding rule on Bunraku's 403s (absent on puppetserver's). */
export const AUTH_RULE_HEADER = 'X-Bunraku-Auth-Rule';

/** The header value: the rule name, or the no-match reason; header-safe (printable ASCII only). */
export function authRuleHeaderValue(decision: AuthDecision): string {
  const text = decision.rule ?? NO_RULE_MATCHED;
  return /^[\x20-\x7e]*$/.test(text) ? text : encodeURIComponent(text);
}

/**
 * tk-auth's ERROR log line for a denied request, e.g.
 * `Forbidden request: agent1.example.test(127.0.0.1) access to /puppet/v3/node/x (method :get) (authenticated: true) denied by rule 'puppetlabs node'.`
 * A request no rule matched logs `global deny all - no rules matched`.
 */
export function forbiddenLogLine(decision: AuthDecision, request: AuthRequest, remoteAddress: string): string {
  if (decision.rule === undefined) return NO_RULE_MATCHED;
  const name = request.certname ?? '';
  const from = name === '' ? remoteAddress : `${name}(${remoteAddress})`;
  const authenticated = request.authenticated && name !== '';
  return `Forbidden request: ${from} access to ${request.path} (method :${request.method}) (authenticated: ${authenticated}) denied by rule '${decision.rule}'.`;
}
