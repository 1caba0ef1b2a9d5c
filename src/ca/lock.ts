// A lock file in the CA directory so that two processes (the server and the
// `bunraku ca` CLI on the same host) never change serial, CRL or inventory at
// the same time. The file holds the owner's pid; a lock whose owner is gone
// is stale and taken over.
import { open, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';

export const LOCK_FILE = '.bunraku-ca.lock';
const EMPTY_LOCK_STALE_MS = 10_000;

export interface LockOptions {
  /** Give up after this long (default 30 s). */
  timeoutMs?: number;
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Runs `task` while holding `<cadir>/.bunraku-ca.lock`. */
export async function withCaLock<T>(cadir: string, task: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const path = join(cadir, LOCK_FILE);
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (let wait = 5; ; wait = Math.min(wait * 2, 200)) {
    try {
      const handle = await open(path, 'wx', 0o644);
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      // An empty file is a lock being written right now, unless it has been
      // empty for long: then its writer died between creating and writing it.
      const age = owner ? 0 : Date.now() - ((await stat(path).catch(() => undefined))?.mtimeMs ?? Date.now());
      if ((owner && !alive(owner)) || age > EMPTY_LOCK_STALE_MS) {
        await unlink(path).catch(() => undefined);
        continue;
      }
      if (Date.now() > deadline) throw new Error(`Cannot lock the CA directory "${cadir}": ${path} is held by process ${owner || 'unknown'}`);
      await new Promise((r) => setTimeout(r, wait));
    }
  }
  try {
    return await task();
  } finally {
    await unlink(path).catch(() => undefined);
  }
}
