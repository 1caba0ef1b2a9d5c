// The CA directory lock: one holder at a time, stale locks of dead processes
// are taken over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { LOCK_FILE, withCaLock } from '../../src/ca/lock.js';
import { tempDir } from './ca-helpers.js';

test('holders of the CA lock never overlap', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    let inside = 0;
    let most = 0;
    await Promise.all(Array.from({ length: 20 }, () => withCaLock(dir, async () => {
      inside++;
      most = Math.max(most, inside);
      await new Promise((r) => setImmediate(r));
      inside--;
    })));
    assert.equal(most, 1);
    assert.deepEqual(await readdir(dir), []);
  } finally {
    await cleanup();
  }
});

test('a lock left by a process that is gone is taken over', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    // The pid of a process that has exited.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    await writeFile(join(dir, LOCK_FILE), dead);
    assert.equal(await withCaLock(dir, async () => 'ran', { timeoutMs: 2000 }), 'ran');
  } finally {
    await cleanup();
  }
});

test('a lock held by a live process makes others wait, then fail with a clear error', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    await writeFile(join(dir, LOCK_FILE), String(process.ppid));
    await assert.rejects(withCaLock(dir, async () => 'ran', { timeoutMs: 100 }), new RegExp(`Cannot lock the CA directory ".*": .* is held by process ${process.ppid}`));
  } finally {
    await cleanup();
  }
});
