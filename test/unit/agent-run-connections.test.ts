// Connections of a whole agent run over real TLS on loopback: one keep-alive
// connection per server carries the node request, pluginsync probes, the
// catalog and the report; a separate report server gets its own pool; a
// server that accepts TCP but never completes TLS hits http_connect_timeout
// and is reported as Puppet's route resolver reports it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:https';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveSettings } from '../../src/settings/index.js';
import { createHttpClient } from '../../src/agent/run.js';
import { runConfigurer } from '../../src/agent/configurer.js';
import { RecordingLog } from '../../src/agent/http/log.js';
import type { SslContext } from '../../src/agent/ssl/ssl-context.js';
import { buildCsr } from '../../src/agent/ssl/csr.js';
import { TestCa } from './agent-ssl-helpers.js';

interface Peer { server: Server; port: number; connections: TLSSocket[]; requests: string[] }
let caPem: string;
let main: Peer;
let reports: Peer;
let silent: TcpServer;
let silentPort: number;
const silentSockets: Socket[] = [];
let dir: string;

function catalogFor(root: string): string {
  return JSON.stringify({
    tags: ['settings'], name: 'node1', version: 1, code_id: null, catalog_uuid: '0b1c2d3e-0000-4000-8000-000000000000', catalog_format: 2, environment: 'production',
    resources: [
      { type: 'Stage', title: 'main', tags: ['stage'], exported: false, parameters: { name: 'main' } },
      { type: 'File', title: `${root}/hello`, tags: ['file'], exported: false, parameters: { content: 'hi\n' } },
    ],
    edges: [{ source: 'Stage[main]', target: `File[${root}/hello]` }],
    classes: [],
  });
}

async function peer(key: string, cert: string): Promise<Peer> {
  const p: Peer = { server: undefined as unknown as Server, port: 0, connections: [], requests: [] };
  p.server = createServer({ key, cert }, (req, res) => {
    const path = (req.url ?? '').split('?')[0];
    p.requests.push(`${p.connections.indexOf(req.socket as TLSSocket)} ${req.method} ${path}`);
    const json = (body: string) => { res.writeHead(200, { 'Content-Type': 'application/json' }); res.end(body); };
    req.resume();
    req.on('end', () => {
      if (path.startsWith('/puppet/v3/node/')) json('{"name":"node1","environment":"production"}');
      else if (path.startsWith('/puppet/v3/file_metadatas/')) json('[]');
      else if (path.startsWith('/puppet/v3/catalog/')) json(catalogFor(join(dir, 'root')));
      else if (path.startsWith('/puppet/v3/report/')) json('[]');
      else { res.writeHead(404); res.end('not found'); }
    });
  });
  p.server.on('secureConnection', (s: TLSSocket) => p.connections.push(s));
  await new Promise<void>((r) => p.server.listen(0, '127.0.0.1', r));
  p.port = (p.server.address() as { port: number }).port;
  return p;
}

before(async () => {
  const ca = await TestCa.create('Puppet CA: connections');
  caPem = ca.pem;
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const cert = await ca.sign(buildCsr({ certname: 'localhost', privateKey: key }).pem, { dnsNames: ['localhost'] });
  const keyPem = key.export({ type: 'pkcs8', format: 'pem' }) as string;
  main = await peer(keyPem, cert.pem);
  reports = await peer(keyPem, cert.pem);
  // Accepts TCP connections and never answers the TLS ClientHello.
  silent = createTcpServer((s) => { silentSockets.push(s); s.on('error', () => {}); });
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  silentPort = (silent.address() as { port: number }).port;
  dir = mkdtempSync(join(tmpdir(), 'bunraku-connections-'));
  mkdirSync(join(dir, 'root'));
});

after(() => {
  for (const p of [main, reports]) { p.server.closeAllConnections(); p.server.close(); }
  for (const s of silentSockets) s.destroy();
  silent.close();
  rmSync(dir, { recursive: true, force: true });
});

async function run(extra: string[]) {
  const { settings, explicit } = resolveSettings({
    runMode: 'agent',
    argv: ['--confdir', join(dir, 'conf'), '--vardir', join(dir, 'var'), '--logdir', join(dir, 'log'), '--rundir', join(dir, 'run'),
      '--codedir', join(dir, 'code'), '--certname', 'node1', '--server', 'localhost', ...extra],
  });
  const log = new RecordingLog();
  const client = createHttpClient(settings, log);
  const ssl = { tls: { verifyPeer: true, ca: caPem } } as unknown as SslContext;
  try {
    return { log, ...(await runConfigurer({ settings, client, ssl, log, facts: { os: { family: 'Debian' } }, explicitSettings: explicit })) };
  } finally {
    client.close();
  }
}

test('one keep-alive connection per server carries the whole run; the report server has its own', async () => {
  const before = main.connections.length;
  const res = await run(['--serverport', String(main.port), '--report_server', 'localhost', '--report_port', String(reports.port), '--no-use_last_environment']);
  assert.deepEqual(res.log.messages('err'), []);
  assert.equal(res.exitCode, 2);
  assert.equal(main.connections.length - before, 1, main.requests.join('\n'));
  const id = main.connections.length - 1;
  assert.deepEqual(main.requests.slice(-5), [
    `${id} GET /puppet/v3/node/node1`, `${id} GET /puppet/v3/file_metadatas/plugins`, `${id} GET /puppet/v3/file_metadatas/pluginfacts`,
    `${id} GET /puppet/v3/file_metadatas/plugins`, `${id} POST /puppet/v3/catalog/node1`,
  ]);
  assert.equal(reports.connections.length, 1);
  assert.deepEqual(reports.requests, ['0 PUT /puppet/v3/report/node1']);
});

test('http_connect_timeout: a server that never completes TLS is a route that cannot be reached', async () => {
  const res = await run(['--serverport', String(silentPort), '--http_connect_timeout', '1', '--no-usecacheonfailure', '--no-use_last_environment', '--no-report']);
  assert.equal(res.exitCode, 1);
  const url = `https://localhost:${silentPort}/puppet/v3`;
  const errors = res.log.messages('err');
  assert.match(errors[0], new RegExp(`^Connection to ${url} failed, trying next route: Request to ${url} timed out connect operation after 1(\\.\\d+)? seconds$`));
  assert.ok(errors.includes('Could not retrieve catalog from remote server: No more routes to puppet'), errors.join('\n'));
});
