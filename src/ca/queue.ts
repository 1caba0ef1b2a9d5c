// Concurrency primitives of the CA: a one-at-a-time queue, per-certname
// locks (work on different names runs in parallel, work on one name never
// interleaves), and a serial allocator that hands out serial numbers in
// batches so that concurrent signings share one write of the serial file.

export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `task` after every task queued before it has settled. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** One SerialQueue per key, dropped again once idle. */
export class KeyedLocks {
  private readonly queues = new Map<string, { queue: SerialQueue; users: number }>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    let entry = this.queues.get(key);
    if (!entry) {
      entry = { queue: new SerialQueue(), users: 0 };
      this.queues.set(key, entry);
    }
    entry.users++;
    const held = entry;
    return held.queue.run(task).finally(() => {
      if (--held.users === 0) this.queues.delete(key);
    });
  }

  /** Runs `task` holding the locks of all `keys` (taken in sorted order, so callers never deadlock). */
  runAll<T>(keys: readonly string[], task: () => Promise<T>): Promise<T> {
    const sorted = [...new Set(keys)].sort();
    const step = (i: number): Promise<T> => (i === sorted.length ? task() : this.run(sorted[i], () => step(i + 1)));
    return step(0);
  }
}

/**
 * Hands out serials. `reserve(count)` is the only thing that touches the
 * serial file: it must persist current+count before returning current.
 * Requests that arrive while a reservation is being written wait for the
 * next one, which covers all of them at once.
 */
export class SerialAllocator {
  private waiting: { resolve: (s: bigint) => void; reject: (e: unknown) => void }[] = [];
  private flushing = false;

  constructor(private readonly reserve: (count: number) => Promise<bigint>) {}

  next(): Promise<bigint> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.waiting.length > 0) {
      const batch = this.waiting;
      this.waiting = [];
      try {
        const first = await this.reserve(batch.length);
        batch.forEach((w, i) => w.resolve(first + BigInt(i)));
      } catch (err) {
        batch.forEach((w) => w.reject(err));
      }
    }
    this.flushing = false;
  }
}
