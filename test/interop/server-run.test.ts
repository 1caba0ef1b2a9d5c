// A whole agent run of the real Puppet 7 agent (Debian's puppet-agent) against
// `bunraku server`: pluginsync, a custom fact, a static catalog with files from
// content, sources (single, recursive, binary), EPP and an exec; the second run
// changes nothing; a changed source is fetched through static_file_content and
// the replaced content backed up to the server's file bucket; reports land in
// reportdir; an ENC switches a node's environment; auth keeps nodes apart; the
// run uses persistent connections. Fails (never skips) without /usr/bin/puppet.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseReport } from '../../src/report/index.js';

const PUPPET = '/usr/bin/puppet';
const repo = fileURLToPath(new URL('../../', import.meta.url));
const fixture = join(repo, 'test', 'fixtures', 'server-run', 'environments');

let dir: string;
let port: number;
let server: ChildProcess;
let serverOut = '';
const root = () => join(dir, 'managed');
const envdir = () => join(dir, 'code', 'environments');
const accessLog = () => readFileSync(join(dir, 'log', 'access.log'), 'utf8');

interface AgentRun { code: number; output: string }

function agent(certname: string, extra: string[] = []): Promise<AgentRun> {
  const base = join(dir, 'agents', certname);
  const args = [
    'agent', '-t', '--detailed-exitcodes', '--confdir', join(base, 'etc'), '--vardir', join(base, 'var'), '--logdir', join(base, 'log'),
    '--rundir', join(base, 'run'), '--codedir', join(base, 'code'), '--ssldir', join(base, 'ssl'), '--publicdir', join(base, 'public'),
    '--server', 'localhost', '--serverport', String(port), '--certname', certname, '--keylength', '2048', ...extra,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(PUPPET, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), 240_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, output });
    });
  });
}

function agentTls(certname: string) {
  const ssl = join(dir, 'agents', certname, 'ssl');
  return {
    ca: readFileSync(join(ssl, 'certs', 'ca.pem')),
    cert: readFileSync(join(ssl, 'certs', `${certname}.pem`)),
    key: readFileSync(join(ssl, 'private_keys', `${certname}.pem`)),
  };
}

function get(path: string, tls: { ca: Buffer; cert?: Buffer; key?: Buffer }, accept = 'application/json'):
  Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', servername: 'localhost', port, path, method: 'GET', headers: { Accept: accept }, ...tls, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

