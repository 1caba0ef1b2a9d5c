// The file provider under a temp root, compared with what `puppet apply`
// (7.23) printed for the same resources: content change with a backup to the
// local clientbucket, a symbolic mode, recursion with purge from a local
// source, ensure => absent of a missing file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCatalog } from '../catalog/model.js';
import { applyTransaction } from '../apply/transaction.js';
import { RunLog } from '../report/run-log.js';
import { silentLog } from '../http/log.js';
import { autorequire, providerFor } from './registry.js';
import { catalogBackup } from './backup.js';
import { spawnCommand } from './command.js';
import { desiredMode } from './file-mode.js';

function setup(root: string): void {
  mkdirSync(join(root, 't', 'tree', 'sub'), { recursive: true });
  mkdirSync(join(root, 'src', 'sub'), { recursive: true });
  writeFileSync(join(root, 't', 'a'), 'old\n');
  writeFileSync(join(root, 't', 'm'), 'keep\n');
  chmodSync(join(root, 't', 'm'), 0o600);
  writeFileSync(join(root, 'src', 'one'), 's1\n');
  writeFileSync(join(root, 'src', 'sub', 'two'), 's2\n');
  writeFileSync(join(root, 't', 'tree', 'stale'), 'stale\n');
}

async function apply(root: string, noop = false) {
  const r = (title: string, parameters: Record<string, unknown>) => ({ type: 'File', title, tags: ['file'], exported: false, parameters });
  const catalog = parseCatalog({
    name: 'n', version: 1, environment: 'production',
    resources: [
      { type: 'Class', title: 'main', tags: ['class'], exported: false },
      r(`${root}/t/a`, { content: 'new\n', backup: 'puppet' }),
      r(`${root}/t/m`, { mode: 'u=rw,go=r' }),
      r(`${root}/t/tree`, { ensure: 'directory', recurse: true, purge: true, force: true, source: `${root}/src` }),
      r(`${root}/t/gone`, { ensure: 'absent' }),
    ],
    edges: ['a', 'm', 'tree', 'gone'].map((n) => ({ source: 'Class[main]', target: `File[${root}/t/${n}]` })),
  });
  const log = new RunLog(silentLog);
  await applyTransaction({
    catalog, providerFor, autorequire, noop, tags: [], skipTags: [], log,
    services: { environment: 'production', run: spawnCommand, backup: catalogBackup({ catalog: () => catalog, clientbucketdir: join(root, 'bucket'), environment: 'production' }) },
  });
  return log.entries.filter((e) => e.level === 'notice').map((e) => `${e.source}: ${e.message}`.split(root).join('@'));
}

test('content, symbolic mode, recursion with purge, absent: the messages puppet apply printed', async () => {
  const root = mkdtempSync(join(tmpdir(), 'bunraku-file-'));
  try {
    setup(root);
    assert.deepEqual(await apply(root), [
      "/Main/File[@/t/a]/content: content changed '{sha256}01d09d19c2139a46aebfb577780d123d7396e97201bc7ead210a2ebff8239dee' to '{sha256}7aa7a5359173d05b63cfd682e3c38487f3cb4f7f1d60659fe59fab1505977d4c'",
      "/Main/File[@/t/m]/mode: mode changed '0600' to '0644' (u=rw,go=r)",
      "/Main/File[@/t/tree/one]/ensure: defined content as '{sha256}c16536a72c4b685dd4b73915f1588f3edbdc95eb2cbba408ba85db12ffc491de'",
      '/Main/File[@/t/tree/stale]/ensure: removed',
      "/Main/File[@/t/tree/sub/two]/ensure: defined content as '{sha256}b4a7f47b7504602ce10b55a6c40b1758cdd716f0533a594fa426f26418b7d1eb'",
    ]);
    assert.equal(readFileSync(join(root, 't', 'a'), 'utf8'), 'new\n');
    assert.equal(statSync(join(root, 't', 'm')).mode & 0o777, 0o644);
    assert.equal(existsSync(join(root, 't', 'tree', 'stale')), false);
    // The clientbucket layout puppet apply produced for the replaced content.
    const bucket = join(root, 'bucket', '0', '1', 'd', '0', '9', 'd', '1', '9', '01d09d19c2139a46aebfb577780d123d7396e97201bc7ead210a2ebff8239dee');
    assert.equal(readFileSync(join(bucket, 'contents'), 'utf8'), 'old\n');
    assert.equal(readFileSync(join(bucket, 'paths'), 'utf8'), `${root}/t/a\n`);
    // Converged: nothing more to do.
    assert.deepEqual(await apply(root), []);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('noop leaves the tree alone', async () => {
  const root = mkdtempSync(join(tmpdir(), 'bunraku-file-'));
  try {
    setup(root);
    const messages = await apply(root, true);
    assert.ok(messages.includes("/Main/File[@/t/tree/stale]/ensure: current_value 'file', should be 'absent' (noop)"), messages.join('\n'));
    assert.equal(readFileSync(join(root, 't', 'a'), 'utf8'), 'old\n');
    assert.equal(existsSync(join(root, 't', 'tree', 'stale')), true);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('modes: octal, directory search bits, symbolic clauses', () => {
  assert.equal(desiredMode('0644', 0, true), 0o755);
  assert.equal(desiredMode('0640', 0, false), 0o640);
  assert.equal(desiredMode('u=rw,go=r', 0o600, false), 0o644);
  assert.equal(desiredMode('a+x', 0o644, false), 0o755);
  assert.equal(desiredMode('go-w', 0o666, false), 0o644);
  assert.throws(() => desiredMode('z=q', 0, false), /Invalid mode: "z=q"/);
});
