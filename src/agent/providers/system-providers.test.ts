// Host, package, service and user providers with a recording command runner
// (no packages, services or accounts of this machine are touched): what they
// run, that they converge, and that noop runs only queries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCatalog } from '../catalog/model.js';
import { silentLog } from '../http/log.js';
import type { CommandRunner } from './command.js';
import type { ProviderContext, ResourceLog } from './types.js';
import { HostProvider } from './host.js';
import { PackageProvider } from './package.js';
import { ServiceProvider } from './service.js';
import { UserProvider } from './user.js';

const quiet: ResourceLog = { ...silentLog, plain() {} };

function ctx(type: string, title: string, params: Record<string, unknown>, run: CommandRunner): ProviderContext {
  const catalog = parseCatalog({ name: 'n', environment: 'production', resources: [{ type, title, exported: false, parameters: params }], edges: [] });
  return {
    resource: catalog.resources[0]!, params, catalog, environment: 'production', log: quiet,
    backup: { store: async () => 'x' }, run, isManaged: () => false,
  };
}

function recorder(answer: (argv: string) => { exitCode: number; output: string }) {
  const calls: string[] = [];
  const run: CommandRunner = async (cmd) => {
    const line = typeof cmd === 'string' ? cmd : cmd.join(' ');
    calls.push(line);
    return answer(line);
  };
  return { calls, run };
}