before(async () => {
  assert.ok(existsSync(PUPPET), `the real Puppet agent is required at ${PUPPET} (Debian package puppet-agent)`);
  dir = mkdtempSync(join(tmpdir(), 'bunraku-server-run-'));
  cpSync(fixture, envdir(), { recursive: true });
  // A binary file in the recursive source, made here rather than checked in.
  writeFileSync(join(envdir(), 'production', 'modules', 'demo', 'files', 'confdir', 'blob.bin'), randomBytes(4096));
  // The ENC: every node gets $root; enc-agent is moved to staging.
  const enc = join(dir, 'enc.sh');
  writeFileSync(enc, `#!/bin/sh\necho "parameters:"\necho "  root: ${root()}"\necho "  role: \\"role-of-$1\\""\nif [ "$1" = "enc-agent.example.test" ]; then echo "environment: staging"; fi\n`);
  chmodSync(enc, 0o755);
  const etc = join(dir, 'etc');
  mkdirSync(etc, { recursive: true });
  writeFileSync(join(etc, 'puppet.conf'), `[server]\nnode_terminus = exec\nexternal_nodes = ${enc}\n`);

  server = spawn(process.execPath, [
    join(repo, 'bin', 'bunraku.js'), 'server', '--confdir', etc, '--vardir', join(dir, 'var'), '--logdir', join(dir, 'log'),
    '--codedir', join(dir, 'code'), '--serverport', '0', '--bindaddress', '127.0.0.1', '--autosign', 'true',
    '--certname', 'puppet', '--dns_alt_names', 'localhost,puppet', '--keylength', '2048',
  ], { env: { ...process.env, BUNRAKU_FROM_SOURCE: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bunraku server did not start:\n${serverOut}`)), 120_000);
    const onData = (d: Buffer) => {
      serverOut += d.toString();
      const m = /Listening on https:\/\/[^:]+:(\d+)/.exec(serverOut);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    server.stdout!.on('data', onData);
    server.stderr!.on('data', onData);
    server.on('exit', (code) => reject(new Error(`bunraku server exited with ${code}:\n${serverOut}`)));
  });
});

after(() => {
  if (server && server.exitCode === null) server.kill('SIGTERM');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a fresh agent: first run applies everything (exit 2), the second changes nothing (exit 0)', async () => {
  const first = await agent('agent1.example.test');
  assert.equal(first.code, 2, first.output);
  const base = join(root(), 'agent1.example.test');
  assert.equal(readFileSync(join(base, 'content.txt'), 'utf8'), 'Managed for agent1.example.test\nHello from Bunraku\n');
  assert.equal(statSync(join(base, 'content.txt')).mode & 0o777, 0o640);
  assert.equal(readFileSync(join(base, 'motd'), 'utf8'), 'Welcome to a node managed by Bunraku.\n');
  assert.equal(statSync(join(base, 'motd')).mode & 0o777, 0o644);
  assert.equal(readFileSync(join(base, 'confdir', 'a.conf'), 'utf8'), 'a = 1\n');
  assert.equal(readFileSync(join(base, 'confdir', 'sub', 'c.conf'), 'utf8'), 'c = 3\n');
  assert.deepEqual(readFileSync(join(base, 'confdir', 'blob.bin')), readFileSync(join(envdir(), 'production', 'modules', 'demo', 'files', 'confdir', 'blob.bin')));
  assert.equal(readFileSync(join(base, 'app.conf'), 'utf8'),
    '# Rendered from demo/app.conf.epp\ngreeting = "Hello from Bunraku"\nport = 8080\nserver = alpha.example.test\nserver = beta.example.test\n');
  assert.equal(statSync(join(base, 'app.conf')).mode & 0o777, 0o600);
  assert.ok(existsSync(join(base, 'exec-marker')), 'the exec ran');

  // Pluginsync delivered the custom fact and the server received it with the facts.
  assert.ok(existsSync(join(dir, 'agents', 'agent1.example.test', 'var', 'lib', 'facter', 'demo_fact.rb')));
  const facts = JSON.parse(readFileSync(join(dir, 'var', 'server_data', 'facts', 'agent1.example.test.json'), 'utf8'));
  assert.equal(facts.values.demo_fact, 'demo-value-42');

  // Static catalog: no metadata requests for module sources; content through static_file_content.
  const log = accessLog();
  assert.doesNotMatch(log, /file_metadatas?\/modules\//);
  assert.match(log, /GET \/puppet\/v3\/static_file_content\/modules\/demo\/files\/motd\?/);
  assert.match(log, /GET \/puppet\/v3\/static_file_content\/modules\/demo\/files\/confdir\/blob\.bin\?/);

  const second = await agent('agent1.example.test');
  assert.equal(second.code, 0, second.output);
});

test('a changed source is fetched through static_file_content; the old content goes to the server bucket', async () => {
  const motd = join(envdir(), 'production', 'modules', 'demo', 'files', 'motd');
  const old = readFileSync(motd);
  writeFileSync(motd, 'A new message of the day.\n');
  const before = accessLog().length;
  const run = await agent('agent1.example.test');
  assert.equal(run.code, 2, run.output);
  assert.equal(readFileSync(join(root(), 'agent1.example.test', 'motd'), 'utf8'), 'A new message of the day.\n');
  const log = accessLog().slice(before);
  assert.match(log, /GET \/puppet\/v3\/static_file_content\/modules\/demo\/files\/motd\?environment=production&code_id=/);
  assert.doesNotMatch(log, /file_metadatas?\/modules\//);
  assert.match(log, /PUT \/puppet\/v3\/file_bucket_file\/sha256\//);

  const digest = createHash('sha256').update(old).digest('hex');
  const res = await get(`/puppet/v3/file_bucket_file/sha256/${digest}?environment=production`, agentTls('agent1.example.test'), 'application/octet-stream');
  assert.equal(res.status, 200);
  assert.deepEqual(res.body, old);
});

test('each run\'s report lands in reportdir with statuses and events, and matches the report schema', () => {
  const reports = join(dir, 'var', 'reports', 'agent1.example.test');
  const files = readdirSync(reports).filter((f) => /^\d{12}\.yaml$/.test(f)).sort();
  assert.ok(files.length >= 1, 'a report was stored');
  const parsed = parseReport(readFileSync(join(reports, files[files.length - 1])), 'yaml');
  assert.deepEqual(parsed.problems, []);
  assert.equal(parsed.host, 'agent1.example.test');
  const report = parsed.plain as { status: string; resource_statuses: Record<string, { events: { property: string; status: string }[] }> };
  assert.equal(report.status, 'changed');
  const motd = report.resource_statuses[`File[${join(root(), 'agent1.example.test', 'motd')}]`];
  assert.ok(motd, 'the motd resource has a status');
  assert.equal(motd.events[0]?.property, 'content');
  assert.equal(motd.events[0]?.status, 'success');
});

test('an ENC moves a node to staging: its catalog comes from staging', async () => {
  const run = await agent('enc-agent.example.test');
  assert.ok(run.code === 2, run.output);
  assert.match(run.output, /switching agent to 'staging'|Using environment 'staging'/);
  assert.equal(readFileSync(join(root(), 'enc-agent.example.test-staging.txt'), 'utf8'), 'compiled in staging for role role-of-enc-agent.example.test\n');
  assert.ok(!existsSync(join(root(), 'enc-agent.example.test', 'content.txt')), 'nothing from production');
});

test('a node cannot read another node\'s catalog or node object; no certificate gets 403', async () => {
  const tls = agentTls('agent1.example.test');
  for (const path of ['/puppet/v3/catalog/enc-agent.example.test?environment=production', '/puppet/v3/node/enc-agent.example.test?environment=production']) {
    const res = await get(path, tls);
    assert.equal(res.status, 403, path);
    assert.match(res.body.toString(), /^Forbidden request: \/puppet\/v3\/(catalog|node)\/enc-agent\.example\.test \(method :get\)/);
    assert.match(String(res.headers['x-bunraku-auth-rule']), /puppetlabs v3 catalog from agents|puppetlabs node/);
  }
  const own = await get('/puppet/v3/node/agent1.example.test?environment=production', tls);
  assert.equal(own.status, 200);
  assert.equal(JSON.parse(own.body.toString()).environment, 'production');
  const anonymous = await get('/puppet/v3/catalog/agent1.example.test?environment=production', { ca: tls.ca });
  assert.equal(anonymous.status, 403);
});

test('a whole run goes over persistent connections', async () => {
  const run = await agent('agent1.example.test', ['--debug']);
  assert.equal(run.code, 0, run.output);
  const created = run.output.match(/Creating new connection for https:\/\/localhost/g)?.length ?? 0;
  const reused = run.output.match(/Using cached connection for https:\/\/localhost/g)?.length ?? 0;
  // A steady run is about seven requests; puppetserver serves it over one or two connections.
  assert.ok(created >= 1 && created <= 2, `connections created: ${created}`);
  assert.ok(reused >= 4, `connections reused: ${reused}`);
});
