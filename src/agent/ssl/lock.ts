// The SSL bootstrap's pid lock (Puppet::Util::Pidlock on ssl_lockfile): a file
// holding the owner's pid, created atomically. A lock whose pid is no longer
// running is stale and taken over.
import { readFile, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { writeFileAtomic } from '../../util/atomic-write.js';

export interface Lock {
  lock(): Promise<boolean>;
  unlock(): Promise<void>;
  readonly locked: boolean;
}

export class PidLock implements Lock {
  readonly path: string;
  readonly #pid: number;
  #held = false;

  constructor(path: string, pid = process.pid) {
    this.path = path;
    this.#pid = pid;
  }

  get locked(): boolean {
    return this.#held;
  }

  /** True when we hold the lock afterwards (also when we already held it). */
  async lock(): Promise<boolean> {
    if (this.#held) return true;
    await mkdir(dirname(this.path), { recursive: true });
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await writeFileAtomic(this.path, `${this.#pid}`, { exclusive: true, mode: 0o644 });
        this.#held = true;
        return true;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const owner = await this.#owner();
      if (owner === this.#pid) {
        this.#held = true;
        return true;
      }
      if (owner !== undefined && isRunning(owner)) return false;
      await unlink(this.path).catch(() => undefined); // stale: its process is gone
    }
    return false;
  }

  async unlock(): Promise<void> {
    if (!this.#held) return;
    this.#held = false;
    if ((await this.#owner()) === this.#pid) await unlink(this.path).catch(() => undefined);
  }

  async #owner(): Promise<number | undefined> {
    try {
      const n = Number.parseInt((await readFile(this.path, 'utf8')).trim(), 10);
      return Number.isFinite(n) && n > 0 ? n : undefined;
    } catch {
      return undefined;
    }
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