test('host: adds, updates and removes lines of its target, then converges', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bunraku-host-'));
  try {
    const target = join(dir, 'hosts');
    writeFileSync(target, '127.0.0.1\tlocalhost\n10.0.0.9\told.example.test\told\n');
    const none: CommandRunner = async () => { throw new Error('no commands expected'); };
    const add = new HostProvider(ctx('Host', 'new.example.test', { ip: '10.0.0.1', host_aliases: ['new'], target }, none));
    assert.deepEqual((await add.checkApply(true)).map((c) => c.property), ['ensure']);
    const upd = new HostProvider(ctx('Host', 'old.example.test', { ip: '10.0.0.2', target }, none));
    assert.deepEqual((await upd.checkApply(true)).map((c) => c.property), ['ip']);
    const del = new HostProvider(ctx('Host', 'localhost', { ensure: 'absent', target }, none));
    assert.deepEqual((await del.checkApply(true)).map((c) => c.property), ['ensure']);
    assert.equal(readFileSync(target, 'utf8'), '10.0.0.2\told.example.test\told\n10.0.0.1\tnew.example.test\tnew\n');
    for (const p of [add, upd, del]) assert.deepEqual(await p.checkApply(true), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('package: installs a missing package with apt-get, queries only in noop', async () => {
  const { calls, run } = recorder((line) => (line.startsWith('/usr/bin/dpkg-query') ? { exitCode: 1, output: 'no packages found' } : { exitCode: 0, output: '' }));
  const p = new PackageProvider(ctx('Package', 'tree', { ensure: 'installed' }, run));
  assert.equal((await p.checkApply(false))[0]?.property, 'ensure');
  assert.deepEqual(calls.map((c) => c.split(' ')[0]), ['/usr/bin/dpkg-query']);
  await p.checkApply(true);
  assert.deepEqual(calls.slice(-2), ['/usr/bin/apt-get -q -y -o DPkg::Options::=--force-confold install tree', '/usr/bin/apt-mark manual tree']);
  const installed = recorder(() => ({ exitCode: 0, output: 'install ok installed tree 2.1.0-1\n' }));
  assert.deepEqual(await new PackageProvider(ctx('Package', 'tree', { ensure: 'installed' }, installed.run)).checkApply(true), []);
  assert.deepEqual(await new PackageProvider(ctx('Package', 'tree', { ensure: '2.1.0-1' }, installed.run)).checkApply(true), []);
});

test('service (systemd): starting syncs enable quietly, as Puppet\'s ensure does; a refresh after a start is dropped', async () => {
  let active = false;
  const { calls, run } = recorder((line) => {
    if (line.includes('is-active')) return { exitCode: active ? 0 : 3, output: '' };
    if (line.includes('is-enabled')) return { exitCode: 1, output: '' };
    if (line.includes(' start ')) active = true;
    return { exitCode: 0, output: '' };
  });
  const host = { defaultProvider: 'systemd', etc: '/nonexistent' } as const;
  const s = new ServiceProvider(ctx('Service', 'nginx', { ensure: 'running', enable: true }, run), host);
  assert.deepEqual((await s.checkApply(true)).map((c) => c.message), ["ensure changed 'stopped' to 'running'"]);
  assert.ok(calls.includes('systemctl start -- nginx'));
  assert.ok(calls.includes('systemctl enable -- nginx'));
  assert.equal(await s.refresh(true), undefined);
  const again = new ServiceProvider(ctx('Service', 'nginx', { ensure: 'running' }, run), host);
  assert.deepEqual(await again.checkApply(true), []);
  assert.equal(await again.refresh(true), 'refresh');
  assert.ok(calls.includes('systemctl restart -- nginx'));
});

test('user: useradd with its options when missing', async () => {
  const { calls, run } = recorder(() => ({ exitCode: 0, output: '' }));
  const u = new UserProvider(ctx('User', 'bunraku-test-nobody-xyz', { ensure: 'present', uid: 4242, shell: '/bin/sh', managehome: true }, run));
  assert.deepEqual((await u.checkApply(true)).map((c) => c.message), ['created']);
  assert.deepEqual(calls, ['/usr/sbin/useradd -s /bin/sh -u 4242 -m bunraku-test-nobody-xyz']);
});

test('package (dpkg): installs from its source only, refuses versions, reads config-files as absent', async () => {
  const { calls, run } = recorder((line) => (line.startsWith('/usr/bin/dpkg-query') ? { exitCode: 0, output: 'deinstall ok config-files pkg 1.0\n' } : { exitCode: 0, output: '' }));
  const p = new PackageProvider(ctx('Package', 'pkg', { ensure: 'installed', provider: 'dpkg', source: '/tmp/pkg.deb' }, run));
  assert.deepEqual((await p.checkApply(true)).map((c) => [c.previous, c.desired, c.name, c.message]), [['absent', 'present', 'package_installed', 'created']]);
  assert.equal(calls.at(-1), '/usr/bin/dpkg --force-confold -i /tmp/pkg.deb');
  assert.equal(p.providerName, 'dpkg');
  const versioned = new PackageProvider(ctx('Package', 'pkg', { ensure: '1.1', provider: 'dpkg' }, run));
  await assert.rejects(versioned.checkApply(true), /Provider dpkg must have features 'versionable' to set 'ensure' to '1\.1'/);
  // absent is in sync with config files left; purged is not.
  assert.deepEqual(await new PackageProvider(ctx('Package', 'pkg', { ensure: 'absent', provider: 'dpkg' }, run)).checkApply(true), []);
  assert.equal((await new PackageProvider(ctx('Package', 'pkg', { ensure: 'purged', provider: 'dpkg' }, run)).checkApply(false))[0]?.message, 'purged');
});

test('package (apt): a version installs name=version with --force-yes; the event is package_changed even from purged', async () => {
  const { calls, run } = recorder((line) => (line.startsWith('/usr/bin/dpkg-query') ? { exitCode: 1, output: '' } : { exitCode: 0, output: '' }));
  const p = new PackageProvider(ctx('Package', 'pkg', { ensure: '1.0' }, run));
  assert.deepEqual((await p.checkApply(true)).map((c) => [c.previous, c.desired, c.name, c.message]), [['purged', '1.0', 'package_changed', 'created']]);
  assert.ok(calls.includes('/usr/bin/apt-get -q -y -o DPkg::Options::=--force-confold --force-yes install pkg=1.0'));
});

test('service (debian): status through service, restart as stop then start, enable from invoke-rc.d or the start links', async () => {
  const etc = mkdtempSync(join(tmpdir(), 'bunraku-rc-'));
  try {
    let query = 104;
    const { calls, run } = recorder((line) => {
      if (line.startsWith('/usr/sbin/invoke-rc.d')) return { exitCode: query, output: '' };
      return { exitCode: 0, output: '' };
    });
    const host = { defaultProvider: 'debian', etc } as const;
    const params = { ensure: 'running', enable: true, path: etc };
    writeFileSync(join(etc, 'svc'), '#!/bin/sh\n');
    const s = new ServiceProvider(ctx('Service', 'svc', params, run), host);
    assert.equal(s.providerName, 'debian');
    assert.deepEqual(await s.checkApply(true), []);
    assert.equal(await s.refresh(true), 'refresh');
    assert.deepEqual(calls.filter((c) => !c.startsWith('/usr/sbin/invoke-rc.d')), ['/usr/sbin/service svc status', '/usr/sbin/service svc status', `${etc}/svc stop`, `${etc}/svc start`]);
    // 101 (a policy layer forbids): enabled when four start links exist.
    query = 101;
    const disabled = await new ServiceProvider(ctx('Service', 'svc', { enable: true, path: etc }, run), host).checkApply(false);
    assert.deepEqual(disabled.map((c) => [c.previous, c.desired, c.name]), [['false', 'true', 'service_enabled']]);
    for (const n of [2, 3, 4, 5]) { mkdirSync(join(etc, `rc${n}.d`)); writeFileSync(join(etc, `rc${n}.d`, 'S01svc'), ''); }
    assert.deepEqual(await new ServiceProvider(ctx('Service', 'svc', { enable: true, path: etc }, run), host).checkApply(false), []);
  } finally {
    rmSync(etc, { recursive: true, force: true });
  }
});

test('user: groups in getgrouplist order, list messages as Puppet prints them', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bunraku-accounts-'));
  try {
    const files = { passwd: join(dir, 'passwd'), shadow: join(dir, 'shadow'), group: join(dir, 'group') };
    writeFileSync(files.passwd, 'u:x:1000:1002:U:/home/u:/bin/sh\n');
    writeFileSync(files.shadow, 'u:!:19000:0:99999:7:::\n');
    writeFileSync(files.group, 'a:x:1001:u\nb:x:1002:u\nc:x:1003:\n');
    const { calls, run } = recorder(() => ({ exitCode: 0, output: '' }));
    const u = new UserProvider(ctx('User', 'u', { groups: ['c'], membership: 'inclusive', uid: '1000', password_max_age: 90 }, run), files);
    const changes = await u.checkApply(true);
    assert.deepEqual(changes.map((c) => [c.property, c.previous, c.desired, c.message, c.noopMessage]), [
      ['password_max_age', 99999, 90, 'password_max_age changed 99999 to 90', 'current_value 99999, should be 90 (noop)'],
      ['groups', ['b', 'a'], 'c', "groups changed b,a to ['c']", "current_value b,a, should be 'c' (noop)"],
    ]);
    assert.deepEqual(calls, ['/usr/bin/chage -M 90 u', '/usr/sbin/usermod -G c u']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
