// The HTTPS core: peer classification (own CA, foreign CA, revoked, none),
// CRL reload, the auth gate's 403, routing errors, body limits, gzip,
// keep-alive and Connection: close, handshakes without a request.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'node:https';
import { connect } from 'node:tls';
import { Readable } from 'node:stream';
import { createPuppetServer, type PuppetServer, type AuthorizationRequest } from '../../src/server/server.js';
import type { RouteFamily } from '../../src/server/router.js';
import { HttpError } from '../../src/server/errors.js';
import type { AccessLogEntry } from '../../src/server/access-log.js';
import { makePki, send, type TestPki } from './server-fixtures.js';

let pki: TestPki;
let server: PuppetServer;
let port: number;
let dir: string;
const accessLog: AccessLogEntry[] = [];
const decisions: AuthorizationRequest[] = [];

const testFamily: RouteFamily = {
  name: 'test',
  prefix: '/puppet/v3/',
  errorFormat: 'puppet-json',
  routes: [
    {
      methods: ['GET'],
      path: /^\/puppet\/v3\/whoami\/([^/]+)$/,
      handler: ({ identity, params }) => ({
        status: 200,
        headers: { 'Content-Type': 'application/json;charset=utf-8' },
        body: JSON.stringify({ param: params[0], ...identity }),
      }),
    },
    {
      methods: ['PUT'],
      path: /^\/puppet\/v3\/echo$/,
      handler: async (ctx) => {
        const body = await ctx.readBody(1000);
        return { status: 200, headers: { 'Content-Type': 'text/plain' }, body };
      },
    },
    {
      methods: ['PUT'],
      path: /^\/puppet\/v3\/count$/,
      handler: async (ctx) => {
        let n = 0;
        for await (const chunk of ctx.bodyStream(2000)) n += (chunk as Buffer).length;
        return { status: 200, headers: { 'Content-Type': 'text/plain' }, body: String(n) };
      },
    },
    {
      methods: ['GET'],
      path: /^\/puppet\/v3\/stream$/,
      handler: () => ({ status: 200, headers: { 'Content-Type': 'application/octet-stream' }, body: Readable.from([Buffer.from('abc'.repeat(50)), Buffer.from('xyz'.repeat(50))]) }),
    },
    {
      methods: ['GET'],
      path: /^\/puppet\/v3\/missing$/,
      handler: () => {
        throw new HttpError('NOT_FOUND', 'Could not find thing x');
      },
    },
    {
      methods: ['GET'],
      path: /^\/puppet\/v3\/crash$/,
      handler: () => {
        throw new Error('boom');
      },
    },
    {
      methods: ['GET'],
      path: /^\/puppet\/v3\/small$/,
      handler: () => ({ status: 200, headers: { 'Content-Type': 'application/json' }, body: '["store"]' }),
    },
    {
      methods: ['GET'],
      path: /^\/puppet\/v3\/private\/.*$/,
      handler: () => ({ status: 200, body: 'secret' }),
    },
  ],
};

before(async () => {
  pki = await makePki();
  dir = mkdtempSync(join(tmpdir(), 'bunraku-server-core-'));
  writeFileSync(join(dir, 'crl.pem'), pki.crl);
  server = createPuppetServer({
    tls: { cert: pki.server.cert, key: pki.server.key, ca: pki.ca.pem },
    crlPath: join(dir, 'crl.pem'),
    crlCheckIntervalMs: 0,
    families: [testFamily],
    authorize: (req) => {
      decisions.push(req);
      if (req.path.startsWith('/puppet/v3/private') && !req.identity.authenticated) return { allowed: false, rule: 'test private', reason: 'unauthenticated' };
      if (req.path === '/denied') return { allowed: false, rule: 'deny all', reason: 'denied' };
      return { allowed: true, rule: 'allow', reason: 'ok' };
    },
    maxBodyBytes: 5000,
    accessLog: (e) => accessLog.push(e),
  });
  port = (await server.listen(0, '127.0.0.1')).port;
});

after(async () => {
  await server.close(1000);
  rmSync(dir, { recursive: true, force: true });
});

