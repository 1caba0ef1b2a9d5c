// The server's auth gate over puppetserver's default rules, and the discovery
// of route modules in src/server/routes/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadAuthorizer } from '../../src/server/authorizer.js';
import { loadRouteFamilies, isRouteModuleFile, type RouteDeps } from '../../src/server/route-loader.js';
import { UNAUTHENTICATED, type ClientIdentity } from '../../src/server/identity.js';
import type { AuthorizationRequest } from '../../src/server/server.js';

const quiet = () => undefined;

function identity(certname: string, extensions: Record<string, string> = {}, dnsNames = [certname]): ClientIdentity {
  return { authenticated: true, certname, dnsNames, altNames: {}, extensions, reason: 'authenticated', serial: '3' };
}

function request(method: string, url: string, id: ClientIdentity = UNAUTHENTICATED): AuthorizationRequest {
  const [path, rawQuery = ''] = url.split('?') as [string, string?];
  return { method, path, rawQuery, query: new URLSearchParams(rawQuery), identity: id, ip: '127.0.0.1' };
}

test('without an auth.conf the default rules apply (CA bootstrap open, node only for itself, cert status needs pp_cli_auth)', async () => {
  const gate = await loadAuthorizer(join(tmpdir(), 'bunraku-no-such-auth.conf'), quiet);
  const ok = (m: string, u: string, id?: ClientIdentity) => gate.authorize(request(m, u, id)).allowed;
  assert.equal(ok('get', '/puppet-ca/v1/certificate/ca'), true);
  assert.equal(ok('put', '/puppet-ca/v1/certificate_request/a.example.test'), true);
  assert.equal(ok('delete', '/puppet-ca/v1/certificate_request/a.example.test'), false);
  assert.equal(ok('get', '/puppet/v3/node/a.example.test'), false);
  assert.equal(ok('get', '/puppet/v3/node/a.example.test', identity('a.example.test')), true);
  assert.equal(ok('get', '/puppet/v3/node/a.example.test', identity('b.example.test')), false);
  assert.equal(ok('get', '/puppet-ca/v1/certificate_status/x', identity('a.example.test')), false);
  assert.equal(ok('get', '/puppet-ca/v1/certificate_status/x', identity('puppet', { '1.3.6.1.4.1.34380.1.3.39': 'true' })), true);
  assert.equal(ok('get', '/status/v1/simple'), true);
});

test('a denial renders tk-auth\'s body, names the rule in a header and a log line', async () => {
  const gate = await loadAuthorizer(join(tmpdir(), 'bunraku-no-such-auth.conf'), quiet);
  const req = request('get', '/puppet/v3/node/a.example.test', identity('b.example.test'));
  const decision = gate.authorize(req);
  const denial = gate.forbidden(decision, req);
  assert.equal(denial.body, 'Forbidden request: /puppet/v3/node/a.example.test (method :get). Please see the server logs for details.');
  assert.equal(denial.headers?.['X-Bunraku-Auth-Rule'], 'puppetlabs node');
  assert.match(denial.logLine, /b\.example\.test\(127\.0\.0\.1\).*denied by rule 'puppetlabs node'/);
});

test('a configured auth.conf replaces the defaults; an invalid one is an error', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bunraku-authconf-'));
  try {
    const file = join(dir, 'auth.conf');
    writeFileSync(file, 'authorization: { version: 1, rules: [ { match-request: { path: "/", type: path }, allow-unauthenticated: true, sort-order: 1, name: "open" } ] }\n');
    const gate = await loadAuthorizer(file, quiet);
    assert.equal(gate.authorize(request('get', '/puppet/v3/node/x')).allowed, true);
    const warnings: string[] = [];
    writeFileSync(file, 'authorization: { version: 1, allow-header-cert-info: true, rules: [ { match-request: { path: "/", type: path }, deny: "*", sort-order: 1, name: "closed" } ] }\n');
    const headerGate = await loadAuthorizer(file, (level, m) => { if (level === 'warning') warnings.push(m); });
    assert.match(warnings.join('\n'), /allow-header-cert-info is not supported/);
    assert.equal(headerGate.authorize(request('get', '/status/v1/simple')).allowed, false);
    writeFileSync(file, 'authorization: { version: 1, rules: [ { match-request: { path: "/" }, sort-order: 1, name: "broken" } ] }\n');
    await assert.rejects(loadAuthorizer(file, quiet));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('route modules are found by file name; tests and declarations are not modules', async () => {
  assert.equal(isRouteModuleFile('ca.ts'), true);
  assert.equal(isRouteModuleFile('file-content.js'), true);
  assert.equal(isRouteModuleFile('ca.test.ts'), false);
  assert.equal(isRouteModuleFile('ca.d.ts'), false);
  assert.equal(isRouteModuleFile('ca.js.map'), false);
  const dir = mkdtempSync(join(tmpdir(), 'bunraku-routes-'));
  try {
    const family = (name: string) => `export function createRoutes(deps) { return { name: '${name}' + deps.version, prefix: '/${name}/', errorFormat: 'text', routes: [] }; }\n`;
    writeFileSync(join(dir, 'b-family.js'), family('b'));
    writeFileSync(join(dir, 'a-family.mjs'), family('ignored'));
    writeFileSync(join(dir, 'a.test.js'), 'throw new Error("tests are not route modules");\n');
    writeFileSync(join(dir, 'helper.js'), 'export const notARouteModule = 1;\n');
    writeFileSync(join(dir, 'a-family.js'), `export async function createRoutes(deps) { return [${"{ name: 'a1', prefix: '/a/', errorFormat: 'text', routes: [] }"}, { name: 'a2', prefix: '/a2/', errorFormat: 'text', routes: [] }]; }\n`);
    const deps = { settings: {}, ca: {}, log: quiet, version: '7' } as unknown as RouteDeps;
    const names = (await loadRouteFamilies(deps, dir)).map((f) => f.name);
    assert.deepEqual(names, ['a1', 'a2', 'b7']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
