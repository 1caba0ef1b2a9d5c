import { test } from 'node:test';
import assert from 'node:assert/strict';
import { markdownTable, ratio, verdict, type Row } from '../../bench/lib/report.js';

const latency: Row = { key: 'k', label: 'latency', unit: 'ms', better: 'lower', bunraku: 5, puppetserver: 50, bar: { ratio: 10 } };

test('the ratio says how many times better Bunraku is, whichever direction is better', () => {
  assert.equal(ratio(latency), 10);
  assert.equal(ratio({ ...latency, better: 'higher', bunraku: 100, puppetserver: 20 }), 5);
});

test('a ratio bar is met at exactly the bar and missed below it', () => {
  assert.equal(verdict(latency), 'met');
  assert.equal(verdict({ ...latency, bunraku: 6 }), 'missed');
});

test('an absolute bar looks at Bunraku alone', () => {
  const cold: Row = { key: 'c', label: 'cold start', unit: 's', better: 'lower', bunraku: 0.8, puppetserver: { na: 'skipped' }, bar: { absolute: 1 } };
  assert.equal(verdict(cold), 'met');
  assert.equal(verdict({ ...cold, bunraku: 1.2 }), 'missed');
});

test('a missing value gives no ratio and no verdict, and its reason is listed under the table', () => {
  const row: Row = { ...latency, bunraku: { na: 'the agent cannot apply catalogs yet' } };
  assert.equal(ratio(row), undefined);
  assert.equal(verdict(row), '');
  const md = markdownTable([row]);
  assert.match(md, /\| latency \(ms\) \| n\/a \| 50\.0 \|  \| ≥ 10× \|  \|/);
  assert.match(md, /- latency, bunraku: n\/a — the agent cannot apply catalogs yet/);
});
