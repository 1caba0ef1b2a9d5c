// The exec provider on a catalog compiled by real Puppet
// (test/fixtures/agent/exec), compared with what `puppet apply` did.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCatalog } from '../catalog/model.js';
import { applyTransaction } from '../apply/transaction.js';
import { RunLog } from '../report/run-log.js';
import { silentLog } from '../http/log.js';
import { autorequire, providerFor } from './registry.js';
import { shellSplit, spawnCommand } from './command.js';

const FIXTURE = new URL('../../../test/fixtures/agent/exec/', import.meta.url);

test('unless, onlyif, creates, cwd, environment, returns, logoutput: as puppet apply', async () => {
  const root = mkdtempSync(join(tmpdir(), 'bunraku-exec-'));
  try {
    const catalog = parseCatalog(readFileSync(new URL('catalog.json', FIXTURE), 'utf8').split('/tmp/bunraku-exec-fixture').join(root));
    const log = new RunLog(silentLog);
    const result = await applyTransaction({
      catalog, providerFor, autorequire, noop: false, tags: [], skipTags: [], log,
      services: { environment: 'production', run: spawnCommand, backup: { store: async () => 'x' } },
    });
    const want = JSON.parse(readFileSync(new URL('expected-run.json', FIXTURE), 'utf8').split('@ROOT@').join(root)) as {
      statuses: unknown[]; logs: unknown[];
    };
    assert.deepEqual(result.statuses.map((s) => ({
      resource: s.resource, failed: s.failed, skipped: s.skipped, changed: s.changed, out_of_sync: s.out_of_sync,
      change_count: s.change_count, out_of_sync_count: s.out_of_sync_count,
      events: s.events.map((e) => ({ property: e.property, previous_value: e.previous_value, desired_value: e.desired_value, message: e.message, name: e.name, status: e.status })),
    })), want.statuses);
    assert.deepEqual(log.entries.filter((e) => e.level !== 'debug').map((e) => ({ level: e.level, source: e.source, message: e.message })), want.logs);
    assert.equal(readFileSync(join(root, 'out'), 'utf8'), 'bar\n');
    assert.equal(existsSync(join(root, 'onlyif')), false);
    assert.equal(existsSync(join(root, 'unless')), false);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('command lines split like Ruby\'s Shellwords', () => {
  assert.deepEqual(shellSplit(`/bin/sh -c "echo \\"a b\\"; exit 2" 'x y' z\\ w`), ['/bin/sh', '-c', 'echo "a b"; exit 2', 'x y', 'z w']);
  assert.throws(() => shellSplit(`echo 'open`), /Unmatched single quote in command: "echo 'open"/);
});
