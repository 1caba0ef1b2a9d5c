import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic, writeFileAtomicSync } from './atomic-write.js';

test('writeFileAtomic replaces content and leaves no temp file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'bunraku-atomic-'));
  try {
    const path = join(dir, 'f.txt');
    await writeFileAtomic(path, 'one');
    await writeFileAtomic(path, 'two', { mode: 0o640 });
    assert.equal(await readFile(path, 'utf8'), 'two');
    assert.equal((await stat(path)).mode & 0o777, 0o640);
    assert.deepEqual(await readdir(dir), ['f.txt']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('writeFileAtomic with exclusive refuses an existing file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'bunraku-atomic-'));
  try {
    const path = join(dir, 'f.txt');
    await writeFileAtomic(path, 'one', { exclusive: true });
    await assert.rejects(writeFileAtomic(path, 'two', { exclusive: true }), { code: 'EEXIST' });
    assert.equal(await readFile(path, 'utf8'), 'one');
    assert.deepEqual(await readdir(dir), ['f.txt']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('writeFileAtomicSync creates parent-less file atomically', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'bunraku-atomic-'));
  try {
    const path = join(dir, 'g.txt');
    writeFileAtomicSync(path, 'sync');
    assert.equal(await readFile(path, 'utf8'), 'sync');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
