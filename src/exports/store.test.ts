import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExportStore, memoryExportSource } from './store.js';
import type { ExportedResource } from './resource.js';

const web: ExportedResource = { type: 'File', title: '/etc/web', tags: ['file', 'web', 'class'], file: '/m/site.pp', line: 3, parameters: { ensure: 'file' } };
const db: ExportedResource = { type: 'File', title: '/etc/db', tags: ['file', 'db'], parameters: { ensure: 'file', mode: '0600' } };
const host: ExportedResource = { type: 'Host', title: 'a.example', tags: ['host'], parameters: { ip: '10.0.0.1' } };
const fixedClock = () => new Date('2026-01-02T03:04:05.000Z');

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'bunraku-exports-'));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('a node\'s exports are written to <dir>/<certname>.json and found by other nodes', () => withDir(async (dir) => {
  const store = new ExportStore(join(dir, 'exports'), { now: fixedClock });
  await store.replace('a.example', 'production', [web, host]);
  assert.deepEqual(await readdir(join(dir, 'exports')), ['a.example.json']);
  const onDisk = JSON.parse(await readFile(join(dir, 'exports', 'a.example.json'), 'utf8'));
  assert.deepEqual(onDisk, { certname: 'a.example', environment: 'production', producer_timestamp: '2026-01-02T03:04:05.000Z', resources: [web, host] });

  const found = store.snapshot().search('File', { excludeNode: 'b.example' });
  assert.deepEqual(found, [{ ...web, certname: 'a.example' }]);
  // the compiling node's own stored exports are never returned (its current ones come from its catalog)
  assert.deepEqual(store.snapshot().search('File', { excludeNode: 'a.example' }), []);
}));

test('a compile replaces the node\'s exports wholesale', () => withDir(async (dir) => {
  const store = new ExportStore(dir);
  await store.replace('a.example', 'production', [web, host]);
  await store.replace('a.example', 'production', [db]);
  assert.deepEqual(store.snapshot().search('File', { excludeNode: 'x' }).map((r) => r.title), ['/etc/db']);
  assert.deepEqual(store.snapshot().search('Host', { excludeNode: 'x' }), []);
  // exporting nothing any more empties the node's entry
  await store.replace('a.example', 'production', []);
  assert.deepEqual(store.snapshot().search('File', { excludeNode: 'x' }), []);
  assert.deepEqual(store.find('a.example')?.resources, []);
}));

test('a node that never exported anything gets no file', () => withDir(async (dir) => {
  const store = new ExportStore(join(dir, 'exports'));
  await store.replace('quiet.example', 'production', []);
  await assert.rejects(readdir(join(dir, 'exports')), /ENOENT/);
  assert.deepEqual(store.snapshot().search('File', { excludeNode: 'x' }), []);
}));

test('deactivating a node removes its exports', () => withDir(async (dir) => {
  const store = new ExportStore(dir);
  await store.replace('a.example', 'production', [web]);
  await store.replace('b.example', 'test', [db]);
  assert.equal(await store.deactivate('a.example'), true);
  assert.equal(await store.deactivate('a.example'), false);
  assert.deepEqual(store.snapshot().search('File', { excludeNode: 'x' }).map((r) => r.certname), ['b.example']);
  assert.deepEqual(await readdir(dir), ['b.example.json']);
}));

test('results span environments, ordered by certname then catalog order', () => withDir(async (dir) => {
  const store = new ExportStore(dir);
  await store.replace('z.example', 'production', [web]);
  await store.replace('m.example', 'test', [db, { ...web, title: '/etc/m' }]);
  const found = store.snapshot().search('File', { excludeNode: 'q' });
  assert.deepEqual(found.map((r) => [r.certname, r.title]), [['m.example', '/etc/db'], ['m.example', '/etc/m'], ['z.example', '/etc/web']]);
}));

test('the query filters what a search returns', () => withDir(async (dir) => {
  const store = new ExportStore(dir);
  await store.replace('a.example', 'production', [web, db]);
  const found = store.snapshot().search('File', { excludeNode: 'q', query: { op: '==', field: 'tag', value: 'DB' } });
  assert.deepEqual(found.map((r) => r.title), ['/etc/db']);
}));

test('files written or removed by another process are seen by the next snapshot', () => withDir(async (dir) => {
  const store = new ExportStore(dir);
  await store.replace('a.example', 'production', [web]);
  const other = new ExportStore(dir);
  await other.replace('b.example', 'production', [db]);
  assert.deepEqual(store.snapshot().search('File', { excludeNode: 'q' }).map((r) => r.certname), ['a.example', 'b.example']);
  await other.deactivate('a.example');
  assert.deepEqual(store.snapshot().search('File', { excludeNode: 'q' }).map((r) => r.certname), ['b.example']);
}));

test('a snapshot reads the directory once: a compile sees one consistent state', () => withDir(async (dir) => {
  const store = new ExportStore(dir);
  await store.replace('a.example', 'production', [web]);
  const snap = store.snapshot();
  assert.equal(snap.search('File', { excludeNode: 'q' }).length, 1);
  await new ExportStore(dir).replace('b.example', 'production', [db]);
  assert.equal(snap.search('File', { excludeNode: 'q' }).length, 1);
  assert.equal(store.snapshot().search('File', { excludeNode: 'q' }).length, 2);
}));

test('certnames never become paths; stray and broken files are ignored', () => withDir(async (dir) => {
  const store = new ExportStore(dir);
  await store.replace('../evil', 'production', [web]);
  assert.deepEqual(await readdir(dir), ['..%2Fevil.json']);
  assert.equal(store.find('../evil')?.resources.length, 1);
  await writeFile(join(dir, 'broken.json'), '{"resources": [');
  await writeFile(join(dir, '.x.json.123.tmp'), '{}');
  await writeFile(join(dir, 'notes.txt'), 'hello');
  await mkdir(join(dir, 'sub.json'));
  const fresh = new ExportStore(dir);
  assert.deepEqual(fresh.snapshot().search('File', { excludeNode: 'q' }).map((r) => r.certname), ['../evil']);
  await assert.rejects(store.replace('', 'production', [web]), /Cannot store exported resources for an empty certname/);
}));

test('memoryExportSource answers like the store', () => {
  const src = memoryExportSource([
    { certname: 'b', environment: 'production', producer_timestamp: '', resources: [db] },
    { certname: 'a', environment: 'production', producer_timestamp: '', resources: [web, host] },
  ]);
  assert.deepEqual(src.search('File', { excludeNode: 'c' }).map((r) => r.certname), ['a', 'b']);
  assert.deepEqual(src.search('File', { excludeNode: 'a' }).map((r) => r.certname), ['b']);
});

test('deactivateNodeExports removes a node from the server\'s store under server_datadir', () => withDir(async (dir) => {
  const { deactivateNodeExports, exportsDir } = await import('./index.js');
  const store = new ExportStore(exportsDir(dir));
  await store.replace('a.example', 'production', [web]);
  assert.equal(await deactivateNodeExports(dir, 'a.example'), true);
  assert.equal(await deactivateNodeExports(dir, 'never.example'), false);
  assert.deepEqual(store.snapshot().search('File', { excludeNode: 'q' }), []);
}));
