import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quantile, summarize } from '../../bench/lib/stats.js';

test('quantile uses the nearest rank of the sorted samples', () => {
  const samples = [5, 1, 4, 2, 3];
  assert.equal(quantile(samples, 0.5), 3);
  assert.equal(quantile(samples, 0.95), 5);
  assert.equal(quantile(samples, 0), 1);
  assert.deepEqual(samples, [5, 1, 4, 2, 3]);
});

test('p95 of 100 samples is the 95th smallest', () => {
  const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
  assert.deepEqual(summarize(samples), { n: 100, median: 50, p95: 95 });
});

test('no samples give NaN, not a number that looks measured', () => {
  assert.ok(Number.isNaN(quantile([], 0.5)));
});

test('cpuSecondsOf reads user + system time of a live process, and nothing for a gone one', async () => {
  const { cpuSecondsOf } = await import('../../bench/lib/proc.js');
  const own = cpuSecondsOf(process.pid);
  assert.ok(own !== undefined && Number.isFinite(own) && own >= 0, `own CPU time: ${own}`);
  assert.equal(cpuSecondsOf(2 ** 22 + 1), undefined);
});
