// Loads and validates tk-auth `authorization` settings into compiled, sorted, immutable rules.
//
// Validation follows trapperkeeper-authorization 1.0 (authorization_core.clj, acl.clj): a bad
// file is refused as a whole with an error naming the rule and the problem, so the server does
// not start. Regexes are compiled here, once; authorize() only runs them.

import { parseHocon, type HoconPosition } from './hocon.js';
import { captureGroupCount, compileJavaRegex, JavaRegexError } from './java-regex.js';
import { SUBJECT_ALT_NAME_KEY } from './oids.js';

export type HttpMethod = 'get' | 'post' | 'put' | 'delete' | 'head';
const METHODS: ReadonlySet<string> = new Set(['delete', 'get', 'head', 'post', 'put']);

export const SAN_KINDS = [
  'dns-name', 'ip', 'other-name', 'rfc822-name', 'x400-address',
  'directory-name', 'edi-party-name', 'uri', 'registered-id',
] as const;
export type SanKind = (typeof SAN_KINDS)[number];

/** An ACE for a name (the cert's CN or a DNS SAN), after tk-auth's classification. */
export type NameAce =
  /** "*": any name. */
  | { readonly kind: 'any' }
  /** Exact dotted name (labels lower-cased, reversed) or opaque word (one label, as written). */
  | { readonly kind: 'name'; readonly labels: readonly string[] }
  /** "*.example.com": reversed labels without the "*"; a label-wise suffix test. */
  | { readonly kind: 'glob'; readonly labels: readonly string[] }
  /** "/re/": an unanchored search in the name as presented (not lower-cased). */
  | { readonly kind: 'regex'; readonly regex: RegExp };

export type Ace = (
  | NameAce
  /** "$1.example.com": labels lower-cased and reversed; re-classified after substitution. */
  | { readonly kind: 'backreference'; readonly labels: readonly string[] }
  | { readonly kind: 'extensions'; readonly entries: readonly ExtensionEntry[] }
  /** RBAC permission: puppetserver FOSS has no RBAC service, so it never matches. */
  | { readonly kind: 'rbac'; readonly permission: string }
) & { readonly auth: 'allow' | 'deny'; readonly source: string };

export type ExtensionEntry =
  | { readonly key: string; readonly values: readonly string[] }
  | { readonly key: typeof SUBJECT_ALT_NAME_KEY | string; readonly san: ReadonlyMap<SanKind, readonly string[]> };

export interface Rule {
  readonly name: string;
  readonly sortOrder: number;
  readonly type: 'path' | 'regex';
  /** The path as written: a literal prefix (type path) or a Java regex (type regex). */
  readonly path: string;
  /** Compiled pattern for type regex; undefined for type path (a startsWith test). */
  readonly regex: RegExp | undefined;
  /** Undefined means any method. */
  readonly methods: ReadonlySet<string> | undefined;
  readonly queryParams: ReadonlyMap<string, ReadonlySet<string>> | undefined;
  readonly allowUnauthenticated: boolean;
  /** Deny entries first, then allow entries, each in file order (tk-auth's ACL order). */
  readonly aces: readonly Ace[];
  readonly position: HoconPosition | undefined;
}

export interface AuthConfig {
  readonly allowHeaderCertInfo: boolean;
  /** Sorted by (sort-order, name by code point); the first match wins. */
  readonly rules: readonly Rule[];
}

export class AuthConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthConfigError';
  }
}

type Locate = (node: object) => HoconPosition | undefined;

/** Parses an auth.conf file and compiles its `authorization` section. */
export function loadAuthConfig(text: string, file: string): AuthConfig {
  const doc = parseHocon(text, file);
  return compileAuthConfig(doc.root['authorization'], (n) => doc.positionOf(n), file);
}

/**
 * Compiles an already-parsed `authorization` value (puppetserver merges all conf.d files, so it
 * may come from any of them). `locate` maps parsed objects to their source positions.
 */
