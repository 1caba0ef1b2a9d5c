// The SSL bootstrap's pid lock (Puppet::Util::Pidlock on ssl_lockfile): a file
// holding the owner's pid, created atomically. A lock whose pid is no longer
// running is stale and taken over.
import { readFileSync } from 'node:fs';
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
  readonly #alive: (pid: number) => boolean;
  #held = false;

  /** `alive` tells whether the pid in a lock file still owns it (default: the process exists). */
  constructor(path: string, pid = process.pid, alive: (pid: number) => boolean = isRunning) {
    this.path = path;
    this.#pid = pid;
    this.#alive = alive;
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
      if (owner !== undefined && this.#alive(owner)) return false;
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

/**
 * Puppet::Util::Pidlock's staleness rule for agent locks: the pid must run
 * and be a Puppet (`ruby ... puppet ...` or `puppet*`) or Bunraku process, so
 * a pid reused by an unrelated process after a crash or reboot does not
 * block runs forever. Where /proc cannot be read, a running pid counts.
 */
export function isAgentProcess(pid: number): boolean {
  if (!isRunning(pid)) return false;
  let args: string[];
  try {
    args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((a) => a !== '');
  } catch {
    return true;
  }
  const comm = (args[0] ?? '').split('/').pop() ?? '';
  const rest = args.join(' ');
  return (/ruby/.test(comm) && /puppet/.test(rest)) || /puppet(-.*)?$/.test(comm) || /bunraku/.test(rest);
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
