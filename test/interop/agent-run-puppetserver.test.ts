// The same agent run against a real puppetserver 7.9.5 (the target Bunraku's
// agent must work with): certificate, pluginsync of module facts, catalog,
// sources, EPP, exec with unless, the report accepted and stored. Fails when
// puppetserver cannot be started.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, startPuppetserver, type Peer } from './agent-ssl-peers.js';
import { resolveSettings } from '../../src/settings/index.js';
import { createHttpClient, ensureCertificate } from '../../src/agent/run.js';
import { RecordingLog } from '../../src/agent/http/log.js';
import { runConfigurer } from '../../src/agent/configurer.js';

let dir: string;
let peer: Peer | undefined;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bunraku-agent-run-ps-'));
  mkdirSync(join(dir, 'root'));
  peer = await startPuppetserver(join(dir, 'server'));
  const env = join(dir, 'server', 'code', 'environments', 'production');
  cpSync(join(repoRoot, 'test', 'fixtures', 'agent', 'run-env', 'production'), env, { recursive: true });
  writeFileSync(join(env, 'modules', 'demo', 'facts.d', 'bunraku_test_root.txt'), `bunraku_test_root=${join(dir, 'root')}\n`);
}, { timeout: 960_000 });

after(async () => {
  await peer?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function agentRun(certname: string, log: RecordingLog) {
  const a = join(dir, 'agent');
  const { settings } = resolveSettings({
    runMode: 'agent',
    argv: ['--confdir', join(a, 'conf'), '--vardir', join(a, 'var'), '--logdir', join(a, 'log'), '--rundir', join(a, 'run'),
      '--codedir', join(a, 'code'), '--server', 'localhost', '--serverport', String(peer!.port), '--certname', certname],
  });
  const client = createHttpClient(settings, log);
  try {
    const ssl = await ensureCertificate({ settings, onetime: true, daemonize: false, log, stdout: () => {} }, client);
    if (typeof ssl === 'number') throw new Error(`No certificate (exit ${ssl}):\n${log.messages().join('\n')}`);
    return { settings, ...(await runConfigurer({ settings, client, ssl, log })) };
  } finally {
    client.close();
  }
}

test('bunraku agent applies a catalog from puppetserver 7.9.5, then converges', { timeout: 900_000 }, async () => {
  const certname = peer!.autoName;
  const log1 = new RecordingLog();
  const run1 = await agentRun(certname, log1);
  assert.deepEqual(log1.messages('err'), [], log1.entries.map((e) => `${e.level}: ${e.message}`).join('\n'));
  assert.equal(run1.exitCode, 2);
  const base = join(dir, 'root', 'managed', certname);
  const moduleFiles = join(repoRoot, 'test', 'fixtures', 'agent', 'run-env', 'production', 'modules', 'demo', 'files');
  assert.equal(readFileSync(join(base, 'content.txt'), 'utf8'), `Managed by Puppet for ${certname}\nHello from module data\n`);
  assert.equal(readFileSync(join(base, 'motd'), 'utf8'), readFileSync(join(moduleFiles, 'motd'), 'utf8'));
  assert.equal(readFileSync(join(base, 'confdir', 'sub', 'c.conf'), 'utf8'), readFileSync(join(moduleFiles, 'confdir', 'sub', 'c.conf'), 'utf8'));
  assert.equal(readFileSync(join(base, 'app.conf'), 'utf8'),
    '# Rendered from demo/app.conf.epp\ngreeting = "Hello from module data"\nport = 8080\nserver = alpha.example.test\nserver = beta.example.test\n');
  assert.ok(existsSync(join(base, 'exec-marker')));
  assert.ok(log1.messages('notice').includes('flavour=interop'), log1.messages('notice').join('\n'));

  const log2 = new RecordingLog();
  const run2 = await agentRun(certname, log2);
  assert.deepEqual(log2.messages('err'), [], log2.entries.map((e) => `${e.level}: ${e.message}`).join('\n'));
  const changed = Object.values(run2.report.resource_statuses).filter((s) => s.changed).map((s) => s.resource).sort();
  assert.deepEqual(changed, ['Notify[demo-fact]', 'Notify[flavour]']);

  const reports = join(dir, 'server', 'var', 'reports', certname);
  const stored = readdirSync(reports).filter((f) => f.endsWith('.yaml')).map((f) => readFileSync(join(reports, f), 'utf8'));
  assert.ok(stored.some((y) => y.includes(run2.report.transaction_uuid)), `reports stored in ${reports}`);
});
