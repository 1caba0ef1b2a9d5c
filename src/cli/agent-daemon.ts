// The shell around the agent daemon: process signals -> Daemon#signal, the
// real clock, "Starting Puppet client version", restart on SIGHUP by
// re-reading the settings, puppet.conf checked every filetimeout, and
// daemonizing (Node cannot fork: the process
// starts itself again detached with --no-daemonize and exits 0, as Puppet's
// parent does after its fork).
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { Settings } from '../settings/index.js';
import { createAgent } from '../agent/run.js';
import { Daemon, systemDaemonClock, type DaemonSignal } from '../agent/daemon.js';
import { PidLock } from '../agent/ssl/lock.js';
import { PUPPET_VERSION } from '../agent/http/client.js';
import type { AgentLog } from '../agent/http/log.js';

export interface DaemonShellOptions {
  readonly argv: readonly string[];
  readonly settings: Settings;
  readonly explicit: ReadonlySet<string>;
  readonly log: AgentLog;
  readonly waitforcert?: number;
  readonly environmentFromCli: boolean;
}

const SIGNALS: readonly DaemonSignal[] = ['HUP', 'USR1', 'USR2', 'TERM', 'INT'];

/** `--no-daemonize` without --onetime: runs until SIGTERM/SIGINT; returns the exit code. */
export async function runDaemon(first: DaemonShellOptions): Promise<number> {
  let o = first;
  first.log.notice(`Starting Puppet client version ${PUPPET_VERSION}`);
  for (;;) {
    const s = o.settings;
    const agentFor = (settings: Settings, explicit: ReadonlySet<string>) => createAgent({
      settings, onetime: false, daemonize: false, waitforcert: o.waitforcert, log: o.log,
      environmentFromCli: o.environmentFromCli, explicitSettings: explicit,
      stdout: (line) => process.stdout.write(`${line}\n`),
    });
    const agent = agentFor(s, o.explicit);
    let current = agent;
    // Puppet's reparse job: a changed puppet.conf is read again and used from the next run on.
    const confFile = join(String(s.confdir), 'puppet.conf');
    let stamp = fileStamp(confFile);
    const check = async () => {
      const now = fileStamp(confFile);
      if (now === stamp) return undefined;
      stamp = now;
      o.log.notice(`Config file ${confFile} changed; triggering re-parse of all config files.`);
      try {
        const { resolveAgentSettings } = await import('./agent.js');
        const again = resolveAgentSettings(o.argv);
        o = { ...o, settings: again.settings, explicit: again.explicit };
        current = agentFor(again.settings, again.explicit);
        return { agent: current, runinterval: Number(again.settings.runinterval ?? 1800) };
      } catch (err) {
        o.log.err(`Could not re-parse ${confFile}: ${(err as Error).message}`);
        return undefined;
      }
    };
    const daemon = new Daemon({
      log: o.log, agent, runinterval: Number(s.runinterval ?? 1800), splay: s.splay === true,
      splaylimit: Number(s.splaylimit ?? s.runinterval ?? 1800), clock: systemDaemonClock, random: Math.random,
      pidfile: new PidLock(String(s.pidfile)), command: `bunraku agent ${o.argv.join(' ')}`.trim(),
      reparse: { intervalSeconds: Number(s.filetimeout ?? 15), check },
    });
    let stops = 0;
    const handlers = SIGNALS.map((name) => {
      const handler = (): void => {
        daemon.signal(name);
        if (name !== 'TERM' && name !== 'INT') return;
        stops += 1;
        // A run between its lock and its report finishes first. Before the lock
        // (waiting for a certificate, splay) or on a second TERM, stop now, as
        // Puppet does; the pid and lock files left behind are stale to the next agent.
        if (stops > 1 || (daemon.busy && !current.running)) {
          removeOwnPidfile(String(s.pidfile));
          process.exit(0);
        }
      };
      process.on(`SIG${name}`, handler);
      return [name, handler] as const;
    });
    let exit;
    try {
      exit = await daemon.start();
    } catch (err) {
      o.log.err((err as Error).message);
      return 1;
    } finally {
      for (const [name, handler] of handlers) process.off(`SIG${name}`, handler);
    }
    if (exit === 'stop') return 0;
    // HUP: Puppet re-executes itself; Bunraku re-reads puppet.conf and starts over.
    const { resolveAgentSettings } = await import('./agent.js');
    try {
      const again = resolveAgentSettings(o.argv);
      o = { ...o, settings: again.settings, explicit: again.explicit };
    } catch (err) {
      o.log.err(`Could not restart: ${(err as Error).message}`);
      return 1;
    }
  }
}

/** Removes the pidfile if it names this process (the exit path that skips Daemon#start's cleanup). */
function removeOwnPidfile(path: string): void {
  try {
    if (readFileSync(path, 'utf8').trim() === String(process.pid)) unlinkSync(path);
  } catch {
    // already gone
  }
}

/** Modification time and size of a file, or "absent". */
function fileStamp(path: string): string {
  try {
    const st = statSync(path);
    return `${st.mtimeMs}:${st.size}`;
  } catch {
    return 'absent';
  }
}

/**
 * Puppet's daemonize: the parent exits 0 at once and the daemon lives on
 * detached. Its output goes to $logdir/bunraku-agent.log (Puppet's goes to syslog).
 */
export function daemonizeProcess(settings: Settings, log: AgentLog): number {
  const logdir = String(settings.logdir);
  let fd: number;
  try {
    mkdirSync(logdir, { recursive: true });
    fd = openSync(join(logdir, 'bunraku-agent.log'), 'a', 0o640);
  } catch (err) {
    log.err(`Could not start agent: ${(err as Error).message}`);
    return 1;
  }
  try {
    const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1), '--no-daemonize'], {
      detached: true, stdio: ['ignore', fd, fd], cwd: '/', env: process.env,
    });
    child.unref();
  } finally {
    closeSync(fd);
  }
  return 0;
}
