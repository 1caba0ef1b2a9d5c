// The authorization decision for one request: tk-auth's rule matching and ACL check, pure.
//
// Faithful to trapperkeeper-authorization 1.0 as puppetserver 7.9.5 runs it (rules.clj, acl.clj),
// and checked against a live puppetserver (see authorize.test.ts). Revoked certificates and certs
// from a foreign CA fail at the TLS layer; they reach this function as unauthenticated requests.

import type { Ace, AuthConfig, NameAce, Rule, SanKind } from './rules.js';
import { classifyName, splitDomain } from './rules.js';
import { PUPPET_SHORT_NAMES, SUBJECT_ALT_NAME_KEY, SUBJECT_ALT_NAME_OID } from './oids.js';

/** Query parameters as decoded from the query string (see parseQueryString). */
export type QueryParams =
  | ReadonlyMap<string, readonly string[]>
  | Readonly<Record<string, string | readonly string[] | undefined>>;

export interface AuthRequest {
  /** Lower-case HTTP method: "get", "post", "put", "delete", "head". */
  readonly method: string;
  /**
   * The request path as tk-auth sees it: puppetserver's Jetty normalizes the URI first
   * (percent-decoded, ";params" removed, "//" compacted; "." and ".." segments are a 400).
   * Pass the `path` that normalizeRequestPath returns. No query string.
   */
  readonly path: string;
  readonly query?: QueryParams;
  /** A client certificate was presented and verified (revoked / foreign certs never get here as true). */
  readonly authenticated: boolean;
  /** The certificate's CN. An empty or missing CN makes the request unauthenticated. */
  readonly certname?: string;
  /** DNS names of the certificate's subjectAltName extension (undefined: the cert has none). */
  readonly dnsAltNames?: readonly string[];
  /** The other subjectAltName kinds, for `subject-alt-name` extension ACEs. */
  readonly altNames?: Readonly<Partial<Record<Exclude<SanKind, 'dns-name'>, readonly string[]>>>;
  /** Certificate extensions by dotted OID, values as strings (e.g. pp_cli_auth = "true"). */
  readonly extensions?: Readonly<Record<string, string>>;
}

export interface AuthorizeOptions {
  /**
   * OID -> short name map for extension ACEs: caOidMap(custom trusted OID mapping) when the CA
   * service is enabled (the default, Puppet's short names), NO_OID_MAP when it is disabled, in
   * which case short names like pp_role never match and only dotted OIDs do.
   */
  readonly oidMap?: ReadonlyMap<string, string>;
}

export interface AuthDecision {
  readonly allowed: boolean;
  /** The name of the rule that decided; undefined when no rule matched. */
  readonly rule?: string;
  /** Why, for logs and the X-Bunraku-Auth-Rule header. */
  readonly reason: string;
}

export const NO_RULE_MATCHED = 'global deny all - no rules matched';

/** Decides one request. Never throws for any request input. */
export function authorize(config: AuthConfig, request: AuthRequest, options: AuthorizeOptions = {}): AuthDecision {
  if (request.method !== request.method.toLowerCase()) request = { ...request, method: request.method.toLowerCase() };
  for (const rule of config.rules) {
    const captures = matchRule(rule, request);
    if (captures === undefined) continue;
    return decide(rule, captures, request, options.oidMap ?? PUPPET_SHORT_NAMES);
  }
  return { allowed: false, reason: NO_RULE_MATCHED };
}

/** The rule's capture groups if it matches the request, else undefined. */
function matchRule(rule: Rule, request: AuthRequest): readonly (string | undefined)[] | undefined {
  if (rule.methods !== undefined && !rule.methods.has(request.method)) return undefined;
  if (rule.queryParams !== undefined) {
    for (const [param, wanted] of rule.queryParams) {
      if (!queryValues(request.query, param).some((v) => wanted.has(v))) return undefined;
    }
  }
  if (rule.regex === undefined) return request.path.startsWith(rule.path) ? [] : undefined;
  const m = rule.regex.exec(request.path);
  return m === null ? undefined : m.slice(1);
}

function queryValues(query: QueryParams | undefined, param: string): readonly string[] {
  if (query === undefined) return [];
  if (query instanceof Map) return (query as ReadonlyMap<string, readonly string[]>).get(param) ?? [];
  const record = query as Readonly<Record<string, string | readonly string[] | undefined>>;
  if (!Object.prototype.hasOwnProperty.call(record, param)) return [];
  const v = record[param];
  return v === undefined ? [] : typeof v === 'string' ? [v] : v;
}