export function compileAuthConfig(value: unknown, locate: Locate = () => undefined, file = 'auth.conf'): AuthConfig {
  if (value === undefined || value === null) {
    throw new AuthConfigError(`${file}: Missing authorization service configuration (no "authorization" section)`);
  }
  if (!isMap(value)) throw new AuthConfigError(`${file}: The "authorization" setting must be an object`);
  const where = prefix(locate, value, file);
  const header = value['allow-header-cert-info'];
  if (header !== undefined && header !== null && typeof header !== 'boolean') {
    throw new AuthConfigError(`${where}"allow-header-cert-info" must be true or false, not ${show(header)}`);
  }
  if (value['version'] !== 1) {
    throw new AuthConfigError(`${where}Unsupported or missing "version" ${show(value['version'])}; the only supported version is 1`);
  }
  const raw = value['rules'];
  if (!Array.isArray(raw)) throw new AuthConfigError(`${where}"rules" must be a list, not ${show(raw)}`);
  const rules = raw.map((r, i) => compileRule(r, i, locate, file));
  const seen = new Map<string, Rule>();
  for (const rule of rules) {
    const other = seen.get(rule.name);
    if (other) {
      throw new AuthConfigError(
        `${prefixAt(rule.position, file)}Duplicate rule name "${rule.name}" (also at ${describePosition(other.position, file)}); rule names must be unique`,
      );
    }
    seen.set(rule.name, rule);
  }
  rules.sort(compareRules);
  return Object.freeze({ allowHeaderCertInfo: header === true, rules: Object.freeze(rules) });
}

