// The package type on this machine with a package built by the test: the
// dpkg provider from a source file, apt from a source file and from a local
// repository. Expected events and messages are those `puppet apply` 7.23
// recorded for the same manifests on Debian 12.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { apply, event, requireRoot } from './harness.js';
import { buildTestPackages, dpkgStatus, PKG, purgeTestPackage, type TestPackages } from './debian-package.js';

const ref = `Package[${PKG}]`;
let pkgs: TestPackages;
const pkg = (parameters: Record<string, unknown>) => ({ type: 'Package', title: PKG, parameters });

before(() => {
  requireRoot();
  pkgs = buildTestPackages(['1.0', '1.1']);
  purgeTestPackage();
});
after(() => pkgs?.cleanup());
// Each test starts from a machine that never had the package.
beforeEach(() => purgeTestPackage());

test('dpkg: installed from source, upgraded to latest of the source, removed, purged', async () => {
  const source = pkgs.debs['1.0'];
  let run = await apply([pkg({ ensure: 'installed', provider: 'dpkg', source })]);
  assert.equal(run.providers[ref], 'dpkg');
  assert.deepEqual(run.events[ref], [event('ensure', 'purged', 'present', 'package_installed', 'created')]);
  assert.deepEqual(run.logs, [`notice: /Stage[main]/Main/${ref}/ensure: created`]);
  assert.equal(dpkgStatus(), 'install ok installed 1.0');
  run = await apply([pkg({ ensure: 'installed', provider: 'dpkg', source })]);
  assert.deepEqual(run.events[ref], []);

  run = await apply([pkg({ ensure: 'latest', provider: 'dpkg', source: pkgs.debs['1.1'] })]);
  assert.deepEqual(run.events[ref], [event('ensure', '1.0', 'latest', 'package_changed', "ensure changed '1.0' to '1.1'")]);
  assert.equal(dpkgStatus(), 'install ok installed 1.1');
  run = await apply([pkg({ ensure: 'latest', provider: 'dpkg', source: pkgs.debs['1.1'] })]);
  assert.deepEqual(run.events[ref], []);

  run = await apply([pkg({ ensure: 'absent', provider: 'dpkg' })]);
  assert.deepEqual(run.events[ref], [event('ensure', '1.1', 'absent', 'package_removed', 'removed')]);
  assert.equal(dpkgStatus(), 'deinstall ok config-files 1.1');
  run = await apply([pkg({ ensure: 'purged', provider: 'dpkg' })]);
  assert.deepEqual(run.events[ref], [event('ensure', 'absent', 'purged', 'package_purged', 'purged')]);
  assert.equal(dpkgStatus(), undefined);

  // From purged straight to latest: Puppet names the event package_changed (it only compares with absent).
  run = await apply([pkg({ ensure: 'latest', provider: 'dpkg', source: pkgs.debs['1.1'] })]);
  assert.deepEqual(run.events[ref], [event('ensure', 'purged', 'latest', 'package_changed', 'created')]);
  run = await apply([pkg({ ensure: 'purged', provider: 'dpkg' })]);
  assert.deepEqual(run.events[ref], [event('ensure', '1.1', 'purged', 'package_purged', 'purged')]);
});

test('dpkg: a version as ensure fails the resource, as the provider is not versionable', async () => {
  const run = await apply([pkg({ ensure: '1.1', provider: 'dpkg', source: pkgs.debs['1.1'] })]);
  assert.deepEqual(run.failed, [ref]);
  assert.match(run.logs.join('\n'), /Provider dpkg must have features 'versionable' to set 'ensure' to '1\.1'/);
  assert.equal(dpkgStatus(), undefined);
});

test('dpkg: installing without a source fails with Puppet\'s message', async () => {
  const run = await apply([pkg({ ensure: 'installed', provider: 'dpkg' })]);
  assert.deepEqual(run.failed, [ref]);
  assert.deepEqual(run.logs, [`err: /Stage[main]/Main/${ref}/ensure: change from 'purged' to 'present' failed: You cannot install dpkg packages without a source`]);
});

test('apt: noop, install from a source file, then a version from another file', async () => {
  let run = await apply([pkg({ ensure: 'installed', source: pkgs.debs['1.0'] })], { noop: true });
  assert.equal(run.providers[ref], 'apt');
  assert.deepEqual(run.events[ref], [event('ensure', 'purged', 'present', 'package_installed', "current_value 'purged', should be 'present' (noop)", 'noop')]);
  assert.equal(dpkgStatus(), undefined);

  run = await apply([pkg({ ensure: 'installed', source: pkgs.debs['1.0'] })]);
  assert.deepEqual(run.events[ref], [event('ensure', 'purged', 'present', 'package_installed', 'created')]);
  assert.equal(dpkgStatus(), 'install ok installed 1.0');

  run = await apply([pkg({ ensure: '1.1', source: pkgs.debs['1.1'] })], { noop: true });
  assert.deepEqual(run.events[ref], [event('ensure', '1.0', '1.1', 'package_changed', "current_value '1.0', should be '1.1' (noop)", 'noop')]);
  run = await apply([pkg({ ensure: '1.1', source: pkgs.debs['1.1'] })]);
  assert.deepEqual(run.events[ref], [event('ensure', '1.0', '1.1', 'package_changed', "ensure changed '1.0' to '1.1'")]);
  assert.equal(dpkgStatus(), 'install ok installed 1.1');
  // apt-cache's candidate for a package installed from a file is the installed version.
  run = await apply([pkg({ ensure: 'latest', source: pkgs.debs['1.1'] })]);
  assert.deepEqual(run.events[ref], []);
  purgeTestPackage();
});

test('apt: a version and then latest from a local repository, purged', async () => {
  pkgs.addAptSource();
  let run = await apply([pkg({ ensure: '1.0' })]);
  assert.deepEqual(run.events[ref], [event('ensure', 'purged', '1.0', 'package_changed', 'created')]);
  assert.equal(dpkgStatus(), 'install ok installed 1.0');

  run = await apply([pkg({ ensure: 'latest' })], { noop: true });
  assert.deepEqual(run.events[ref], [event('ensure', '1.0', 'latest', 'package_changed', "current_value '1.0', should be '1.1' (noop)", 'noop')]);
  run = await apply([pkg({ ensure: 'latest' })]);
  assert.deepEqual(run.events[ref], [event('ensure', '1.0', 'latest', 'package_changed', "ensure changed '1.0' to '1.1'")]);
  assert.equal(dpkgStatus(), 'install ok installed 1.1');
  run = await apply([pkg({ ensure: 'latest' })]);
  assert.deepEqual(run.events[ref], []);

  run = await apply([pkg({ ensure: 'purged' })]);
  assert.deepEqual(run.events[ref], [event('ensure', '1.1', 'purged', 'package_purged', 'purged')]);
  assert.equal(dpkgStatus(), undefined);
});
