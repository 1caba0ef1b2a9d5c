// The spool of unsent reports: oldest first, bounded, foreign files ignored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReportSpool } from './spool.js';

test('reports come back oldest first, as sent; beyond the limit the oldest are dropped', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bunraku-spool-'));
  try {
    const spool = new ReportSpool(join(dir, 'pending_reports'), 2);
    assert.deepEqual(spool.pending(), []);
    assert.deepEqual(await spool.add({ environment: 'production', transactionUuid: 'b', report: { n: 2 }, nowMs: 2000 }), []);
    assert.deepEqual(await spool.add({ environment: 'dev', transactionUuid: 'a', report: { n: 1, s: 'é' }, nowMs: 1000 }), []);
    writeFileSync(join(spool.dir, 'notes.txt'), 'not a report');
    writeFileSync(join(spool.dir, '000000000001500-torn.json'), '{"environment":');
    assert.deepEqual(spool.pending().map((p) => [p.transactionUuid, p.environment, p.body]), [
      ['a', 'dev', '{"n":1,"s":"é"}'], ['b', 'production', '{"n":2}'],
    ]);
    const dropped = await spool.add({ environment: 'production', transactionUuid: 'c', report: { n: 3 }, nowMs: 3000 });
    assert.deepEqual(dropped, ['000000000001000-a.json', '000000000001500-torn.json']);
    assert.deepEqual(spool.pending().map((p) => p.transactionUuid), ['b', 'c']);
    spool.remove(spool.pending()[0].id);
    spool.remove('000000000000001-gone.json');
    assert.deepEqual(readdirSync(spool.dir).sort(), ['000000000003000-c.json', 'notes.txt']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
