import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { authorize } from './authorize.js';
import { loadAuthConfig } from './rules.js';
import { authRuleHeaderValue, forbiddenBody, forbiddenLogLine, normalizeRequestPath, parseQueryString } from './wire.js';

const shipped = loadAuthConfig(readFileSync(new URL('../../../data/auth.conf', import.meta.url), 'utf8'), 'auth.conf');

test('request paths are decoded, stripped of ;params and compacted like Jetty does for puppetserver', () => {
  const ok = (raw: string) => {
    const n = normalizeRequestPath(raw);
    assert.ok(n.ok, `${raw} was refused`);
    return n.path;
  };
  assert.equal(ok('/puppet/v3/node/agent1'), '/puppet/v3/node/agent1');
  assert.equal(ok('/puppet/v3/nod%65/a%2Fb'), '/puppet/v3/node/a/b');
  assert.equal(ok('/puppet/v3//node///x'), '/puppet/v3/node/x');
  assert.equal(ok('/puppet/v3/node;jsessionid=1/x;y'), '/puppet/v3/node/x');
  assert.equal(ok('/a/%C3%BCn%C3%AF'), '/a/\u00fcn\u00ef');
  assert.equal(ok('/a/%FC'), '/a/\u00fc'); // not UTF-8: ISO-8859-1 instead
  assert.equal(ok('/a/%u00e9'), '/a/\u00e9');
  assert.equal(ok('/a/.hidden/..x'), '/a/.hidden/..x');
});

test('dot segments and malformed escapes are a 400, with puppetserver\'s message', () => {
  assert.deepEqual(normalizeRequestPath('/puppet/v3/node/../x'), {
    ok: false,
    status: 400,
    message: 'Invalid relative path (.. or .) in: /puppet/v3/node/../x',
  });
  assert.deepEqual(normalizeRequestPath('/a/%2e%2E/b'), { ok: false, status: 400, message: 'Invalid relative path (.. or .) in: /a/../b' });
  assert.deepEqual(normalizeRequestPath('/a/./b'), { ok: false, status: 400, message: 'Invalid relative path (.. or .) in: /a/./b' });
  assert.deepEqual(normalizeRequestPath('/a/%zz'), { ok: false, status: 400, message: 'Bad Request' });
  assert.deepEqual(normalizeRequestPath('/a/%4'), { ok: false, status: 400, message: 'Bad Request' });
});

test('query strings parse like ring form-decode', () => {
  const parse = (raw: string) => Object.fromEntries(parseQueryString(raw));
  assert.deepEqual(parse('environment=production&a=1&a=2'), { environment: ['production'], a: ['1', '2'] });
  assert.deepEqual(parse('a=x+y&b=%41%2B&c&d='), { a: ['x y'], b: ['A+'], c: [''], d: [''] });
  assert.deepEqual(parse('flag'), {}); // no "=" anywhere: no parameters at all
  assert.deepEqual(parse(''), {});
  assert.deepEqual(parse('a=%zz&b=1&c=%FF'), { b: ['1'], c: ['\ufffd'] });
});

test('403 bodies are byte-identical to puppetserver\'s (from the recorded probes)', () => {
  const request = { method: 'post', path: '/puppet/v3/catalog/other-node.example.test', authenticated: true, certname: 'agent1.example.test' };
  const decision = authorize(shipped, request);
  assert.equal(
    forbiddenBody(decision, request),
    'Forbidden request: /puppet/v3/catalog/other-node.example.test (method :post). Please see the server logs for details.',
  );
  assert.equal(authRuleHeaderValue(decision), 'puppetlabs v3 catalog from agents');
  const noRule = { allowed: false, reason: 'global deny all - no rules matched' };
  assert.equal(forbiddenBody(noRule, request), 'global deny all - no rules matched');
  assert.equal(authRuleHeaderValue(noRule), 'global deny all - no rules matched');
  assert.equal(authRuleHeaderValue({ allowed: false, rule: 'r\u00e9gle\n', reason: '' }), 'r%C3%A9gle%0A');
});

test('the log line names the client, address, authentication and rule (lines from puppetserver\'s log)', () => {
  const request = { method: 'get', path: '/puppet/v3/node/localhost', authenticated: true, certname: 'agent1.example.test' };
  assert.equal(
    forbiddenLogLine(authorize(shipped, request), request, '127.0.0.1'),
    "Forbidden request: agent1.example.test(127.0.0.1) access to /puppet/v3/node/localhost (method :get) (authenticated: true) denied by rule 'puppetlabs node'.",
  );
  const anonymous = { method: 'get', path: '/puppet/v3/catalog/agent1.example.test', authenticated: false };
  assert.equal(
    forbiddenLogLine(authorize(shipped, anonymous), anonymous, '127.0.0.1'),
    "Forbidden request: 127.0.0.1 access to /puppet/v3/catalog/agent1.example.test (method :get) (authenticated: false) denied by rule 'puppetlabs v3 catalog from agents'.",
  );
});

test('X-Client-DN: RFC 2253 first, then the OpenSSL slash form', async () => {
  const { commonNameFromDn, headerVerified, pemFromCertHeader } = await import('./header-identity.js');
  assert.equal(commonNameFromDn('CN=agent1.example.test,O=Example'), 'agent1.example.test');
  assert.equal(commonNameFromDn('O=Example, CN=agent1'), 'agent1');
  assert.equal(commonNameFromDn('CN=a\\,b'), 'a,b');
  assert.equal(commonNameFromDn('/O=myorg/CN=myname'), 'myname');
  assert.equal(commonNameFromDn('/CN=x/O=y'), 'x');
  assert.equal(commonNameFromDn('O=Example'), undefined);
  assert.equal(commonNameFromDn(''), undefined);
  assert.equal(commonNameFromDn(undefined), undefined);
  assert.equal(headerVerified('SUCCESS'), true);
  assert.equal(headerVerified('success'), false);
  assert.equal(headerVerified('FAILED:unable to verify'), false);
  assert.equal(pemFromCertHeader('-----BEGIN%20CERTIFICATE-----%0AMII'), '-----BEGIN CERTIFICATE-----\nMII');
  assert.ok(pemFromCertHeader('%E0%A4%A') instanceof Error);
});
