import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { authorize, type AuthRequest } from './authorize.js';
import { caOidMap, NO_OID_MAP } from './oids.js';
import { loadAuthConfig } from './rules.js';

const shipped = loadAuthConfig(readFileSync(new URL('../../../data/auth.conf', import.meta.url), 'utf8'), 'auth.conf');

function rules(text: string) {
  return loadAuthConfig(`authorization: { version: 1, rules: [\n${text}\n] }`, 'auth.conf');
}

const agent = (certname: string, more: Partial<AuthRequest> = {}): Omit<AuthRequest, 'method' | 'path'> => ({
  authenticated: true,
  certname,
  ...more,
});

function allowed(config: ReturnType<typeof rules>, request: AuthRequest, oidMap?: ReadonlyMap<string, string>): boolean {
  return authorize(config, request, oidMap ? { oidMap } : {}).allowed;
}

test('the first matching rule decides, even when it denies', () => {
  const c = rules(`
    { match-request: { path: "/a", type: path }, deny: "*", sort-order: 10, name: "first" },
    { match-request: { path: "/a", type: path }, allow: "*", sort-order: 20, name: "second" }`);
  assert.deepEqual(authorize(c, { method: 'get', path: '/a', ...agent('n.example.com') }), {
    allowed: false,
    rule: 'first',
    reason: 'denied by rule "first": matched deny *',
  });
});

test('no matching rule is the global deny', () => {
  const c = rules(`{ match-request: { path: "/a", type: path }, allow: "*", sort-order: 10, name: "a" }`);
  assert.deepEqual(authorize(c, { method: 'get', path: '/b', ...agent('n') }), {
    allowed: false,
    reason: 'global deny all - no rules matched',
  });
});

test('type path is a literal prefix; type regex is an unanchored search', () => {
  const c = rules(`
    { match-request: { path: "/x/file.(txt)", type: path }, allow: "*", sort-order: 1, name: "literal" },
    { match-request: { path: "b/c", type: regex }, allow: "*", sort-order: 2, name: "find" }`);
  const who = agent('n');
  assert.equal(authorize(c, { method: 'get', path: '/x/file.(txt)s/more', ...who }).rule, 'literal');
  assert.equal(authorize(c, { method: 'get', path: '/x/fileX(txt)', ...who }).rule, undefined);
  assert.equal(authorize(c, { method: 'get', path: '/a/b/c/d', ...who }).rule, 'find');
  assert.equal(authorize(c, { method: 'get', path: '/a/b/cd', ...who }).rule, 'find');
});

test('Java "$" also matches before a final newline (a decoded %0A)', () => {
  const c = rules(`{ match-request: { path: "^/n/([^/]+)$", type: regex }, allow: "*", sort-order: 1, name: "r" }`);
  assert.equal(authorize(c, { method: 'get', path: '/n/x\n', ...agent('n') }).rule, 'r');
  assert.equal(authorize(c, { method: 'get', path: '/n/x/\n', ...agent('n') }).rule, undefined);
});

test('methods: a listed method only; no method means any', () => {
  const c = rules(`
    { match-request: { path: "/m", type: path, method: [get, HEAD] }, allow: "*", sort-order: 1, name: "m" },
    { match-request: { path: "/", type: path }, deny: "*", sort-order: 2, name: "rest" }`);
  assert.equal(authorize(c, { method: 'head', path: '/m', ...agent('n') }).rule, 'm');
  assert.equal(authorize(c, { method: 'delete', path: '/m', ...agent('n') }).rule, 'rest');
  assert.equal(authorize(c, { method: 'options', path: '/x', ...agent('n') }).rule, 'rest');
  assert.equal(authorize(c, { method: 'GET', path: '/m', ...agent('n') }).rule, 'm');
});

test('query-params: every listed key needs one listed value; extra params are ignored', () => {
  const c = rules(`{ match-request: { path: "/q", type: path, query-params: { env: [prod, test], kind: x } }, allow: "*", sort-order: 1, name: "q" }`);
  const at = (query: AuthRequest['query']) => authorize(c, { method: 'get', path: '/q', query, ...agent('n') }).rule;
  assert.equal(at({ env: 'prod', kind: 'x', other: 'y' }), 'q');
  assert.equal(at({ env: ['dev', 'test'], kind: ['x'] }), 'q');
  assert.equal(at(new Map([['env', ['test']], ['kind', ['x']]])), 'q');
  assert.equal(at({ env: 'dev', kind: 'x' }), undefined);
  assert.equal(at({ env: 'prod' }), undefined);
  assert.equal(at({ ENV: 'prod', kind: 'x' }), undefined);
  assert.equal(at(undefined), undefined);
});

