// Which provider handles which type, and a type the agent does not know: that
// resource fails with a clear message, its dependents are skipped, and the rest
// of the run goes on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCatalog } from '../catalog/model.js';
import { silentLog } from '../http/log.js';
import { RunLog } from '../report/run-log.js';
import { applyTransaction } from '../apply/transaction.js';
import { autorequire, providerFor } from './registry.js';
import type { CommandRunner } from './command.js';

test('providerFor: the types the agent knows, and none for others', () => {
  for (const t of ['File', 'Exec', 'Notify', 'Package', 'Service', 'User', 'Group', 'Host', 'Schedule', 'Filebucket']) {
    assert.equal(typeof providerFor(t), 'function', t);
  }
  for (const t of ['Cron', 'Mymodule::Thing', 'Mount']) assert.equal(providerFor(t), undefined, t);
});

test('an unknown type fails that resource with a clear message; its dependents are skipped; the rest applies', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bunraku-unknown-'));
  try {
    const file = join(dir, 'made');
    const catalog = parseCatalog({
      name: 'n', version: 1, environment: 'production',
      resources: [
        { type: 'Stage', title: 'main', tags: [], exported: false, parameters: {} },
        { type: 'Class', title: 'main', tags: [], exported: false, parameters: {} },
        { type: 'Cron', title: 'nightly', tags: ['cron'], exported: false, line: 3, parameters: { command: '/bin/true' } },
        { type: 'Notify', title: 'after-cron', tags: ['notify'], exported: false, parameters: { require: 'Cron[nightly]' } },
        { type: 'File', title: file, tags: ['file'], exported: false, parameters: { ensure: 'file', content: 'x' } },
      ],
      edges: [
        { source: 'Stage[main]', target: 'Class[main]' },
        ...['Cron[nightly]', 'Notify[after-cron]', `File[${file}]`].map((target) => ({ source: 'Class[main]', target })),
      ],
    });
    const log = new RunLog(silentLog);
    const noCommands: CommandRunner = async () => { throw new Error('no commands expected'); };
    const result = await applyTransaction({
      catalog, providerFor, autorequire, noop: false, tags: [], skipTags: [], log,
      services: { environment: 'production', run: noCommands, backup: { store: async () => 'x' } },
    });
    assert.equal(result.completed, true);
    const status = (ref: string) => result.statuses.find((s) => s.resource === ref)!;
    assert.equal(status('Cron[nightly]').failed, true);
    assert.deepEqual(status('Cron[nightly]').events.map((e) => [e.status, e.message]), [['failure', "Unknown resource type: 'Cron'"]]);
    assert.ok(log.entries.some((l) => l.level === 'err' && l.source === '/Stage[main]/Main/Cron[nightly]' && l.message === "Could not evaluate: Unknown resource type: 'Cron'"));
    assert.equal(status('Notify[after-cron]').skipped, true);
    assert.equal(status(`File[${file}]`).changed, true);
    assert.ok(existsSync(file));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
