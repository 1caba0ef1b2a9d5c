import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IdleHeapTrimmer } from './heap-trim.js';

const MB = 2 ** 20;

function fake(heap: { heapTotal: number; heapUsed: number }) {
  let now = 0;
  let collections = 0;
  const trimmer = new IdleHeapTrimmer({
    idleMs: 60_000, // the tests call check() themselves
    minIntervalMs: 10_000,
    trimAboveBytes: 64 * MB,
    gc: () => {
      collections++;
      heap.heapUsed = 25 * MB;
      heap.heapTotal = 66 * MB;
    },
    memory: () => heap,
    now: () => now,
  });
  return { trimmer, advance: (ms: number) => (now += ms), collections: () => collections };
}

test('a large heap is collected once the server is idle, not while a request is in flight', () => {
  const heap = { heapTotal: 150 * MB, heapUsed: 120 * MB };
  const f = fake(heap);
  f.trimmer.begin();
  assert.equal(f.trimmer.check(), false);
  f.trimmer.end();
  assert.equal(f.trimmer.check(), true);
  assert.equal(f.collections(), 1);
  f.trimmer.close();
});

test('trims are at least the interval apart, and a small heap is left alone', () => {
  const heap = { heapTotal: 150 * MB, heapUsed: 120 * MB };
  const f = fake(heap);
  assert.equal(f.trimmer.check(), true);
  // still 66 MB after the collection: again, but only after the interval
  f.advance(5_000);
  assert.equal(f.trimmer.check(), false);
  f.advance(5_000);
  assert.equal(f.trimmer.check(), true);
  heap.heapTotal = 40 * MB;
  f.advance(20_000);
  assert.equal(f.trimmer.check(), false);
  assert.equal(f.collections(), 2);
  f.trimmer.close();
});

test('live data that survives a collection raises the threshold', () => {
  const heap = { heapTotal: 200 * MB, heapUsed: 190 * MB };
  let collections = 0;
  let now = 0;
  const trimmer = new IdleHeapTrimmer({
    minIntervalMs: 1,
    gc: () => { collections++; heap.heapUsed = 150 * MB; },
    memory: () => heap,
    now: () => (now += 10),
  });
  assert.equal(trimmer.check(), true);
  assert.equal(trimmer.check(), false, '200 MB heap with 150 MB live: below twice the live data');
  heap.heapTotal = 320 * MB;
  assert.equal(trimmer.check(), true);
  assert.equal(collections, 2);
  trimmer.close();
});

test('the real collector can be exposed and run', () => {
  const trimmer = new IdleHeapTrimmer({ trimAboveBytes: 0, minIntervalMs: 0 });
  assert.equal(trimmer.check(), true);
  trimmer.close();
  assert.equal(trimmer.check(), false);
});