test('allow-unauthenticated admits anyone; other rules need an authenticated, named client', () => {
  const c = rules(`
    { match-request: { path: "/open", type: path }, allow-unauthenticated: true, sort-order: 1, name: "open" },
    { match-request: { path: "/", type: path }, allow: "*", sort-order: 2, name: "any" }`);
  assert.equal(allowed(c, { method: 'get', path: '/open', authenticated: false }), true);
  assert.deepEqual(authorize(c, { method: 'get', path: '/x', authenticated: false }), {
    allowed: false,
    rule: 'any',
    reason: 'denied by rule "any": the client is not authenticated',
  });
  assert.equal(allowed(c, { method: 'get', path: '/x', authenticated: true, certname: '' }), false);
  assert.equal(allowed(c, { method: 'get', path: '/x', authenticated: true }), false);
  assert.equal(allowed(c, { method: 'get', path: '/x', authenticated: false, certname: 'n' }), false);
  assert.equal(allowed(c, { method: 'get', path: '/x', authenticated: true, certname: 'n' }), true);
});

test('exact names compare every label, case-insensitively: no shorter or longer names', () => {
  const c = rules(`{ match-request: { path: "/", type: path }, allow: "Agent1.Example.com", sort-order: 1, name: "r" }`);
  const ok = (name: string) => allowed(c, { method: 'get', path: '/', ...agent(name) });
  assert.equal(ok('agent1.example.com'), true);
  assert.equal(ok('AGENT1.EXAMPLE.COM'), true);
  assert.equal(ok('agent1.example.com.'), true); // Java's split drops the trailing empty label
  assert.equal(ok('example.com'), false);
  assert.equal(ok('x.agent1.example.com'), false);
  assert.equal(ok('agent1'), false);
});

test('globs match the domain itself and any depth below it', () => {
  const c = rules(`{ match-request: { path: "/", type: path }, allow: "*.Example.com", sort-order: 1, name: "r" }`);
  const ok = (name: string) => allowed(c, { method: 'get', path: '/', ...agent(name) });
  assert.equal(ok('a.example.com'), true);
  assert.equal(ok('a.b.EXAMPLE.com'), true);
  assert.equal(ok('example.com'), true);
  assert.equal(ok('com'), false);
  assert.equal(ok('example.org'), false);
  assert.equal(ok('badexample.com'), false);
});

test('opaque words match only a one-label name written in lower case', () => {
  const c = rules(`
    { match-request: { path: "/lower", type: path }, allow: "localhost", sort-order: 1, name: "lower" },
    { match-request: { path: "/upper", type: path }, allow: "Localhost", sort-order: 1, name: "upper" },
    { match-request: { path: "/at", type: path }, allow: "user@host.example", sort-order: 1, name: "at" }`);
  const ok = (path: string, name: string) => allowed(c, { method: 'get', path, ...agent(name) });
  assert.equal(ok('/lower', 'localhost'), true);
  assert.equal(ok('/lower', 'LOCALHOST'), true);
  assert.equal(ok('/upper', 'localhost'), false);
  assert.equal(ok('/upper', 'Localhost'), false);
  assert.equal(ok('/at', 'user@host.example'), false);
});

test('regex ACEs search the name as presented, case-sensitively', () => {
  const c = rules(`{ match-request: { path: "/", type: path }, allow: "/^agent\\\\d+\\\\./", sort-order: 1, name: "r" }`);
  const ok = (name: string) => allowed(c, { method: 'get', path: '/', ...agent(name) });
  assert.equal(ok('agent12.example.com'), true);
  assert.equal(ok('Agent12.example.com'), false);
  assert.equal(ok('xagent1.example.com'), false);
});