const whoami = async (client?: { cert: string; key: string }) => {
  const res = await send(port, '/puppet/v3/whoami/x', { ca: pki.ca.pem, client });
  assert.equal(res.status, 200);
  return JSON.parse(res.text) as { authenticated: boolean; certname?: string; dnsNames: string[]; extensions: Record<string, string>; reason: string };
};

test('a request without a client cert is unauthenticated', async () => {
  const id = await whoami();
  assert.equal(id.authenticated, false);
  assert.equal(id.certname, undefined);
});

test('a cert from our CA is authenticated with its CN, DNS SANs and extensions', async () => {
  const id = await whoami(pki.agent1);
  assert.equal(id.authenticated, true);
  assert.equal(id.certname, 'agent1.example.test');
  assert.deepEqual(id.dnsNames, ['agent1.example.test']);
  const cli = await whoami(pki.cli);
  assert.equal(cli.extensions['1.3.6.1.4.1.34380.1.3.39'], 'true');
  assert.equal(cli.extensions['1.3.6.1.4.1.34380.1.1.13'], 'webserver');
  const server = await whoami(pki.server);
  assert.deepEqual(server.dnsNames, ['puppet', 'localhost']);
  assert.deepEqual((server as unknown as { altNames: unknown }).altNames, { ip: ['127.0.0.1'] });
});

test('a cert from a foreign CA is unauthenticated even with a known CN and serial', async () => {
  const id = await whoami(pki.foreign);
  assert.equal(id.authenticated, false);
  assert.equal(id.certname, 'agent1.example.test');
  assert.match(id.reason, /not trusted/);
});

test('a revoked cert is unauthenticated', async () => {
  const id = await whoami(pki.revoked);
  assert.equal(id.authenticated, false);
  assert.equal(id.reason, 'client certificate revoked');
});

test('a new CRL applies to the next request, also on an open keep-alive connection', async () => {
  const agent = new Agent({ keepAlive: true, maxSockets: 1, cert: pki.agent2.cert, key: pki.agent2.key, ca: pki.ca.pem });
  try {
    const first = await send(port, '/puppet/v3/whoami/x', { ca: pki.ca.pem, agent, client: pki.agent2 });
    assert.equal(JSON.parse(first.text).authenticated, true);
    // Replace atomically, as the CA does; the mtime/inode change is what the cache sees.
    writeFileSync(join(dir, 'crl.new'), pki.crlWithAgent2);
    renameSync(join(dir, 'crl.new'), join(dir, 'crl.pem'));
    const second = await send(port, '/puppet/v3/whoami/x', { ca: pki.ca.pem, agent, client: pki.agent2 });
    assert.equal(second.reusedSocket, true);
    assert.equal(JSON.parse(second.text).authenticated, false);
  } finally {
    agent.destroy();
    writeFileSync(join(dir, 'crl.new'), pki.crl);
    renameSync(join(dir, 'crl.new'), join(dir, 'crl.pem'));
  }
});

test('the auth gate sees method, the normalized path and the query; a denial is tk-auth\'s 403 without Content-Type', async () => {
  const res = await send(port, '/puppet/v3//private/a%20b?environment=production', { ca: pki.ca.pem });
  assert.equal(res.status, 403);
  assert.equal(res.headers['content-type'], undefined);
  assert.equal(res.text, 'Forbidden request: /puppet/v3/private/a b (method :get). Please see the server logs for details.');
  assert.equal(res.headers['x-puppet-version'], '7.23.0');
  const seen = decisions.find((d) => d.path === '/puppet/v3/private/a b');
  assert.ok(seen);
  assert.equal(seen.method, 'get');
  assert.equal(seen.rawQuery, 'environment=production');
  assert.equal(seen.query.get('environment'), 'production');
});

test('a path with a dot segment or a broken escape is refused with 400 before auth', async () => {
  const res = await send(port, '/puppet/v3/whoami/../x', { ca: pki.ca.pem });
  assert.equal(res.status, 400);
  assert.equal(res.text, 'Invalid relative path (.. or .) in: /puppet/v3/whoami/../x');
  const broken = await send(port, '/puppet/v3/whoami/%zz', { ca: pki.ca.pem });
  assert.equal(broken.status, 400);
  assert.equal((await send(port, '/puppet/v3/small', { ca: pki.ca.pem })).status, 200);
});