/** tk-auth's order: sort-order, then name compared by code point (Java String.compareTo is by UTF-16 unit). */
function compareRules(a: Rule, b: Rule): number {
  if (a.sortOrder !== b.sortOrder) return a.sortOrder - b.sortOrder;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function compileRule(raw: unknown, index: number, locate: Locate, file: string): Rule {
  if (!isMap(raw)) {
    throw new AuthConfigError(`${file}: Rule #${index + 1} must be an object, not ${show(raw)}`);
  }
  const position = locate(raw);
  const label = typeof raw['name'] === 'string' ? `Rule "${raw['name']}"` : `Rule #${index + 1}`;
  const fail = (problem: string): never => {
    throw new AuthConfigError(`${prefixAt(position, file)}${label}: ${problem}`);
  };

  const match = raw['match-request'];
  if (match === undefined || match === null || match === false) fail('missing the "match-request" section');
  if (!isMap(match)) return fail(`"match-request" must be an object, not ${show(match)}`);
  for (const key of ['path', 'type']) {
    if (!(key in match)) fail(`"match-request" has no "${key}" key`);
  }
  for (const key of ['sort-order', 'name']) {
    if (raw[key] === undefined || raw[key] === null || raw[key] === false) fail(`missing the "${key}" key`);
  }
  const name = raw['name'];
  if (typeof name !== 'string') return fail(`"name" must be a string, not ${show(name)}`);
  const sortOrder = raw['sort-order'];
  if (typeof sortOrder !== 'number' || !Number.isInteger(sortOrder) || sortOrder < 1 || sortOrder > 999) {
    fail(`"sort-order" must be a whole number from 1 to 999, not ${show(sortOrder)}`);
  }

  const allowUnauth = raw['allow-unauthenticated'];
  if (allowUnauth !== undefined && allowUnauth !== null && typeof allowUnauth !== 'boolean') {
    fail(`"allow-unauthenticated" must be true or false, not ${show(allowUnauth)}`);
  }
  const hasAcl = 'allow' in raw || 'deny' in raw;
  if (allowUnauth === true && hasAcl) fail('"allow-unauthenticated: true" cannot be combined with "allow" or "deny"');
  if (allowUnauth !== true && !hasAcl) fail('must have an "allow" or a "deny" entry (or "allow-unauthenticated: true")');

  const type = match['type'];
  if (type !== 'path' && type !== 'regex') fail(`"type" must be "path" or "regex", not ${show(type)}`);
  const path = match['path'];
  if (typeof path !== 'string') return fail(`"path" must be a string, not ${show(path)}`);

  let methods: Set<string> | undefined;
  const method = match['method'];
  if (method !== undefined && method !== null) {
    const list = Array.isArray(method) ? method : [method];
    methods = new Set();
    for (const m of list) {
      if (typeof m !== 'string' || !METHODS.has(m.toLowerCase())) {
        fail(`invalid method ${show(m)}; a method must be one of "delete", "get", "head", "post", "put"`);
      }
      methods.add((m as string).toLowerCase());
    }
  }

  let regex: RegExp | undefined;
  let groups = 0;
  if (type === 'regex') {
    try {
      regex = compileJavaRegex(path);
    } catch (e) {
      if (e instanceof JavaRegexError) fail(`the path regex is invalid: ${e.message}`);
      throw e;
    }
    groups = captureGroupCount(regex!);
  }

  const aces: Ace[] = [];
  for (const auth of ['deny', 'allow'] as const) {
    if (!(auth in raw)) continue;
    const value = raw[auth];
    const list = Array.isArray(value) ? value : [value];
    for (const entry of list) aces.push(compileAce(auth, entry, groups, type === 'regex', fail));
  }

  let queryParams: Map<string, Set<string>> | undefined;
  const qp = match['query-params'];
  if (qp !== undefined && qp !== null) {
    if (!isMap(qp)) fail(`"query-params" must be an object, not ${show(qp)}`);
    queryParams = new Map();
    for (const [param, v] of Object.entries(qp as Record<string, unknown>)) {
      const values = Array.isArray(v) ? v : [v];
      if (!values.every((x) => typeof x === 'string')) {
        fail(`the query-param "${param}" must be a string or a list of strings, not ${show(v)}`);
      }
      queryParams.set(param, new Set(values as string[]));
    }
  }

  return Object.freeze({
    name,
    sortOrder: sortOrder as number,
    type: type as 'path' | 'regex',
    path,
    regex,
    methods,
    queryParams,
    allowUnauthenticated: allowUnauth === true,
    aces: Object.freeze(aces),
    position,
  });
}

function compileAce(auth: 'allow' | 'deny', entry: unknown, groups: number, isRegexRule: boolean, fail: (p: string) => never): Ace {
  if (typeof entry === 'string') return compileNameEntry(auth, entry, groups, isRegexRule, fail);
  if (!isMap(entry)) return fail(`the ${auth} entry ${show(entry)} must be a string or an object with "certname" or "extensions"`);
  const keys = ['certname', 'extensions', 'rbac'].filter((k) => entry[k] !== undefined && entry[k] !== null && entry[k] !== false);
  if (keys.length !== 1) {
    fail(`the ${auth} entry ${show(entry)} must contain exactly one of "certname", "extensions" or "rbac"`);
  }
  const [key] = keys;
  if (key === 'certname') {
    if (typeof entry['certname'] !== 'string') fail(`"certname" in the ${auth} entry must be a string, not ${show(entry['certname'])}`);
    return compileNameEntry(auth, entry['certname'] as string, groups, isRegexRule, fail);
  }
  if (key === 'rbac') {
    const rbac = entry['rbac'];
    const permission = isMap(rbac) ? rbac['permission'] : undefined;
    if (typeof permission !== 'string' || !/.*:.*:.*/.test(permission)) {
      fail(`"rbac" in the ${auth} entry must be {permission: "object_type:action:instance"}, not ${show(rbac)}`);
    }
    if (auth === 'deny') fail(`RBAC permissions cannot be used to deny access (permission ${show(permission)})`);
    return { auth, kind: 'rbac', permission: permission as string, source: show(entry) };
  }
  const ext = entry['extensions'];
  if (!isMap(ext)) return fail(`"extensions" in the ${auth} entry must map extension names to a value or a list of values, not ${show(ext)}`);
  const entries: ExtensionEntry[] = [];
  for (const [k, v] of Object.entries(ext)) {
    if (k === SUBJECT_ALT_NAME_KEY) {
      if (!isMap(v)) fail(`"subject-alt-name" in the ${auth} entry must be an object such as {dns-name: [...]}, not ${show(v)}`);
      const san = new Map<SanKind, readonly string[]>();
      for (const [kind, names] of Object.entries(v as Record<string, unknown>)) {
        if (!(SAN_KINDS as readonly string[]).includes(kind)) {
          fail(`unknown subject-alt-name kind "${kind}" in the ${auth} entry; use one of ${SAN_KINDS.map((s) => `"${s}"`).join(', ')}`);
        }
        const list = Array.isArray(names) ? names : [names];
        if (!list.every((x) => typeof x === 'string')) fail(`subject-alt-name "${kind}" must be a string or a list of strings, not ${show(names)}`);
        san.set(kind as SanKind, list as string[]);
      }
      entries.push({ key: k, san });
      continue;
    }
    const list = Array.isArray(v) ? v : [v];
    if (!list.every((x) => typeof x === 'string')) {
      fail(`the extension "${k}" in the ${auth} entry must map to a string or a list of strings, not ${show(v)}`);
    }
    entries.push({ key: k, values: list as string[] });
  }
  return { auth, kind: 'extensions', entries, source: show(entry) };
}

function compileNameEntry(auth: 'allow' | 'deny', text: string, groups: number, isRegexRule: boolean, fail: (p: string) => never): Ace {
  const backrefs = [...text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]));
  if (backrefs.length > 0) {
    // tk-auth checks only the largest back-reference, and only for regex rules; a path rule or
    // "$0" would fail on every request instead (an HTTP 500). Bunraku refuses them at load.
    const largest = Math.max(...backrefs);
    if (!isRegexRule) fail(`the ${auth} entry "${text}" uses the back-reference "$${largest}", but a "path" rule has no capture groups`);
    if (largest > groups) {
      fail(`the ${auth} entry "${text}" refers to the capture group "$${largest}", but the path regex has ${groups === 1 ? 'only 1 group' : `${groups} groups`}`);
    }
    if (backrefs.includes(0)) fail(`the ${auth} entry "${text}" uses "$0"; back-references start at "$1"`);
  }
  const ace = classifyName(text);
  if (ace === undefined) return fail(`invalid domain value ${show(text)} in the ${auth} entry`);
  if (ace === 'regex-error') return fail(`the ${auth} entry ${show(text)} is not a valid regular expression`);
  return { ...ace, auth, source: text };
}