test('back-references substitute capture groups, then classify the result again', () => {
  const c = rules(`
    { match-request: { path: "^/n/([^/]+)$", type: regex }, allow: "$1", sort-order: 1, name: "n" },
    { match-request: { path: "^/d/([^/]+)/([^/]+)$", type: regex }, allow: "$2.$1.example.com", sort-order: 1, name: "d" }`);
  const ok = (path: string, name: string) => allowed(c, { method: 'get', path, ...agent(name) });
  assert.equal(ok('/n/agent1.example.com', 'agent1.example.com'), true);
  assert.equal(ok('/n/AGENT1.example.com', 'agent1.example.com'), true);
  assert.equal(ok('/n/agent2.example.com', 'agent1.example.com'), false);
  assert.equal(ok('/n/example.com', 'agent1.example.com'), false);
  assert.equal(ok('/d/dc1/web', 'web.dc1.example.com'), true);
  // A capture that is itself an ACE form takes that form.
  assert.equal(ok('/n/*', 'anyone.example.com'), true);
  assert.equal(ok('/n/*.example.com', 'x.example.com'), true);
  assert.equal(ok('/n/Localhost', 'localhost'), false);
  assert.equal(ok('/n/localhost', 'localhost'), true);
  // A capture that is no valid name: tk-auth throws (puppetserver answers 500); Bunraku denies.
  assert.deepEqual(authorize(c, { method: 'get', path: '/n/a%b', ...agent('a') }), {
    allowed: false,
    rule: 'n',
    reason: 'denied by rule "n": "$1" became "a%b", which is not a valid name (invalid domain value)',
  });
});

test('a capture group that did not take part in the match denies instead of throwing', () => {
  const c = rules(`{ match-request: { path: "^/o/(x)?y$", type: regex }, allow: "$1", sort-order: 1, name: "o" }`);
  const d = authorize(c, { method: 'get', path: '/o/y', ...agent('x') });
  assert.equal(d.allowed, false);
  assert.match(d.reason, /did not take part in the match/);
});

test('DNS subject alternative names match name ACEs as well as the CN', () => {
  const c = rules(`
    { match-request: { path: "^/n/([^/]+)$", type: regex }, allow: "$1", sort-order: 1, name: "n" },
    { match-request: { path: "/glob", type: path }, allow: "*.alias.test", sort-order: 1, name: "g" }`);
  const who = agent('agent2.example.com', { dnsAltNames: ['agent2.example.com', 'www.alias.test'] });
  assert.equal(allowed(c, { method: 'get', path: '/n/www.alias.test', ...who }), true);
  assert.equal(allowed(c, { method: 'get', path: '/n/agent2.example.com', ...who }), true);
  assert.equal(allowed(c, { method: 'get', path: '/glob', ...who }), true);
  assert.equal(allowed(c, { method: 'get', path: '/n/www.alias.test', ...agent('agent2.example.com') }), false);
});

test('deny entries are checked before allow entries, whatever their order in the file', () => {
  const c = rules(`{ match-request: { path: "/", type: path }, allow: ["*"], deny: ["bad.example.com", "/^evil/"], sort-order: 1, name: "r" }`);
  const ok = (name: string) => allowed(c, { method: 'get', path: '/', ...agent(name) });
  assert.equal(ok('good.example.com'), true);
  assert.equal(ok('bad.example.com'), false);
  assert.equal(ok('evil.example.com'), false);
});

