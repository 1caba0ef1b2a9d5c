// The agent daemon (Puppet::Daemon with Puppet::Scheduler): a run every
// runinterval seconds, the first one after a random splay when `splay` is set
// (SplayJob), the pidfile, and Puppet's signals: TERM/INT stop (a run in
// progress is finished first), USR1 runs now, HUP restarts (the shell
// re-reads the settings and starts a new daemon), USR2 reopens the logs; and
// every filetimeout seconds a check of puppet.conf, whose changes take effect
// from the next run on, the schedule kept (Puppet's reparse job).
// Time comes from an injected clock, so tests drive the loop in virtual time.
import type { AgentLog } from './http/log.js';
import type { Lock } from './ssl/lock.js';
import type { RunOutcome, RunRequest } from './agent.js';

export type DaemonSignal = 'HUP' | 'USR1' | 'USR2' | 'TERM' | 'INT';
type Method = 'restart' | 'reload' | 'reopen_logs';
const METHODS: Record<'HUP' | 'USR1' | 'USR2', Method> = { HUP: 'restart', USR1: 'reload', USR2: 'reopen_logs' };

export interface DaemonClock {
  /** Milliseconds (wall or monotonic; only differences matter). */
  now(): number;
  /** Resolves after `ms`, or as soon as `signal` aborts. Never rejects. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export interface DaemonDeps {
  readonly log: AgentLog;
  readonly agent: { run(request: RunRequest): Promise<RunOutcome> };
  /** Seconds between the starts of two runs; 0 runs continuously. */
  readonly runinterval: number;
  readonly splay: boolean;
  readonly splaylimit: number;
  readonly clock: DaemonClock;
  /** Uniform in [0, 1). */
  readonly random: () => number;
  /** The pid lock on `pidfile`. */
  readonly pidfile: Lock & { readonly path: string };
  /** The command line Puppet prints when it restarts (`Restarting with '...'`). */
  readonly command?: string;
  readonly reopenLogs?: () => void;
  /**
   * Puppet's reparse job: every `intervalSeconds` (0: never) `check` looks at
   * the configuration; when it changed it returns the agent and runinterval to use from then on.
   */
  readonly reparse?: {
    readonly intervalSeconds: number;
    readonly check: () => Promise<{ agent: DaemonDeps['agent']; runinterval: number } | undefined>;
  };
}

/** Why the daemon loop ended: stopped by a signal, or asked to restart (HUP). */
export type DaemonExit = 'stop' | 'restart';

export class Daemon {
  readonly #d: DaemonDeps;
  readonly #queue: Method[] = [];
  #stopping = false;
  #wake = new AbortController();
  #agent: DaemonDeps['agent'];
  #busy = false;
  #runinterval: number;
  /** Seconds of the first-run splay, drawn once as Puppet's SplayJob does. */
  readonly splaySeconds: number;

  constructor(deps: DaemonDeps) {
    this.#d = deps;
    this.#agent = deps.agent;
    this.#runinterval = deps.runinterval;
    this.splaySeconds = deps.splay ? Math.floor(deps.random() * (Math.max(0, Math.floor(deps.splaylimit)) + 1)) : 0;
  }

  /** True while the loop waits for an agent run (from its start, certificate and lock included). */
  get busy(): boolean {
    return this.#busy;
  }

  get stopping(): boolean {
    return this.#stopping;
  }

  /** What the process's signal handlers call (Puppet's set_signal_traps). */
  signal(name: DaemonSignal): void {
    if (name === 'TERM' || name === 'INT') {
      this.#d.log.notice(`Caught ${name}; exiting`);
      this.#stopping = true;
    } else {
      const method = METHODS[name];
      this.#d.log.notice(`Caught ${name}; storing ${method}`);
      this.#queue.push(method);
    }
    this.#wake.abort();
  }

  /** Runs until stopped; holds the pidfile meanwhile. */
  async start(): Promise<DaemonExit> {
    const d = this.#d;
    if (!(await d.pidfile.lock())) throw new Error(`Could not create PID file: ${d.pidfile.path}`);
    try {
      return await this.#loop();
    } finally {
      await d.pidfile.unlock();
    }
  }

  async #run(): Promise<void> {
    this.#busy = true;
    try {
      await this.#agent.run({ splay: false });
    } finally {
      this.#busy = false;
    }
  }

  async #loop(): Promise<DaemonExit> {
    const d = this.#d;
    const started = d.clock.now();
    let lastRun: number | undefined;
    const reparseMs = Math.max(0, d.reparse?.intervalSeconds ?? 0) * 1000;
    let lastReparse: number | undefined;
    for (;;) {
      if (this.#stopping) return 'stop';
      for (let method = this.#queue.shift(); method !== undefined; method = this.#queue.shift()) {
        d.log.notice(`Processing ${method}`);
        if (method === 'restart') {
          d.log.notice(`Restarting with '${d.command ?? 'bunraku agent'}'`);
          return 'restart';
        }
        if (method === 'reopen_logs') d.reopenLogs?.();
        else await this.#run();
        if (this.#stopping) return 'stop';
      }
      let now = d.clock.now();
      if (d.reparse && reparseMs > 0 && (lastReparse === undefined || now >= lastReparse + reparseMs)) {
        lastReparse = now;
        const changed = await d.reparse.check();
        if (changed) {
          this.#agent = changed.agent;
          this.#runinterval = changed.runinterval;
        }
        now = d.clock.now();
      }
      const due = lastRun === undefined ? started + this.splaySeconds * 1000 : lastRun + Math.max(0, this.#runinterval) * 1000;
      if (now >= due) {
        lastRun = now;
        await this.#run();
        continue;
      }
      if (this.#wake.signal.aborted) this.#wake = new AbortController();
      if (this.#queue.length > 0 || this.#stopping) continue;
      const wakeAt = d.reparse && reparseMs > 0 && lastReparse !== undefined ? Math.min(due, lastReparse + reparseMs) : due;
      await d.clock.sleep(Math.max(0, wakeAt - now), this.#wake.signal);
    }
  }
}

/** The real clock: a monotonic now and a timer that an AbortSignal cuts short. */
export const systemDaemonClock: DaemonClock = {
  now: () => performance.now(),
  sleep: (ms, signal) => new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    // setTimeout's limit is 2^31-1 ms; the loop sleeps again when woken early.
    const timer = setTimeout(done, Math.min(ms, 2 ** 31 - 1));
    signal.addEventListener('abort', done, { once: true });
  }),
};