test('an unknown endpoint is a 404 JSON error naming the route', async () => {
  const res = await send(port, '/puppet/v3/nosuch/x', { ca: pki.ca.pem });
  assert.equal(res.status, 404);
  assert.equal(res.headers['content-type'], 'application/json;charset=utf-8');
  assert.deepEqual(JSON.parse(res.text), { message: 'Not Found: No route for GET /puppet/v3/nosuch/x', issue_kind: 'HANDLER_NOT_FOUND' });
  const outside = await send(port, '/elsewhere', { ca: pki.ca.pem });
  assert.equal(outside.status, 404);
  assert.equal(JSON.parse(outside.text).issue_kind, 'HANDLER_NOT_FOUND');
});

test('a known path with another method is an empty 404, before auth, as puppetserver answers a PUT of a catalog', async () => {
  const res = await send(port, '/puppet/v3/small', { ca: pki.ca.pem, method: 'DELETE' });
  assert.equal(res.status, 404);
  assert.equal(res.text, '');
  // An unrouted path is not shown to auth.conf either: 404, never 403.
  const before = decisions.length;
  assert.equal((await send(port, '/puppet/v3/nosuchroute/x', { ca: pki.ca.pem })).status, 404);
  assert.equal(decisions.length, before);
});

test('handler errors are rendered in the family format; crashes become 500, not a dead server', async () => {
  const nf = await send(port, '/puppet/v3/missing', { ca: pki.ca.pem });
  assert.equal(nf.status, 404);
  assert.deepEqual(JSON.parse(nf.text), { message: 'Not Found: Could not find thing x', issue_kind: 'RESOURCE_NOT_FOUND' });
  const crash = await send(port, '/puppet/v3/crash', { ca: pki.ca.pem });
  assert.equal(crash.status, 500);
  assert.deepEqual(JSON.parse(crash.text), { message: 'Server Error: boom', issue_kind: 'RUNTIME_ERROR' });
  assert.equal((await send(port, '/puppet/v3/small', { ca: pki.ca.pem })).status, 200);
});

test('request bodies over the limit get 413 (declared length and chunked) and the connection is closed', async () => {
  const ok = await send(port, '/puppet/v3/echo', { ca: pki.ca.pem, method: 'PUT', body: 'x'.repeat(1000) });
  assert.equal(ok.status, 200);
  assert.equal(ok.text.length, 1000);
  const declared = await send(port, '/puppet/v3/echo', { ca: pki.ca.pem, method: 'PUT', body: 'x'.repeat(1001) });
  assert.equal(declared.status, 413);
  assert.equal(declared.headers['connection'], 'close');
  assert.match(JSON.parse(declared.text).message, /exceeds the limit of 1000 bytes/);
  const chunked = await send(port, '/puppet/v3/echo', { ca: pki.ca.pem, method: 'PUT', headers: { 'Transfer-Encoding': 'chunked' }, body: 'y'.repeat(3000) });
  assert.equal(chunked.status, 413);
  // The same limits for handlers that stream the body.
  const streamed = await send(port, '/puppet/v3/count', { ca: pki.ca.pem, method: 'PUT', body: 'z'.repeat(2000) });
  assert.equal(streamed.text, '2000');
  assert.equal((await send(port, '/puppet/v3/count', { ca: pki.ca.pem, method: 'PUT', body: 'z'.repeat(2001) })).status, 413);
  assert.equal((await send(port, '/puppet/v3/count', { ca: pki.ca.pem, method: 'PUT', headers: { 'Transfer-Encoding': 'chunked' }, body: 'z'.repeat(4000) })).status, 413);
  assert.equal((await send(port, '/puppet/v3/count', { ca: pki.ca.pem, method: 'PUT', body: 'z'.repeat(6000) })).status, 413);
});

