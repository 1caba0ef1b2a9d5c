// A whole agent run against `bunraku server` (started from the sources): the
// certificate through the agent's SSL code, then runConfigurer: pluginsync of
// a module's external facts, the catalog, files from content, EPP, a
// puppet:/// source and a recursive source, an exec with unless, notify,
// package; the report stored on the server. The second run changes only the
// notify resources (which always "change", as with the real agent).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:https';
import { freePort, repoRoot } from './agent-ssl-peers.js';
import { resolveSettings } from '../../src/settings/index.js';
import { createHttpClient, ensureCertificate } from '../../src/agent/run.js';
import { RecordingLog } from '../../src/agent/http/log.js';
import { runConfigurer } from '../../src/agent/configurer.js';

const CERTNAME = 'agent1.example.test';
let dir: string;
let server: ChildProcess | undefined;
let port: number;
let serverOutput = '';

function status(p: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port: p, path: '/status/v1/simple', rejectUnauthorized: false, timeout: 5000 }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => { body += d; });
      res.on('end', () => resolve(body.trim()));
    });
    req.on('error', () => resolve(undefined));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bunraku-agent-run-'));
  const codedir = join(dir, 'server', 'code');
  const env = join(codedir, 'environments', 'production');
  cpSync(join(repoRoot, 'test', 'fixtures', 'agent', 'run-env', 'production'), env, { recursive: true });
  writeFileSync(join(env, 'modules', 'demo', 'facts.d', 'bunraku_test_root.txt'), `bunraku_test_root=${join(dir, 'root')}\n`);
  mkdirSync(join(dir, 'root'));
  port = await freePort();
  server = spawn(process.execPath, [
    join(repoRoot, 'bin', 'bunraku.js'), 'server', '--confdir', join(dir, 'server', 'conf'), '--vardir', join(dir, 'server', 'var'),
    '--logdir', join(dir, 'server', 'log'), '--codedir', codedir, '--serverport', String(port), '--bindaddress', '127.0.0.1',
    '--autosign', 'true', '--dns_alt_names', 'localhost', '--certname', 'puppet',
  ], { env: { ...process.env, BUNRAKU_FROM_SOURCE: '1' }, cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout!.on('data', (d: Buffer) => { serverOutput += d; });
  server.stderr!.on('data', (d: Buffer) => { serverOutput += d; });
  for (let i = 0; i < 240; i++) {
    if (server.exitCode !== null) throw new Error(`bunraku server exited early:\n${serverOutput}`);
    if ((await status(port)) === 'running') return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`bunraku server did not start:\n${serverOutput}`);
}, { timeout: 180_000 });

after(async () => {
  if (server?.pid !== undefined && server.exitCode === null) {
    const done = new Promise((r) => server!.once('exit', r));
    process.kill(server.pid, 'SIGTERM');
    await done;
  }
  rmSync(dir, { recursive: true, force: true });
});

async function agentRun(log: RecordingLog) {
  const a = join(dir, 'agent');
  const { settings } = resolveSettings({
    runMode: 'agent',
    argv: ['--confdir', join(a, 'conf'), '--vardir', join(a, 'var'), '--logdir', join(a, 'log'), '--rundir', join(a, 'run'),
      '--codedir', join(a, 'code'), '--server', 'localhost', '--serverport', String(port), '--certname', CERTNAME],
  });
  const client = createHttpClient(settings, log);
  try {
    const ssl = await ensureCertificate({ settings, onetime: true, daemonize: false, log, stdout: () => {} }, client);
    assert.notEqual(typeof ssl, 'number', `no certificate: ${log.messages().join('\n')}`);
    if (typeof ssl === 'number') throw new Error('unreachable');
    return { settings, ...(await runConfigurer({ settings, client, ssl, log })) };
  } finally {
    client.close();
  }
}