const EXACT = /^(\w[-\w]*\.)+[-\w]+$/;
const GLOB = /^\*(\.(\w[-\w]*))+$/;
const BACKREF = /\$\d+/;
const OPAQUE = /^\w[-.@\w]*$/;
const SLASHED = /^\/.*\/$/s;

/**
 * tk-auth's `new-domain`: what kind of ACE a name string is, tested in its order. Undefined for
 * "invalid domain value"; also used on the result of back-reference substitution at request time.
 */
export function classifyName(text: string): NameAce | { readonly kind: 'backreference'; readonly labels: readonly string[] } | undefined | 'regex-error' {
  if (text === '*') return { kind: 'any' };
  if (EXACT.test(text)) return { kind: 'name', labels: splitDomain(text) };
  if (GLOB.test(text)) return { kind: 'glob', labels: splitDomain(text).slice(0, -1) };
  if (BACKREF.test(text)) return { kind: 'backreference', labels: splitDomain(text) };
  if (OPAQUE.test(text)) return { kind: 'name', labels: [text] };
  if (SLASHED.test(text)) {
    try {
      return { kind: 'regex', regex: compileJavaRegex(text.slice(1, -1)) };
    } catch (e) {
      if (e instanceof JavaRegexError) return 'regex-error';
      throw e;
    }
  }
  return undefined;
}

/**
 * Lower-cases, splits on "." the way Java's String.split does (trailing empty strings dropped)
 * and reverses: "a.Example.com" -> ["com", "example", "a"].
 */
export function splitDomain(name: string): string[] {
  const parts = name.toLowerCase().split('.');
  if (parts.length > 1) {
    while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  }
  return parts.reverse();
}

// --- helpers ---------------------------------------------------------------------------------

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(v: unknown): string {
  if (v === undefined) return '(none)';
  return JSON.stringify(v);
}

function describePosition(pos: HoconPosition | undefined, file: string): string {
  return pos ? `${pos.file}:${pos.line}:${pos.col}` : file;
}

function prefixAt(pos: HoconPosition | undefined, file: string): string {
  return `${describePosition(pos, file)}: `;
}

function prefix(locate: Locate, node: object, file: string): string {
  return prefixAt(locate(node), file);
}
