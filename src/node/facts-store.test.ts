import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FactsStore, parseFactsDocument } from './facts-store.js';

test('facts are saved atomically and found again', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'bunraku-facts-store-'));
  try {
    const store = new FactsStore(join(dir, 'facts'));
    assert.equal(await store.find('a.example'), undefined);
    await store.save({ name: 'a.example', values: { os: { family: 'Debian' } }, timestamp: 't' });
    assert.deepEqual(await store.find('a.example'), { name: 'a.example', values: { os: { family: 'Debian' } }, timestamp: 't' });
    assert.deepEqual(await readdir(join(dir, 'facts')), ['a.example.json']);
    await assert.rejects(store.find('../etc/passwd'), /Invalid node name/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a facts directory removed under a running server is made again on the next save', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'bunraku-facts-store-'));
  try {
    const store = new FactsStore(join(dir, 'facts'));
    await store.save({ name: 'a.example', values: { a: 1 } });
    await rm(join(dir, 'facts'), { recursive: true });
    await store.save({ name: 'a.example', values: { a: 2 } });
    assert.deepEqual(await store.find('a.example'), { name: 'a.example', values: { a: 2 } });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('facts documents: wire form or a bare hash', () => {
  assert.deepEqual(parseFactsDocument('{"name":"x","values":{"a":1},"timestamp":"t","expiration":"e"}', 'y'), {
    name: 'x', values: { a: 1 }, timestamp: 't', expiration: 'e',
  });
  assert.deepEqual(parseFactsDocument('{"a":1}', 'y'), { name: 'y', values: { a: 1 } });
  assert.throws(() => parseFactsDocument('{', 'y'), /Could not parse the facts as JSON/);
  assert.throws(() => parseFactsDocument('[1]', 'y'), /must be a JSON object/);
});
