import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RubyRuntime } from '../../ruby/runtime.js';
import { defaultFactDirs, findFactFiles, resolveRubyFacts } from './ruby-facts.js';
import { readExternalFacts } from './external.js';
import { liveSystem } from './system.js';
import { collectFacts } from './index.js';
import { resolveSettings } from '../../settings/index.js';

// One VM for the file: booting CRuby costs seconds; each evaluation resets the shim's state.
const runtime = new RubyRuntime();
after(() => runtime.close());

const fixture = fileURLToPath(new URL('../../../test/fixtures/custom-facts', import.meta.url));

interface Expected {
  facts: Record<string, unknown>;
  messages: { level: string; message: string }[];
}

/** The first line, with object addresses blanked (they differ per process). */
const normalize = (m: string) => m.split('\n')[0].replace(/#<Object:0x[0-9a-f]+>/g, '#<Object:0x…>');

test('fixture fact files resolve as facter 4.3 resolved them (values and error messages)', () => {
  // expected.json is real facter's output for the same files (see its recorded_with; the
  // interop test agent-custom-facts.test.ts checks it against the installed facter).
  const expected = JSON.parse(readFileSync(join(fixture, 'expected.json'), 'utf8')) as Expected;
  const external = readExternalFacts(liveSystem, [join(fixture, 'facts.d')], () => false).facts;
  const result = resolveRubyFacts({
    files: findFactFiles(liveSystem, [join(fixture, 'lib', 'facter')]),
    core: { kernel: 'Linux', os: { family: 'Debian', name: 'Debian' }, timezone: 'UTC', hostname: hostname(), identity: { uid: 0, gid: 0 } },
    external,
    env: { PATH: '/bin:/usr/bin', CF_DATA: join(fixture, 'data') },
    runtime,
  });
  assert.deepEqual(result.facts, expected.facts);
  const strip = (ms: { level: string; message: string }[]) =>
    ms.map((m) => ({ level: m.level, message: normalize(m.message.replaceAll(fixture, '<dir>')) }));
  assert.deepEqual(strip([...result.messages]), strip(expected.messages));
});

test('facts using Puppet (settings, versioncmp, default providers) resolve as under puppet facts show', () => {
  const puppetFixture = fileURLToPath(new URL('../../../test/fixtures/custom-facts-puppet', import.meta.url));
  const expected = JSON.parse(readFileSync(join(puppetFixture, 'expected.json'), 'utf8')) as Expected;
  const vardir = mkdtempSync(join(tmpdir(), 'bunraku-cf-'));
  try {
    const { settings } = resolveSettings({ runMode: 'agent', argv: ['--vardir', vardir, '--confdir', join(vardir, 'conf')] });
    const result = resolveRubyFacts({
      files: findFactFiles(liveSystem, [join(puppetFixture, 'lib', 'facter')]),
      core: { identity: { privileged: true } }, runtime, puppetSettings: settings, puppetVersion: '7.23.0',
      defaultProviders: { package: 'apt', service: 'debian' },
    });
    const text = JSON.stringify(result.facts).replaceAll(join(vardir, 'conf'), '<confdir>').replaceAll(vardir, '<vardir>');
    assert.deepEqual(JSON.parse(text), expected.facts);
    assert.deepEqual(result.messages, expected.messages);
  } finally {
    rmSync(vardir, { recursive: true, force: true });
  }
});

test('without fact files Ruby is never started', () => {
  const idle = new RubyRuntime();
  const empty = mkdtempSync(join(tmpdir(), 'bunraku-cf-'));
  try {
    const { facts } = collectFacts({ customFactDirs: [empty, join(empty, 'missing')], ruby: idle, extra: { clientcert: 'n1' } });
    assert.equal(facts.clientcert, 'n1');
    assert.equal(idle.started, false);
  } finally {
    idle.close();
    rmSync(empty, { recursive: true, force: true });
  }
});

test('collectFacts sends custom facts: a weighted fact overrides the core fact, an unweighted one yields to it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bunraku-cf-'));
  try {
    const facter = join(dir, 'lib', 'facter');
    mkdirSync(join(facter, 'util'), { recursive: true });
    writeFileSync(join(facter, 'util', 'site.rb'), "module SiteUtil\n  def self.tag(k) = \"site-#{k}\"\nend\n");
    writeFileSync(join(facter, 'util', 'rel.rb'), "module RelUtil\n  def self.name = 'relative'\nend\n");
    writeFileSync(join(facter, 'rel.rb'), [
      "require 'openssl'", // the VM's own library, whose require_relative calls stay inside the VM
      "require_relative 'util/rel'",
      "Facter.add(:site_rel) { setcode { [RelUtil.name, OpenSSL::Digest::SHA256.hexdigest('x')[0, 8]] } }",
    ].join('\n'));
    writeFileSync(join(facter, 'site.rb'), [
      "require 'facter/util/site'",
      'Facter.add(:site_tag) { setcode { SiteUtil.tag(Facter.value(:kernel)) } }',
      "Facter.add(:path) { has_weight 5; setcode { '/custom/path' } }",
      "Facter.add(:fips_enabled) { setcode { 'not me' } }",
      "Facter.add(:site_fail) { setcode { raise 'site down' } }",
      "Facter.add(:site_nils) { setcode { { 'a' => nil, 'b' => [nil, 1], 'c' => :sym } } }",
    ].join('\n'));
    const native = collectFacts({ customFactDirs: [] }).facts;
    const { facts, warnings, messages } = collectFacts({ customFactDirs: [facter], ruby: runtime });
    assert.equal(facts.site_tag, `site-${String(native.kernel)}`);
    assert.equal(facts.path, '/custom/path');
    assert.deepEqual(facts.site_rel, ['relative', '2d711642']);
    assert.equal(facts.fips_enabled, native.fips_enabled);
    assert.equal('site_fail' in facts, false);
    // Puppet's sanitize, as `puppet facts show` prints docker's {"DriverStatus": null} as "".
    assert.deepEqual(facts.site_nils, { a: '', b: ['', 1], c: 'sym' });
    assert.deepEqual(warnings, ["Error while resolving custom fact fact='site_fail', resolution='<anonymous>': site down"]);
    assert.deepEqual(messages, [{ level: 'err', message: warnings[0] }]);
    assert.deepEqual(Object.keys(facts), Object.keys(facts).slice().sort());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('FACTER_<name> variables are facts of weight 1000000, as in facter 4.3', () => {
  // facter 4.3 with FACTER_ef_low=env FACTER_EF_HIGH=env FACTER_ef_only=env: ef_low "env", ef_high "custom", ef_only "env".
  const dir = mkdtempSync(join(tmpdir(), 'bunraku-cf-'));
  try {
    writeFileSync(join(dir, 'e.rb'), [
      "Facter.add(:ef_low) { has_weight 50_000; setcode { 'custom' } }",
      "Facter.add(:ef_high) { has_weight 2_000_000; setcode { 'custom' } }",
    ].join('\n'));
    const env = { PATH: '/bin:/usr/bin', FACTER_ef_low: 'env', FACTER_EF_HIGH: 'env', FACTER_ef_only: 'env' };
    const { facts } = collectFacts({ customFactDirs: [dir], ruby: runtime, env });
    assert.deepEqual([facts.ef_low, facts.ef_high, facts.ef_only], ['env', 'custom', 'env']);
    assert.equal(collectFacts({ customFactDirs: [], env: { FACTER_kernel: 'envkernel' } }).facts.kernel, 'envkernel');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('asking for a fact while files load loads <name>.rb first, as facter\'s loader does', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bunraku-cf-'));
  try {
    writeFileSync(join(dir, 'a.rb'), [
      'EARLY = Facter.value(:zz_later).inspect',
      'Facter.add(:aa_early) { setcode { EARLY } }',
    ].join('\n'));
    writeFileSync(join(dir, 'zz_later.rb'), "Facter.add(:zz_later) { setcode { 'defined-later' } }\n");
    const result = resolveRubyFacts({ files: findFactFiles(liveSystem, [dir]), core: {}, runtime });
    // facter 4.3 on these two files: aa_early "\"defined-later\"".
    assert.deepEqual(result.facts, { aa_early: '"defined-later"', zz_later: 'defined-later' });
    assert.deepEqual(result.messages, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a command that outlives its timeout is killed, and the fact fails as in facter', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bunraku-cf-'));
  try {
    writeFileSync(join(dir, 'slow.rb'), [
      "Facter.add(:slow) { setcode { Facter::Core::Execution.execute('sleep 30; echo late', timeout: 1) } }",
      "Facter.add(:slow_quiet) { setcode { Facter::Core::Execution.execute('sleep 30', timeout: 1, on_fail: 'fallback').inspect } }",
    ].join('\n'));
    const result = resolveRubyFacts({ files: findFactFiles(liveSystem, [dir]), core: {}, runtime, env: { PATH: '/bin:/usr/bin' } });
    assert.deepEqual(result.facts, { slow_quiet: '""' });
    assert.equal(result.messages.length, 1);
    assert.match(result.messages[0].message, /^Error while resolving custom fact fact='slow', resolution='<anonymous>': Failed while executing '\/(usr\/)?bin\/sleep 30; echo late': Timeout encounter after 1s, killing process with pid: \d+$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a resolution\'s :timeout and Timeout.timeout interrupt Ruby code as in facter 4.3', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bunraku-cf-'));
  try {
    writeFileSync(join(dir, 't.rb'), [
      'Facter.add(:slowruby, :timeout => 1) { setcode { loop {} } }',
      'Facter.add(:slowruby2, :timeout => 1) { setcode { x = 0; while true; x += 1; end } }',
      "Facter.add(:slowfallback) { has_weight 1; setcode { 'fallback' } }",
      'Facter.add(:slowfallback, :timeout => 1) { has_weight 5; setcode { loop {} } }',
      "Facter.add(:usertimeout) { setcode { begin; Timeout.timeout(0.5) { loop {} }; rescue Timeout::Error => e; \"caught #{e.class}: #{e.message}\"; end } }",
      "Facter.add(:fast, :timeout => 5) { setcode { 'quick' } }",
    ].join('\n'));
    const result = resolveRubyFacts({ files: findFactFiles(liveSystem, [dir]), core: {}, runtime });
    // facter 4.3 on the same file: these values, and one error per timed-out resolution.
    assert.deepEqual(result.facts, { slowfallback: 'fallback', usertimeout: 'caught Timeout::Error: execution expired', fast: 'quick' });
    assert.deepEqual(result.messages.map((m) => m.message), [
      "Timed out after 1 seconds while resolving fact='slowruby', resolution='<anonymous>'",
      "Timed out after 1 seconds while resolving fact='slowruby2', resolution='<anonymous>'",
      "Timed out after 1 seconds while resolving fact='slowfallback', resolution='<anonymous>'",
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a fact file that never returns is stopped; the run goes on without custom facts', async () => {
  const short = new RubyRuntime({ timeoutMs: 8000 });
  const dir = mkdtempSync(join(tmpdir(), 'bunraku-cf-'));
  try {
    // The worker is unref'd: hold the event loop open while it boots.
    const keepAlive = setInterval(() => undefined, 1000);
    try {
      await short.start();
    } finally {
      clearInterval(keepAlive);
    }
    writeFileSync(join(dir, 'spin.rb'), "Facter.add(:ok) { setcode { 'fine' } }\nFacter.add(:spin) { setcode { loop {} } }\n");
    const result = resolveRubyFacts({ files: findFactFiles(liveSystem, [dir]), core: {}, runtime: short });
    assert.deepEqual(result.facts, {});
    assert.equal(result.messages.length, 1);
    assert.match(result.messages[0].message, /^Could not resolve custom facts: The embedded Ruby did not answer within 8000 ms/);
  } finally {
    short.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('default custom fact directories: $vardir/lib/facter beside $vardir/facts.d, then FACTERLIB', () => {
  assert.deepEqual(defaultFactDirs(['/var/lib/agent/facts.d'], '/opt/a:/opt/b'), ['/var/lib/agent/lib/facter', '/opt/a', '/opt/b']);
  assert.deepEqual(defaultFactDirs(['/tmp/ext'], undefined), []);
});