test('extension ACEs: every key must be present with a listed value', () => {
  const c = rules(`
    { match-request: { path: "/role", type: path }, allow: { extensions: { pp_role: [web, db] } }, sort-order: 1, name: "role" },
    { match-request: { path: "/both", type: path }, allow: { extensions: { pp_role: web, pp_environment: prod } }, sort-order: 1, name: "both" },
    { match-request: { path: "/oid", type: path }, allow: { extensions: { "1.3.6.1.4.1.34380.1.1.13": web } }, sort-order: 1, name: "oid" },
    { match-request: { path: "/custom", type: path }, allow: { extensions: { "1.2.3.4": "x" } }, sort-order: 1, name: "custom" },
    { match-request: { path: "/empty", type: path }, allow: { extensions: {} }, sort-order: 1, name: "empty" },
    { match-request: { path: "/cli", type: path }, allow: { extensions: { pp_cli_auth: "true" } }, sort-order: 1, name: "cli" }`);
  const web = agent('w', { extensions: { '1.3.6.1.4.1.34380.1.1.13': 'web', '1.3.6.1.4.1.34380.1.1.12': 'prod', '1.2.3.4': 'x' } });
  const db = agent('d', { extensions: { '1.3.6.1.4.1.34380.1.1.13': 'db' } });
  const cli = agent('c', { extensions: { '1.3.6.1.4.1.34380.1.3.39': 'true' } });
  const ca = caOidMap();
  const ok = (path: string, who: Omit<AuthRequest, 'method' | 'path'>, map: ReadonlyMap<string, string> = NO_OID_MAP) =>
    allowed(c, { method: 'get', path, ...who }, map);
  assert.equal(ok('/role', web, ca), true);
  assert.equal(ok('/role', db, ca), true);
  assert.equal(ok('/role', cli, ca), false);
  assert.equal(ok('/both', web, ca), true);
  assert.equal(ok('/both', db, ca), false);
  assert.equal(ok('/oid', web, ca), true);
  assert.equal(ok('/custom', web, ca), true);
  assert.equal(ok('/cli', cli, ca), true);
  assert.equal(ok('/empty', agent('nobody'), ca), true);
  // Without an OID map (puppetserver with its CA service disabled) short names never match; OIDs still do.
  assert.equal(ok('/role', web), false);
  assert.equal(ok('/cli', cli), false);
  assert.equal(ok('/oid', web), true);
  assert.equal(ok('/custom', web), true);
  // custom_trusted_oid_mapping names work where the map is passed.
  const c2 = rules(`{ match-request: { path: "/", type: path }, allow: { extensions: { my_ext: "x" } }, sort-order: 1, name: "my" }`);
  assert.equal(allowed(c2, { method: 'get', path: '/', ...web }, caOidMap(new Map([['1.2.3.4', 'my_ext']]))), true);
  // The default is Puppet's short names, as with puppetserver's CA service enabled.
  assert.equal(authorize(c, { method: 'get', path: '/cli', ...cli }).allowed, true);
});

test('subject-alt-name extension ACEs match when any kind shares a value', () => {
  const c = rules(`{ match-request: { path: "/", type: path }, allow: { extensions: { subject-alt-name: { dns-name: [a.test, b.test], ip: "10.0.0.1" } } }, sort-order: 1, name: "san" }`);
  const ok = (who: Omit<AuthRequest, 'method' | 'path'>) => allowed(c, { method: 'get', path: '/', ...who });
  assert.equal(ok(agent('x', { dnsAltNames: ['b.test', 'z.test'] })), true);
  assert.equal(ok(agent('x', { dnsAltNames: ['z.test'], altNames: { ip: ['10.0.0.1'] } })), true);
  assert.equal(ok(agent('x', { dnsAltNames: ['z.test'], altNames: { ip: ['10.0.0.2'] } })), false);
  assert.equal(ok(agent('a.test')), false); // the CN is not a SAN
});

test('the shipped rules: catalog, node, report and facts only for the node itself', () => {
  const ask = (method: string, path: string, who: Partial<AuthRequest>) =>
    authorize(shipped, { method, path, authenticated: false, ...who } as AuthRequest);
  const self = { authenticated: true, certname: 'agent1.example.test', dnsAltNames: ['agent1.example.test'] };
  assert.deepEqual(ask('post', '/puppet/v3/catalog/agent1.example.test', self), {
    allowed: true,
    rule: 'puppetlabs v3 catalog from agents',
    reason: 'allowed by rule "puppetlabs v3 catalog from agents": matched allow $1',
  });
  assert.equal(ask('post', '/puppet/v3/catalog/agent2.example.test', self).allowed, false);
  assert.equal(ask('put', '/puppet/v3/catalog/agent1.example.test', self).rule, 'puppetlabs deny all');
  assert.equal(ask('get', '/puppet/v3/node/agent1.example.test', self).allowed, true);
  assert.equal(ask('put', '/puppet/v3/report/agent1.example.test', self).allowed, true);
  assert.equal(ask('put', '/puppet/v3/facts/agent1.example.test', self).allowed, true);
  assert.equal(ask('get', '/puppet-ca/v1/certificate/ca', {}).allowed, true);
  assert.equal(ask('delete', '/puppet-ca/v1/certificate_request/x', self).rule, 'puppetlabs deny all');
  assert.equal(ask('get', '/puppet-ca/v1/certificate_statuses/x', self).rule, 'puppetlabs cert status');
  assert.equal(ask('get', '/puppet/v3/file_metadatas/plugins', self).rule, 'puppetlabs file metadata');
});
