import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveSettings, parseDuration, SettingsError } from './index.js';

const ctx = { root: false, home: '/home/op', hostname: 'web1', domain: 'Example.Test.' };

async function withConf(text: string | undefined, fn: (confdir: string) => void | Promise<void>) {
  const dir = await mkdtemp(join(tmpdir(), 'bunraku-settings-'));
  try {
    if (text !== undefined) await writeFile(join(dir, 'puppet.conf'), text);
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('defaults for a non-root user live under the home directory', () => {
  const { settings } = resolveSettings({ runMode: 'agent', argv: ['--confdir', '/nonexistent/conf'], context: ctx });
  assert.equal(settings.vardir, '/home/op/.bunraku/var');
  assert.equal(settings.ssldir, '/nonexistent/conf/ssl');
  assert.equal(settings.certname, 'web1.example.test');
  assert.equal(settings.hostcert, '/nonexistent/conf/ssl/certs/web1.example.test.pem');
  assert.equal(settings.serverport, 8140);
  assert.equal(settings.ca_port, 8140);
  assert.equal(settings.ca_ttl, 157680000);
  assert.equal(settings.maxwaitforcert, null);
  assert.equal(settings.http_keepalive_timeout, 4);
  assert.equal(settings.pidfile, '/home/op/.bunraku/run/agent.pid');
  assert.ok(Object.isFrozen(settings));
});

test('defaults for root are system directories', () => {
  const { settings } = resolveSettings({ runMode: 'server', argv: ['--confdir', '/nonexistent/etc'], context: { ...ctx, root: true } });
  assert.equal(settings.vardir, '/var/lib/bunraku');
  assert.equal(settings.logdir, '/var/log/bunraku');
  assert.equal(settings.cadir, '/nonexistent/etc/ssl/ca');
  assert.equal(settings.ca_name, 'Puppet CA: web1.example.test');
});

test('puppet.conf: [main] then the run mode section, then flags win', async () => {
  await withConf('[main]\nserver = main.example\nserverport = 9000\n[agent]\nserver = agent.example\n[server]\nautosign = true\n', (confdir) => {
    const agent = resolveSettings({ runMode: 'agent', argv: ['--confdir', confdir], context: ctx }).settings;
    assert.equal(agent.server, 'agent.example');
    assert.equal(agent.serverport, 9000);
    assert.equal(agent.ca_server, 'agent.example');
    assert.equal(agent.autosign, join(confdir, 'autosign.conf'));
    const server = resolveSettings({ runMode: 'server', argv: ['--confdir', confdir, '--serverport=18140'], context: ctx }).settings;
    assert.equal(server.server, 'main.example');
    assert.equal(server.serverport, 18140);
    assert.equal(server.autosign, true);
  });
});

test('[master] is read as [server]; masterport is an alias of serverport', async () => {
  await withConf('[master]\nmasterport = 8141\n', (confdir) => {
    const { settings } = resolveSettings({ runMode: 'server', argv: ['--confdir', confdir], context: ctx });
    assert.equal(settings.serverport, 8141);
  });
});

test('booleans: --flag, --no-flag and --flag=value', () => {
  const base = ['--confdir', '/nonexistent/conf'];
  assert.equal(resolveSettings({ runMode: 'agent', argv: [...base, '--noop'], context: ctx }).settings.noop, true);
  assert.equal(resolveSettings({ runMode: 'agent', argv: [...base, '--no-noop'], context: ctx }).settings.noop, false);
  assert.equal(resolveSettings({ runMode: 'agent', argv: [...base, '--noop=false'], context: ctx }).settings.noop, false);
  assert.equal(resolveSettings({ runMode: 'server', argv: [...base, '--autosign', 'true'], context: ctx }).settings.autosign, true);
  assert.equal(resolveSettings({ runMode: 'server', argv: [...base, '--no-autosign'], context: ctx }).settings.autosign, false);
});

test('subcommand options, short flags and implied settings', () => {
  const { settings, options, positionals } = resolveSettings({
    runMode: 'agent',
    argv: ['--confdir', '/nonexistent/conf', '-t', '--certname', 'a.example', 'extra'],
    options: { test: { type: 'boolean', short: 't', implies: { waitforcert: '0' } } },
    context: ctx,
  });
  assert.equal(options.test, true);
  assert.equal(settings.waitforcert, 0);
  assert.equal(settings.certname, 'a.example');
  assert.deepEqual(positionals, ['extra']);
});

test('an explicit --waitforcert wins over what -t implies', () => {
  const { settings } = resolveSettings({
    runMode: 'agent',
    argv: ['--confdir', '/nonexistent/conf', '--waitforcert', '2m', '-t'],
    options: { test: { type: 'boolean', short: 't', implies: { waitforcert: '0' } } },
    context: ctx,
  });
  assert.equal(settings.waitforcert, 120);
});

test('unknown settings are errors that name the setting', async () => {
  assert.throws(() => resolveSettings({ runMode: 'agent', argv: ['--confdir', '/nonexistent/conf', '--colour', 'x'], context: ctx }), {
    name: 'SettingsError', message: 'Unknown setting or option "--colour"',
  });
  await withConf('[main]\nfrobnicate = 1\n', (confdir) => {
    assert.throws(() => resolveSettings({ runMode: 'agent', argv: ['--confdir', confdir], context: ctx }), (err: Error) => {
      assert.ok(err instanceof SettingsError);
      assert.match(err.message, /Unknown setting "frobnicate" in .*puppet\.conf at line 2/);
      return true;
    });
  });
});

test('illegal sections and environment-only settings are refused', async () => {
  await withConf('[production]\nfoo = 1\n', (confdir) => {
    assert.throws(() => resolveSettings({ runMode: 'agent', argv: ['--confdir', confdir], context: ctx }), /Illegal section 'production'/);
  });
  await withConf('[main]\nmodulepath = /x\n', (confdir) => {
    assert.throws(() => resolveSettings({ runMode: 'server', argv: ['--confdir', confdir], context: ctx }), /belongs in an environment's environment.conf/);
  });
});

test('bad values get clear errors', () => {
  const run = (...argv: string[]) => resolveSettings({ runMode: 'server', argv: ['--confdir', '/nonexistent/conf', ...argv], context: ctx });
  assert.throws(() => run('--serverport', 'abc'), /Invalid value "abc" for setting "serverport": expected an integer/);
  assert.throws(() => run('--keylength', '1024'), /RSA keys under 2048 bits are refused/);
  assert.throws(() => run('--ca_ttl', '0'), /the lifetime must be positive/);
  assert.throws(() => run('--ca_ttl', '-5d'), /the lifetime must be positive/);
  assert.throws(() => run('--autosign', 'relative/path'), /expected true, false or an absolute path/);
  assert.throws(() => run('--certificate_revocation', 'maybe'), /expected one of chain, leaf, false, true/);
  assert.throws(() => run('--http_keepalive_timeout', '5 minutes'), /Invalid duration format/);
});

test('durations follow Puppet\'s units', () => {
  assert.equal(parseDuration('30'), 30);
  assert.equal(parseDuration('30m'), 1800);
  assert.equal(parseDuration('2h'), 7200);
  assert.equal(parseDuration('5y'), 157680000);
  assert.equal(parseDuration('unlimited'), null);
});

test('file-setting metadata in puppet.conf is accepted and ignored', async () => {
  await withConf('[main]\nlogdir = /var/log/x {owner = service, mode = 0750}\n', (confdir) => {
    const { settings } = resolveSettings({ runMode: 'server', argv: ['--confdir', confdir], context: ctx });
    assert.equal(settings.logdir, '/var/log/x');
  });
});

test('dns_alt_names is a list', () => {
  const { settings } = resolveSettings({ runMode: 'server', argv: ['--confdir', '/nonexistent/conf', '--dns_alt_names', 'puppet, localhost,IP:127.0.0.1'], context: ctx });
  assert.deepEqual(settings.dns_alt_names, ['puppet', 'localhost', 'IP:127.0.0.1']);
});
