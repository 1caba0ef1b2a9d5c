// The transaction against catalogs compiled by real Puppet, compared with what
// `puppet apply --catalog` did with the same catalog (test/fixtures/agent/ordering).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, existsSync, readlinkSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCatalog } from '../catalog/model.js';
import { silentLog } from '../http/log.js';
import { RunLog } from '../report/run-log.js';
import { buildReport } from '../report/build.js';
import { spawnCommand } from '../providers/command.js';
import { autorequire, providerFor } from '../providers/registry.js';
import type { Backup } from '../providers/types.js';
import { applyTransaction } from './transaction.js';

const FIXTURE = new URL('../../../test/fixtures/agent/ordering/', import.meta.url);
const PLACEHOLDER = '/tmp/bunraku-agent-fixture';

interface Expected {
  status: string;
  statuses: Record<string, unknown>[];
  logs: { level: string; source: string; message: string }[];
  metrics: Record<string, unknown>;
}

const noBackup: Backup = { store: async () => 'none' };

async function applyFixture(root: string, noop = false) {
  const text = readFileSync(new URL('catalog.json', FIXTURE), 'utf8').split(PLACEHOLDER).join(root);
  const catalog = parseCatalog(text);
  const log = new RunLog(silentLog);
  const result = await applyTransaction({
    catalog, providerFor, autorequire, noop, tags: [], skipTags: [], log,
    services: { environment: 'production', backup: noBackup, run: spawnCommand },
  });
  const report = buildReport({
    host: 'fixture.example.test', time: '', configurationVersion: catalog.version, transactionUuid: 'u', puppetVersion: '7.23.0',
    environment: 'production', noop, logs: log.entries, statuses: result.statuses, transactionCompleted: result.completed,
    timings: [], totalTime: 0, cachedCatalogStatus: 'not_used',
  });
  return { report, log };
}

function expected(name: string, root: string): Expected {
  return JSON.parse(readFileSync(new URL(name, FIXTURE), 'utf8').split('@ROOT@').join(root)) as Expected;
}

function comparable(report: Awaited<ReturnType<typeof applyFixture>>['report']) {
  return {
    status: report.status,
    statuses: Object.values(report.resource_statuses).map((s) => ({
      resource: s.resource, containment_path: s.containment_path, failed: s.failed, skipped: s.skipped, changed: s.changed,
      out_of_sync: s.out_of_sync, change_count: s.change_count, out_of_sync_count: s.out_of_sync_count,
      events: s.events.map((e) => ({ property: e.property, previous_value: e.previous_value, desired_value: e.desired_value, message: e.message, name: e.name, status: e.status })),
    })),
    logs: report.logs.filter((l) => l.level !== 'debug').map((l) => ({ level: l.level, source: l.source, message: l.message })),
    metrics: Object.fromEntries(['resources', 'changes', 'events'].map((m) => [m, report.metrics[m]!.values])),
  };
}

test('first and second run match puppet apply: order, failed dependencies, refresh, events and metrics', async () => {
  const root = mkdtempSync(join(tmpdir(), 'bunraku-tx-'));
  try {
    const first = await applyFixture(root);
    const want1 = expected('expected-first-run.json', root);
    assert.deepEqual(comparable(first.report), { status: want1.status, statuses: want1.statuses, logs: want1.logs, metrics: want1.metrics });
    assert.equal(readFileSync(join(root, 'refresh.log'), 'utf8'), 'r\n');
    assert.equal(readlinkSync(join(root, 'link')), join(root, 'ordered-1'));
    assert.equal(statSync(join(root, 'dir')).mode & 0o777, 0o750);
    assert.equal(existsSync(join(root, 'dir', 'after-fail')), false);

    const second = await applyFixture(root);
    const want2 = expected('expected-second-run.json', root);
    assert.deepEqual(comparable(second.report), { status: want2.status, statuses: want2.statuses, logs: want2.logs, metrics: want2.metrics });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('noop matches puppet apply --noop: noop events, container messages, nothing changed', async () => {
  const root = mkdtempSync(join(tmpdir(), 'bunraku-tx-'));
  try {
    const { report } = await applyFixture(root, true);
    const want = expected('expected-noop-run.json', root) as Expected & { noop_pending: boolean };
    assert.deepEqual(comparable(report), { status: want.status, statuses: want.statuses, logs: want.logs, metrics: want.metrics });
    assert.equal(report.noop_pending, want.noop_pending);
    assert.equal(existsSync(join(root, 'dir')), false);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('autorequires, a class refreshing a class, a define, skip_tags: as puppet apply --skip_tags', async () => {
  const root = mkdtempSync(join(tmpdir(), 'bunraku-tx-'));
  try {
    const dir = new URL('../../../test/fixtures/agent/autorequire/', import.meta.url);
    const catalog = parseCatalog(readFileSync(new URL('catalog.json', dir), 'utf8').split('/tmp/bunraku-autoreq-fixture').join(root));
    const log = new RunLog(silentLog);
    const result = await applyTransaction({
      catalog, providerFor, autorequire, noop: false, tags: [], skipTags: ['skipme'], log,
      services: { environment: 'production', backup: noBackup, run: spawnCommand },
    });
    const report = buildReport({
      host: 'auto.example.test', time: '', configurationVersion: catalog.version, transactionUuid: 'u', puppetVersion: '7.23.0',
      environment: 'production', noop: false, logs: log.entries, statuses: result.statuses, transactionCompleted: result.completed,
      timings: [], totalTime: 0, cachedCatalogStatus: 'not_used',
    });
    const want = JSON.parse(readFileSync(new URL('expected-run.json', dir), 'utf8').split('@ROOT@').join(root)) as Expected;
    assert.deepEqual(comparable(report), { status: want.status, statuses: want.statuses, logs: want.logs, metrics: want.metrics });
    assert.equal(readFileSync(join(root, 'etc', 'deep', 'cwd.txt'), 'utf8'), `${join(root, 'etc', 'deep')}\n`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a transaction whose signal aborts stops before the next resource and is not completed (runtimeout)', async () => {
  const root = mkdtempSync(join(tmpdir(), 'bunraku-transaction-abort-'));
  try {
    const text = readFileSync(new URL('catalog.json', FIXTURE), 'utf8').split(PLACEHOLDER).join(root);
    const catalog = parseCatalog(text);
    const stop = new AbortController();
    let evaluated = 0;
    const result = await applyTransaction({
      catalog, autorequire, noop: false, tags: [], skipTags: [], log: new RunLog(silentLog), signal: stop.signal,
      // Every resource's provider is looked up as it is evaluated: the first lookup aborts the run.
      providerFor: (type) => { evaluated += 1; stop.abort(); return providerFor(type); },
      services: { environment: 'production', backup: noBackup, run: spawnCommand },
    });
    assert.equal(result.completed, false);
    assert.ok(evaluated >= 1);
    assert.equal(result.statuses.length, 1);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
