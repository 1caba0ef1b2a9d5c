// Atomic file writes: state on disk is either the old content or the new one,
// never a torn mix. Write to a unique temp file in the same directory, fsync,
// then rename over the target (rename is atomic within one file system).
import { open, rename, unlink, mkdir } from 'node:fs/promises';
import { openSync, writeSync, fsyncSync, closeSync, renameSync, unlinkSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface AtomicWriteOptions {
  /** File mode for the new file, e.g. 0o640. Default 0o644. */
  mode?: number;
  /** Create the parent directory (recursively) if missing. */
  mkdirp?: boolean;
  /** Refuse to replace an existing file (EEXIST). The check-and-create is atomic. */
  exclusive?: boolean;
}

function tempNameFor(path: string): string {
  // A dot-prefixed name keeps readers that list a directory (e.g. signed/*.pem)
  // from seeing half-written files; the random part keeps writers apart.
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

export async function writeFileAtomic(path: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  if (options.mkdirp) await mkdir(dirname(path), { recursive: true });
  const tmp = tempNameFor(path);
  const handle = await open(tmp, 'wx', options.mode ?? 0o644);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (err) {
    await handle.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  await handle.close();
  try {
    if (options.exclusive) {
      // link() fails with EEXIST if the target exists: an atomic create-if-absent.
      const { link } = await import('node:fs/promises');
      await link(tmp, path);
      await unlink(tmp);
    } else {
      await rename(tmp, path);
    }
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}

/** Synchronous variant, for the few places (start-up, lock files) that need it. */
export function writeFileAtomicSync(path: string, data: string | Uint8Array, options: Omit<AtomicWriteOptions, 'exclusive'> = {}): void {
  const tmp = tempNameFor(path);
  const fd = openSync(tmp, 'wx', options.mode ?? 0o644);
  try {
    const buf = typeof data === 'string' ? Buffer.from(data) : data;
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    try { unlinkSync(tmp); } catch { /* already gone */ }
    throw err;
  }
  closeSync(fd);
  try {
    renameSync(tmp, path);
  } catch (err) {
    try { unlinkSync(tmp); } catch { /* already gone */ }
    throw err;
  }
}
