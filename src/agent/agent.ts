// One guarded agent run (Puppet::Agent#run): the disable switch, the splay
// before a onetime run, the certificate, the catalog run lock
// (agent_catalog_run_lockfile, with waitforlock/maxwaitforlock), then the
// configurer. Everything it touches arrives in AgentDeps, so tests drive it
// with fakes and an injected clock.
import type { AgentLog } from './http/log.js';
import type { Lock } from './ssl/lock.js';
import type { SslContext } from './ssl/ssl-context.js';
import type { AgentDisabler } from './disabler.js';

/** Puppet::Configurer.to_s, the name in Puppet's run-control messages. */
export const CLIENT_NAME = 'Puppet configuration client';

/** The resources of one run: a fresh HTTP client (and so a fresh connection pool) each time. */
export interface RunSession {
  /** The SSL bootstrap; a number (the exit code) where it stopped without a certificate. */
  ensureCertificate(): Promise<SslContext | number>;
  /** The configurer; its detailed exit code, or null when the run did not complete. Stops early once `signal` aborts. */
  configure(ssl: SslContext, signal: AbortSignal): Promise<number | null>;
  /** Closes every pooled connection. */
  close(): void;
}

export interface AgentDeps {
  readonly log: AgentLog;
  readonly disabler: AgentDisabler;
  /** The pid lock on agent_catalog_run_lockfile. */
  readonly lock: Lock & { readonly path: string };
  readonly openSession: () => RunSession;
  /** Seconds between lock attempts; below 1 means give up at once. */
  readonly waitforlock: number;
  /** Seconds; null for unlimited. */
  readonly maxwaitforlock: number | null;
  readonly splay: boolean;
  /** Seconds; the splay is a whole number of seconds in 0..splaylimit. */
  readonly splaylimit: number;
  /** Wall clock in ms. */
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  /** Uniform in [0, 1). */
  readonly random: () => number;
  /** Seconds a run may take (Puppet's runtimeout); 0 or null for unlimited. */
  readonly runtimeout?: number | null;
  /** A one-shot timer (tests inject one); returns its cancel function. */
  readonly setTimer?: (ms: number, fire: () => void) => () => void;
}

export interface RunRequest {
  /** Overrides the `splay` setting (the daemon passes false: its scheduler splays). */
  readonly splay?: boolean;
}

/** Outcome of Agent#run: Puppet's exit status, or null when no run completed (exit 1 in onetime mode). */
export type RunOutcome = number | null;

export class Agent {
  readonly #d: AgentDeps;
  #splayed = false;
  #running = false;

  constructor(deps: AgentDeps) {
    this.#d = deps;
  }

  /** True while a run of this agent is between its lock and its report. */
  get running(): boolean {
    return this.#running;
  }

  async run(request: RunRequest = {}): Promise<RunOutcome> {
    const d = this.#d;
    if (d.disabler.skipIfDisabled(CLIENT_NAME)) return null;
    if (request.splay ?? d.splay) {
      await this.#splay();
      if (d.disabler.skipIfDisabled(CLIENT_NAME)) return null;
    }
    const session = d.openSession();
    try {
      const ssl = await session.ensureCertificate();
      // Puppet exits 1 where the bootstrap stops (SslExit); no run took place.
      if (typeof ssl === 'number') return null;
      let deadline: number | undefined;
      for (;;) {
        if (await d.lock.lock()) break;
        const now = Math.floor(d.now() / 1000);
        deadline ??= now + (d.maxwaitforlock ?? Infinity);
        if (d.waitforlock < 1) {
          // Two spaces before the parenthesis: Puppet's message has them.
          d.log.notice(`Run of ${CLIENT_NAME} already in progress; skipping  (${d.lock.path} exists)`);
          return null;
        }
        if (now >= deadline) {
          d.log.notice('Exiting now because the maxwaitforlock timeout has been exceeded.');
          return null;
        }
        d.log.info('Another puppet instance is already running; --waitforlock flag used, waiting for running instance to finish.');
        d.log.info(`Will try again in ${d.waitforlock} seconds.`);
        await d.sleep(d.waitforlock * 1000);
      }
      this.#running = true;
      const timeout = new AbortController();
      const limit = d.runtimeout ?? 0;
      const cancelTimer = limit > 0 ? (d.setTimer ?? realTimer)(limit * 1000, () => timeout.abort()) : () => {};
      try {
        if (d.disabler.skipIfDisabled(CLIENT_NAME)) return null;
        const outcome = await session.configure(ssl, timeout.signal);
        if (!timeout.signal.aborted) return outcome;
        d.log.err(`Execution of ${CLIENT_NAME} did not complete within ${limit} seconds and was terminated.`);
        return null;
      } catch (err) {
        d.log.err(`Could not run ${CLIENT_NAME}: ${(err as Error).message}`);
        return null;
      } finally {
        cancelTimer();
        this.#running = false;
        await d.lock.unlock();
      }
    } finally {
      session.close();
    }
  }

  /** Puppet::Util::Splayer: sleeps once per process, rand(splaylimit + 1) seconds. */
  async #splay(): Promise<void> {
    if (this.#splayed) return;
    const d = this.#d;
    const seconds = Math.floor(d.random() * (Math.max(0, Math.floor(d.splaylimit)) + 1));
    d.log.info(`Sleeping for ${seconds} seconds (splay is enabled)`);
    await d.sleep(seconds * 1000);
    this.#splayed = true;
  }
}

function realTimer(ms: number, fire: () => void): () => void {
  // Capped at setTimeout's limit; an unref'd timer never keeps a finished process alive.
  const timer = setTimeout(fire, Math.min(ms, 2 ** 31 - 1));
  timer.unref();
  return () => clearTimeout(timer);
}
