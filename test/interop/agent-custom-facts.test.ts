// Ruby custom facts against real facter 4.3 (Debian's puppet-agent), and end to
// end: a module's lib/facter/*.rb in an environment served by `bunraku server`,
// pluginsynced by `bunraku agent -t`, evaluated in the embedded Ruby, and sent
// in the catalog request (the server stores the facts it received).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectFacts, sanitizeFact, type FactMap } from '../../src/agent/facts/index.js';
import { resolveSettings } from '../../src/settings/index.js';
import { exec, repoRoot, startBunrakuServer } from './agent-ssl-peers.js';

/** Real facter's JSON for the given custom fact directory (and its lib for require), with its error lines. */
function realFacter(libdir: string, env: Record<string, string>, extraArgs: string[] = []): { facts: FactMap; log: string } {
  const run = spawnSync('facter', ['--json', ...extraArgs], {
    encoding: 'utf8', timeout: 180_000,
    env: { HOME: process.env.HOME ?? '/', PATH: '/bin:/usr/bin', RUBYLIB: libdir, FACTERLIB: join(libdir, 'facter'), ...env },
  });
  assert.ok(run.stdout, `facter printed nothing (is puppet-agent installed?): ${run.error?.message ?? run.stderr}`);
  // eslint-disable-next-line no-control-regex
  return { facts: JSON.parse(run.stdout) as FactMap, log: run.stderr.replace(/\x1b\[\d+m/g, '') };
}

const pick = (facts: FactMap, names: readonly string[]): FactMap =>
  Object.fromEntries(names.filter((n) => Object.hasOwn(facts, n)).map((n) => [n, facts[n]]));

test('the fixture fact files: facter 4.3 still answers the recording, and Bunraku answers as facter', () => {
  const fixture = join(repoRoot, 'test', 'fixtures', 'custom-facts');
  const expected = JSON.parse(readFileSync(join(fixture, 'expected.json'), 'utf8')) as { facts: FactMap; messages: { message: string }[] };
  const env = { CF_DATA: join(fixture, 'data') };
  const real = realFacter(join(fixture, 'lib'), env, ['--external-dir', join(fixture, 'facts.d')]);
  const names = Object.keys(expected.facts);
  assert.deepEqual(pick(real.facts, names), expected.facts);
  for (const m of expected.messages) assert.ok(real.log.includes(m.message.split('\n')[0].replaceAll('<dir>', fixture).replace(/0x[0-9a-f]+>.*/, '')), m.message);

  // Ours with this machine's native facts, as the agent collects them.
  const ours = collectFacts({
    customFactDirs: [join(fixture, 'lib', 'facter')], externalDirs: [join(fixture, 'facts.d')],
    env: { ...process.env, ...env, PATH: '/bin:/usr/bin' },
  });
  // The agent's facts went through Puppet's sanitize (nil inside a structure becomes "").
  assert.deepEqual(pick(ours.facts, names), sanitizeFact(pick(real.facts, names)));
});

test('facts using Puppet\'s API answer as under puppet facts show with the same vardir', { timeout: 400_000 }, () => {
  const fixture = join(repoRoot, 'test', 'fixtures', 'custom-facts-puppet');
  const expected = JSON.parse(readFileSync(join(fixture, 'expected.json'), 'utf8')) as { facts: FactMap };
  const dir = mkdtempSync(join(tmpdir(), 'bunraku-puppet-facts-'));
  try {
    cpSync(join(fixture, 'lib'), join(dir, 'var', 'lib'), { recursive: true });
    const dirs = ['--vardir', join(dir, 'var'), '--confdir', join(dir, 'conf'), '--codedir', join(dir, 'code'), '--logdir', join(dir, 'log')];
    const run = spawnSync('puppet', ['facts', 'show', '--render-as', 'json', ...dirs], { encoding: 'utf8', timeout: 300_000 });
    assert.ok(run.stdout, `puppet facts show printed nothing: ${run.error?.message ?? run.stderr}`);
    const real = JSON.parse(run.stdout) as FactMap;
    const names = Object.keys(expected.facts);
    const { settings } = resolveSettings({ runMode: 'agent', argv: dirs });
    const ours = collectFacts({ settings, extra: { puppetversion: '7.23.0' } });
    assert.deepEqual(pick(ours.facts, names), pick(real, names));
    // The recording was made as root on a host without systemd; elsewhere only the rest must hold.
    const portable = names.filter((n) => n !== 'pa_root' && n !== 'pa_service_provider');
    const text = JSON.stringify(pick(real, portable)).replaceAll(join(dir, 'var'), '<vardir>').replaceAll(join(dir, 'conf'), '<confdir>');
    assert.deepEqual(JSON.parse(text), pick(expected.facts, portable));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bunraku agent -t pluginsyncs a module\'s custom facts and sends them to bunraku server', { timeout: 600_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bunraku-custom-facts-'));
  const envFixture = join(repoRoot, 'test', 'fixtures', 'custom-facts-env', 'production');
  let server: Awaited<ReturnType<typeof startBunrakuServer>> | undefined;
  try {
    cpSync(envFixture, join(dir, 'server', 'code', 'environments', 'production'), { recursive: true });
    server = await startBunrakuServer(join(dir, 'server'));
    const a = join(dir, 'agent');
    const certname = server.autoName;
    const agent = await exec(process.execPath, [
      join(repoRoot, 'bin', 'bunraku.js'), 'agent', '-t', '--confdir', join(a, 'conf'), '--vardir', join(a, 'var'),
      '--logdir', join(a, 'log'), '--rundir', join(a, 'run'), '--codedir', join(a, 'code'),
      '--server', 'localhost', '--serverport', String(server.port), '--certname', certname,
    ], { env: { BUNRAKU_FROM_SOURCE: '1' }, cwd: repoRoot, timeoutMs: 400_000 });
    const output = `${agent.stdout}\n${agent.stderr}`;
    assert.equal(agent.code, 2, output);
    // pluginsync put the module's facts and their helper under $vardir/lib.
    assert.equal(readFileSync(join(a, 'var', 'lib', 'facter', 'cfsite.rb'), 'utf8'),
      readFileSync(join(envFixture, 'modules', 'cfsite', 'lib', 'facter', 'cfsite.rb'), 'utf8'));

    const stored = JSON.parse(readFileSync(join(dir, 'server', 'var', 'server_data', 'facts', `${certname}.json`), 'utf8')) as { values: FactMap };
    // What real facter makes of the same module files on this machine.
    const real = realFacter(join(envFixture, 'modules', 'cfsite', 'lib'), {});
    const names = ['cfsite_role', 'cfsite_info', 'cfsite_exec', 'cfsite_broken'];
    assert.deepEqual(pick(real.facts, names), {
      cfsite_role: `web-${String((real.facts.os as FactMap).family).toLowerCase()}`,
      cfsite_info: { kernel: 'Linux', ruby_fact: true, list: [1, 'two'] },
      cfsite_exec: 'exec-ok',
    });
    assert.match(real.log, /Error while resolving custom fact fact='cfsite_broken', resolution='<anonymous>': cfsite is broken on purpose/);
    assert.deepEqual(pick(stored.values, names), pick(real.facts, names));
    // ... and the catalog compiled from them.
    assert.ok(output.includes(`Notice: site=${String(real.facts.cfsite_role)} exec=exec-ok kernel=Linux`), output);
  } finally {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