test('200 bodies are gzipped when accepted and at least 32 bytes; small ones and errors are not', async () => {
  const ae = { 'Accept-Encoding': 'gzip;q=1.0,deflate;q=0.6,identity;q=0.3' };
  const big = await send(port, '/puppet/v3/whoami/x', { ca: pki.ca.pem, headers: ae });
  assert.equal(big.headers['content-encoding'], 'gzip');
  assert.equal(big.headers['vary'], 'Accept-Encoding, User-Agent');
  assert.equal(JSON.parse(big.text).param, 'x');
  const small = await send(port, '/puppet/v3/small', { ca: pki.ca.pem, headers: ae });
  assert.equal(small.headers['content-encoding'], undefined);
  assert.equal(small.text, '["store"]');
  const err = await send(port, '/puppet/v3/missing', { ca: pki.ca.pem, headers: ae });
  assert.equal(err.headers['content-encoding'], undefined);
  const refused = await send(port, '/puppet/v3/whoami/x', { ca: pki.ca.pem, headers: { 'Accept-Encoding': 'gzip;q=0' } });
  assert.equal(refused.headers['content-encoding'], undefined);
});

test('keep-alive connections are reused; Connection: close is honoured', async () => {
  const agent = new Agent({ keepAlive: true, maxSockets: 1, ca: pki.ca.pem });
  try {
    const a = await send(port, '/puppet/v3/small', { ca: pki.ca.pem, agent });
    const b = await send(port, '/puppet/v3/small', { ca: pki.ca.pem, agent });
    assert.equal(b.reusedSocket, true);
    assert.equal(a.localPort, b.localPort);
    const c = await send(port, '/puppet/v3/small', { ca: pki.ca.pem, agent, headers: { Connection: 'close' } });
    assert.equal(c.headers['connection'], 'close');
    const d = await send(port, '/puppet/v3/small', { ca: pki.ca.pem, agent });
    assert.equal(d.reusedSocket, false);
  } finally {
    agent.destroy();
  }
});

test('a TLS handshake without a request does not disturb the server', async () => {
  await new Promise<void>((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port, ca: pki.ca.pem, servername: 'localhost' }, () => s.end());
    s.on('close', () => resolve());
    s.on('error', reject);
  });
  assert.equal((await send(port, '/puppet/v3/small', { ca: pki.ca.pem })).status, 200);
});

test('every response has X-Puppet-Version and an access log line with certname, status and size', async () => {
  const res = await send(port, '/puppet/v3/small?x=1', { ca: pki.ca.pem, client: pki.agent1 });
  assert.equal(res.headers['x-puppet-version'], '7.23.0');
  await new Promise((r) => setTimeout(r, 20));
  const entry = [...accessLog].reverse().find((e) => e.url === "/puppet/v3/small?x=1");
  assert.ok(entry);
  assert.equal(entry.certname, 'agent1.example.test');
  assert.equal(entry.status, 200);
  assert.equal(entry.bytes, 9);
  assert.equal(entry.method, 'GET');
});

test('streamed replies are sent chunked or gzipped on the fly, and logged with their size', async () => {
  const plain = await send(port, '/puppet/v3/stream?plain', { ca: pki.ca.pem });
  assert.equal(plain.status, 200);
  assert.equal(plain.text, 'abc'.repeat(50) + 'xyz'.repeat(50));
  assert.equal(plain.headers['transfer-encoding'], 'chunked');
  const zipped = await send(port, '/puppet/v3/stream?gz', { ca: pki.ca.pem, headers: { 'Accept-Encoding': 'gzip' } });
  assert.equal(zipped.headers['content-encoding'], 'gzip');
  assert.equal(zipped.text, 'abc'.repeat(50) + 'xyz'.repeat(50));
  const head = await send(port, '/puppet/v3/stream?head', { ca: pki.ca.pem, method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(head.body.length, 0);
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(accessLog.find((e) => e.url === '/puppet/v3/stream?plain')?.bytes, 300);
  assert.equal(accessLog.find((e) => e.url === '/puppet/v3/stream?gz')?.bytes, zipped.body.length);
});

test('the auth gate can be replaced while serving (SIGHUP reload)', async () => {
  server.setAuthorization(() => ({ allowed: false, rule: 'closed', reason: 'test' }));
  try {
    const res = await send(port, '/puppet/v3/small', { ca: pki.ca.pem });
    assert.equal(res.status, 403);
  } finally {
    server.setAuthorization(() => ({ allowed: true, rule: 'allow', reason: 'ok' }));
  }
  assert.equal((await send(port, '/puppet/v3/small', { ca: pki.ca.pem })).status, 200);
});
