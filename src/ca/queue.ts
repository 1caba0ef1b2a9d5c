// A one-at-a-time queue: every change to the CA directory runs through it, so
// serial numbers, the CRL and inventory are never updated concurrently within
// one process.

export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `task` after every task queued before it has settled. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
