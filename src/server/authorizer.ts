// The auth.conf gate of the server: loads the rules (the configured file, or
// puppetserver's defaults shipped in data/auth.conf) and adapts the auth
// helper's pure `authorize` to the server core's request shape. CA routes get
// the OID short-name map, as puppetserver passes it only for its CA service.
import { readFile } from 'node:fs/promises';
import { authorize, type AuthRequest } from './auth/authorize.js';
import { loadAuthConfig, type AuthConfig } from './auth/rules.js';
import { caOidMap } from './auth/oids.js';
import { parseQueryString, forbiddenBody, forbiddenLogLine, AUTH_RULE_HEADER, authRuleHeaderValue } from './auth/wire.js';
import type { AuthorizationDecision, AuthorizationRequest, Authorizer, ForbiddenRenderer, ServerLog } from './server.js';

export interface AuthGate {
  authorize: Authorizer;
  forbidden: ForbiddenRenderer;
  /** Where the rules came from, for the start-up log. */
  source: string;
}

function toAuthRequest(req: AuthorizationRequest): AuthRequest {
  const id = req.identity;
  return {
    method: req.method,
    path: req.path,
    query: parseQueryString(req.rawQuery),
    authenticated: id.authenticated,
    certname: id.certname,
    dnsAltNames: id.certname === undefined ? undefined : id.dnsNames,
    altNames: id.altNames,
    extensions: id.extensions,
  };
}

/** Builds the gate over compiled rules. */
export function authGate(config: AuthConfig, source: string): AuthGate {
  const caMap = caOidMap();
  return {
    source,
    authorize: (req) => authorize(config, toAuthRequest(req), req.path.startsWith('/puppet-ca/') ? { oidMap: caMap } : {}),
    forbidden: (decision: AuthorizationDecision, req: AuthorizationRequest) => {
      const authReq = toAuthRequest(req);
      return {
        body: forbiddenBody(decision, authReq),
        headers: { [AUTH_RULE_HEADER]: authRuleHeaderValue(decision) },
        logLine: forbiddenLogLine(decision, authReq, req.ip),
      };
    },
  };
}

/** puppetserver's default rules, shipped with the package in data/ (from src/server/ or dist/src/server/). */
async function readDefaultAuthConf(): Promise<{ text: string; url: URL }> {
  let lastError: unknown;
  for (const rel of ['../../data/auth.conf', '../../../data/auth.conf']) {
    const url = new URL(rel, import.meta.url);
    try {
      return { text: await readFile(url, 'utf8'), url };
    } catch (err) {
      lastError = err;
    }
  }
  throw new Error(`Cannot find the default auth.conf in the package: ${(lastError as Error).message}`);
}

/** Loads `path` (rest_authconfig) when it exists, else the default rules. Throws on invalid rules. */
export async function loadAuthorizer(path: string, log: ServerLog): Promise<AuthGate> {
  let text: string;
  let source = path;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`Cannot read auth.conf "${path}": ${(err as Error).message}`);
    const fallback = await readDefaultAuthConf();
    text = fallback.text;
    source = `${fallback.url.pathname} (puppetserver's default rules; ${path} does not exist)`;
  }
  const config = loadAuthConfig(text, source);
  if (config.allowHeaderCertInfo) {
    // Header identities only make sense behind a TLS-terminating proxy, which
    // Bunraku does not support yet; trusting them on a TLS listener would let
    // any client claim any name.
    log('warning', `${source}: allow-header-cert-info is not supported; clients are identified by their TLS certificate`);
  }
  const gate = authGate(config, source);
  log('info', `Authorization rules from ${source}`);
  return gate;
}
