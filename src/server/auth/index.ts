// The auth.conf (trapperkeeper-authorization) engine's public surface, for the HTTPS server.
//
// Per request, in puppetserver's order:
//   1. normalizeRequestPath(rawPath)      -> 400 with `message` if not ok
//   2. route the request (unknown routes are a 404 without any authorization, like puppetserver)
//   3. authorize(config, { method, path, query: parseQueryString(rawQuery), authenticated, certname,
//                          dnsAltNames, extensions }, { oidMap })
//   4. on deny: 403, no Content-Type, body forbiddenBody(), header AUTH_RULE_HEADER, log forbiddenLogLine()

export { parseHocon, HoconError } from './hocon.js';
export { mergeConfFiles, DuplicateSettingError } from './conf-dir.js';
export type { ConfFile } from './conf-dir.js';
export type { HoconDocument, HoconObject, HoconValue, HoconPosition } from './hocon.js';
export { loadAuthConfig, compileAuthConfig, AuthConfigError } from './rules.js';
export type { AuthConfig, Rule, Ace } from './rules.js';
export { authorize, NO_RULE_MATCHED } from './authorize.js';
export type { AuthRequest, AuthDecision, AuthorizeOptions, QueryParams } from './authorize.js';
export { caOidMap, NO_OID_MAP, PUPPET_SHORT_NAMES } from './oids.js';
export {
  normalizeRequestPath,
  parseQueryString,
  forbiddenBody,
  forbiddenLogLine,
  AUTH_RULE_HEADER,
  authRuleHeaderValue,
} from './wire.js';
export type { NormalizedPath } from './wire.js';
export { commonNameFromDn, headerVerified, pemFromCertHeader } from './header-identity.js';