function decide(rule: Rule, captures: readonly (string | undefined)[], request: AuthRequest, oidMap: ReadonlyMap<string, string>): AuthDecision {
  const by = `rule "${rule.name}"`;
  if (rule.allowUnauthenticated) {
    return { allowed: true, rule: rule.name, reason: `allowed by ${by}: allow-unauthenticated is true` };
  }
  const certname = request.certname ?? '';
  if (!request.authenticated || certname === '') {
    return { allowed: false, rule: rule.name, reason: `denied by ${by}: the client is not authenticated` };
  }
  const client = new Client(request, oidMap);
  for (const ace of rule.aces) {
    let matched: boolean;
    try {
      matched = aceMatches(ace, client, captures);
    } catch (e) {
      if (!(e instanceof BackreferenceError)) throw e;
      // tk-auth throws here and puppetserver answers HTTP 500; a denial is the safe equivalent.
      return { allowed: false, rule: rule.name, reason: `denied by ${by}: ${e.message}` };
    }
    if (matched) {
      return ace.auth === 'deny'
        ? { allowed: false, rule: rule.name, reason: `denied by ${by}: matched deny ${ace.source}` }
        : { allowed: true, rule: rule.name, reason: `allowed by ${by}: matched allow ${ace.source}` };
    }
  }
  return { allowed: false, rule: rule.name, reason: `denied by ${by}: no allow entry matched "${certname}"` };
}

class BackreferenceError extends Error {}

/** What the ACEs are matched against; derived lazily because most rules never need it all. */
class Client {
  private labelsCache: string[][] | undefined;
  private extensionsCache: Map<string, string> | undefined;
  readonly names: readonly string[];

  constructor(
    private readonly request: AuthRequest,
    private readonly oidMap: ReadonlyMap<string, string>,
  ) {
    const cn = request.certname ?? '';
    // With DNS SANs present, any of them or the CN may match a name ACE (tk-auth >= 0.7).
    this.names = request.dnsAltNames !== undefined ? [...request.dnsAltNames, cn] : [cn];
  }

  get labels(): string[][] {
    return (this.labelsCache ??= this.names.map(splitDomain));
  }

  /** Extension values keyed the way tk-auth keys them: short name if the map knows the OID. */
  get extensions(): Map<string, string> {
    if (this.extensionsCache === undefined) {
      this.extensionsCache = new Map();
      for (const [oid, value] of Object.entries(this.request.extensions ?? {})) {
        if (oid === SUBJECT_ALT_NAME_OID) continue;
        this.extensionsCache.set(this.oidMap.get(oid) ?? oid, value);
      }
    }
    return this.extensionsCache;
  }

  /** The subjectAltName kinds present on the certificate, undefined if it has none. */
  sanValues(kind: SanKind): readonly string[] | undefined {
    if (kind === 'dns-name') return this.request.dnsAltNames;
    return this.request.altNames?.[kind];
  }

  get hasSan(): boolean {
    return this.request.dnsAltNames !== undefined || Object.keys(this.request.altNames ?? {}).length > 0;
  }

  canonicalKey(key: string): string {
    if (key === SUBJECT_ALT_NAME_OID) return SUBJECT_ALT_NAME_KEY;
    return this.oidMap.get(key) ?? key;
  }
}

function aceMatches(ace: Ace, client: Client, captures: readonly (string | undefined)[]): boolean {
  switch (ace.kind) {
    case 'extensions':
      return extensionsMatch(ace, client);
    case 'rbac':
      return false;
    case 'backreference':
      return nameAceMatches(substitute(ace.labels, ace.source, captures), client);
    default:
      return nameAceMatches(ace, client);
  }
}

function nameAceMatches(ace: NameAce, client: Client): boolean {
  switch (ace.kind) {
    case 'any':
      return true;
    case 'regex':
      return client.names.some((n) => ace.regex.test(n));
    case 'glob':
      return client.labels.some((l) => l.length >= ace.labels.length && ace.labels.every((x, i) => x === l[i]));
    case 'name':
      return client.labels.some((l) => l.length === ace.labels.length && ace.labels.every((x, i) => x === l[i]));
  }
}

/** tk-auth's interpolate-backreference: rebuild the name from its labels, substitute, re-classify. */
function substitute(labels: readonly string[], source: string, captures: readonly (string | undefined)[]): NameAce {
  const template = [...labels].reverse().join('.');
  let failed: string | undefined;
  const text = template.replace(/\$(\d+)/g, (_, n: string) => {
    const value = captures[Number(n) - 1];
    if (value === undefined) failed = `the back-reference "$${n}" in ${JSON.stringify(source)} refers to a group that did not take part in the match`;
    return value ?? '';
  });
  if (failed !== undefined) throw new BackreferenceError(failed);
  const ace = classifyName(text);
  if (ace === undefined || ace === 'regex-error') {
    throw new BackreferenceError(`${JSON.stringify(source)} became ${JSON.stringify(text)}, which is not a valid name (invalid domain value)`);
  }
  // A capture that itself looks like "$2" stays a back-reference; tk-auth then compares its labels.
  return ace.kind === 'backreference' ? { kind: 'name', labels: ace.labels } : ace;
}

function extensionsMatch(ace: Extract<Ace, { kind: 'extensions' }>, client: Client): boolean {
  for (const entry of ace.entries) {
    const key = client.canonicalKey(entry.key);
    if (key === SUBJECT_ALT_NAME_KEY) {
      if (!('san' in entry) || !client.hasSan) return false;
      let any = false;
      for (const [kind, wanted] of entry.san) {
        const have = client.sanValues(kind);
        if (have !== undefined && have.some((v) => wanted.includes(v))) {
          any = true;
          break;
        }
      }
      if (!any) return false;
      continue;
    }
    if (!('values' in entry)) return false;
    const value = client.extensions.get(key);
    if (value === undefined || !entry.values.includes(value)) return false;
  }
  return true;
}
