// Rich data and Deferred values in a catalog compiled by real Puppet
// (test/fixtures/agent/rich), applied and compared with `puppet apply`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCatalog, parseRef, refsOf } from './model.js';
import { DeferredCall, SensitiveValue, decodeRichData } from './rich-data.js';
import { builtinAgentFunctions, resolveDeferred } from './deferred.js';
import { applyTransaction } from '../apply/transaction.js';
import { RunLog } from '../report/run-log.js';
import { silentLog } from '../http/log.js';
import { autorequire, providerFor } from '../providers/registry.js';
import { spawnCommand } from '../providers/command.js';

const FIXTURE = new URL('../../../test/fixtures/agent/rich/', import.meta.url);

test('rich data decodes to Deferred, Sensitive, hashes with non-string keys, Binary', () => {
  assert.deepEqual(decodeRichData({ __ptype: 'Deferred', name: 'join', arguments: [['a'], '-'] }), new DeferredCall('join', [['a'], '-']));
  assert.deepEqual(decodeRichData({ __ptype: 'Hash', __pvalue: [1, 'one', 'k', { __ptype: 'Sensitive', __pvalue: 'x' }] }), { 1: 'one', k: new SensitiveValue('x') });
  assert.deepEqual(decodeRichData({ __ptype: 'Binary', __pvalue: 'aGk=' }), Buffer.from('hi'));
  assert.deepEqual(refsOf(['File[/a]', ['Exec[b]']]), ['File[/a]', 'Exec[b]']);
  assert.deepEqual(refsOf('Stage[main]'), ['Stage[main]']);
  assert.deepEqual(parseRef('apache::vhost[x]'), { type: 'Apache::Vhost', title: 'x' });
});

test('an unknown Deferred function is an error that names it', () => {
  const catalog = parseCatalog({ name: 'n', environment: 'production', resources: [{ type: 'Notify', title: 'x', exported: false, parameters: { message: { __ptype: 'Deferred', name: 'nope', arguments: [] } } }], edges: [] });
  assert.throws(() => resolveDeferred(catalog, builtinAgentFunctions({})), /Unknown function: 'nope'/);
});

test('stages, Deferred and Sensitive content applied as puppet apply did', async () => {
  const root = mkdtempSync(join(tmpdir(), 'bunraku-rich-'));
  try {
    const catalog = parseCatalog(readFileSync(new URL('catalog.json', FIXTURE), 'utf8').split('/tmp/bunraku-rich').join(root));
    resolveDeferred(catalog, builtinAgentFunctions({}));
    const log = new RunLog(silentLog);
    const result = await applyTransaction({
      catalog, providerFor, autorequire, noop: false, tags: [], skipTags: [], log,
      services: { environment: 'production', run: spawnCommand, backup: { store: async () => 'x' } },
    });
    const want = JSON.parse(readFileSync(new URL('expected-run.json', FIXTURE), 'utf8').split('@ROOT@').join(root)) as {
      statuses: { resource: string; events: Record<string, unknown>[] }[]; logs: { level: string; source: string; message: string }[];
    };
    // Notify[nested] prints a Ruby Hash#inspect; Bunraku does not imitate Ruby's inspect.
    const nested = (s: string) => s.includes('Notify[nested]') || s.startsWith('{');
    assert.deepEqual(
      result.statuses.filter((s) => !nested(s.resource)).map((s) => ({
        resource: s.resource, events: s.events.map((e) => ({ property: e.property, previous_value: e.previous_value, desired_value: e.desired_value, message: e.message, name: e.name, status: e.status, redacted: e.redacted })),
      })),
      want.statuses.filter((s) => !nested(s.resource)).map((s) => ({ resource: s.resource, events: s.events })),
    );
    assert.deepEqual(
      log.entries.filter((e) => e.level !== 'debug' && !nested(e.source) && !nested(e.message)).map((e) => ({ level: e.level, source: e.source, message: e.message })),
      want.logs.filter((e) => !nested(e.source) && !nested(e.message)),
    );
    assert.equal(readFileSync(join(root, 'secret'), 'utf8'), 's3cret\n');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