test('bunraku agent applies a catalog from bunraku server, then converges', { timeout: 300_000 }, async () => {
  const log1 = new RecordingLog();
  const run1 = await agentRun(log1);
  const errors = log1.messages('err');
  assert.deepEqual(errors, [], `errors in the first run:\n${log1.entries.map((e) => `${e.level}: ${e.message}`).join('\n')}\n${serverOutput}`);
  assert.equal(run1.exitCode, 2);
  assert.equal(run1.report.status, 'changed');

  const base = join(dir, 'root', 'managed', CERTNAME);
  const moduleFiles = join(repoRoot, 'test', 'fixtures', 'agent', 'run-env', 'production', 'modules', 'demo', 'files');
  assert.equal(readFileSync(join(base, 'content.txt'), 'utf8'), `Managed by Puppet for ${CERTNAME}\nHello from module data\n`);
  assert.equal(readFileSync(join(base, 'motd'), 'utf8'), readFileSync(join(moduleFiles, 'motd'), 'utf8'));
  assert.equal(readFileSync(join(base, 'confdir', 'sub', 'c.conf'), 'utf8'), readFileSync(join(moduleFiles, 'confdir', 'sub', 'c.conf'), 'utf8'));
  assert.deepEqual(readdirSync(join(base, 'confdir')).sort(), ['a.conf', 'b.conf', 'sub']);
  assert.equal(readFileSync(join(base, 'app.conf'), 'utf8'),
    '# Rendered from demo/app.conf.epp\ngreeting = "Hello from module data"\nport = 8080\nserver = alpha.example.test\nserver = beta.example.test\n');
  assert.ok(existsSync(join(base, 'exec-marker')));
  // pluginsync brought the module's external facts, and the compile used them.
  assert.equal(readFileSync(join(run1.settings.vardir, 'facts.d', 'flavour.txt'), 'utf8'), 'bunraku_flavour=interop\n');
  assert.ok(log1.messages('notice').includes('flavour=interop'), log1.messages('notice').join('\n'));
  assert.ok(log1.messages('notice').includes(`/Stage[main]/Demo/File[${base}/motd]/ensure: defined content as '{sha256}af48c1910075e1d6147182fdbf647740da25b7939361c47c1b565e16a033e65b'`));
  assert.ok(log1.messages('notice').includes('/Stage[main]/Demo/Exec[demo-marker]/returns: executed successfully'));
  assert.ok(existsSync(String(run1.settings.lastrunfile)));
  assert.match(readFileSync(String(run1.settings.lastrunfile), 'utf8'), /converged_environment: production/);
  assert.match(readFileSync(String(run1.settings.lastrunreport), 'utf8'), /^--- !ruby\/object:Puppet::Transaction::Report/);
  assert.ok(existsSync(join(String(run1.settings.client_datadir), 'catalog', `${CERTNAME}.json`)));

  const accessLog = join(dir, 'server', 'log', 'access.log');
  const seen = readFileSync(accessLog, 'utf8').split('\n').filter((l) => l !== '').length;
  const log2 = new RecordingLog();
  const run2 = await agentRun(log2);
  // The steady-state run makes the requests the real 7.23 agent made in the golden trace, in its order.
  const requests = readFileSync(accessLog, 'utf8').split('\n').filter((l) => l !== '').slice(seen)
    .map((l) => /"(\w+) (\S+) HTTP/.exec(l)?.[1] + ' ' + /"(\w+) (\S+) HTTP/.exec(l)?.[2]);
  const trace = readFileSync(join(repoRoot, 'test', 'fixtures', 'agent', 'trace-steady-run-puppet-7.23.txt'), 'utf8');
  const summary = trace.slice(trace.indexOf('SUMMARY (agent1 run 3)'), trace.indexOf('SUMMARY (agent1 run 5'));
  const expectedRequests = [...summary.matchAll(/^\s+\d+ C\d+#\d+\s+(\w+)\s+(\S+)/gm)].map((m) => `${m[1]} ${m[2]}`);
  assert.equal(expectedRequests.length, 7);
  // A static catalog (code_id and inlined metadata, spec §8.2) spares the agent the metadata requests.
  const cached = JSON.parse(readFileSync(join(String(run2.settings.client_datadir), 'catalog', `${CERTNAME}.json`), 'utf8')) as { code_id?: string | null; metadata?: object };
  const isStatic = typeof cached.code_id === 'string' && cached.metadata !== undefined;
  assert.deepEqual(requests, isStatic ? expectedRequests.filter((r) => !r.includes('/file_metadata/modules') && !r.includes('/file_metadatas/modules')) : expectedRequests);
  assert.deepEqual(log2.messages('err'), []);
  const changed = Object.values(run2.report.resource_statuses).filter((s) => s.changed).map((s) => s.resource).sort();
  assert.deepEqual(changed, ['Notify[demo-fact]', 'Notify[flavour]']);
  assert.equal(run2.exitCode, 2); // notify resources always change, as with puppet agent

  // The store processor names reports by minute (as Puppet's): the second run's report is there.
  const reports = join(dir, 'server', 'var', 'reports', CERTNAME);
  const stored = readdirSync(reports).filter((f) => f.endsWith('.yaml')).map((f) => readFileSync(join(reports, f), 'utf8'));
  assert.ok(stored.some((y) => y.includes(`transaction_uuid: ${run2.report.transaction_uuid}`)), `reports stored in ${reports}`);
  assert.ok(stored.some((y) => y.includes('status: changed')));
});
