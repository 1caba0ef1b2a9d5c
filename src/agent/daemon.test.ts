// The daemon loop in virtual time: runs every runinterval, the first after the
// splay, signals (USR1 runs now, HUP restarts, TERM stops after the run in
// progress), and the pidfile held while it runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Daemon, type DaemonClock, type DaemonDeps } from './daemon.js';
import { RecordingLog } from './http/log.js';
import { PidLock } from './ssl/lock.js';
import type { RunRequest } from './agent.js';

/** Virtual time: a sleep advances the clock at once unless a test holds it. */
class FakeClock implements DaemonClock {
  t = 0;
  sleeps: number[] = [];
  now(): number { return this.t; }
  async sleep(ms: number, signal: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    if (signal.aborted) return;
    this.t += ms;
  }
}

function harness(o: Partial<DaemonDeps> & { onRun?: (n: number, daemon: Daemon, request: RunRequest) => void | Promise<void> } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'bunraku-daemon-'));
  const clock = new FakeClock();
  const log = new RecordingLog();
  const runs: { at: number; request: RunRequest }[] = [];
  const pidfile = join(dir, 'run', 'agent.pid');
  const pidDuringRuns: string[] = [];
  let daemon!: Daemon;
  daemon = new Daemon({
    log,
    agent: {
      run: async (request) => {
        runs.push({ at: clock.t, request });
        pidDuringRuns.push(readFileSync(pidfile, 'utf8'));
        await o.onRun?.(runs.length, daemon, request);
        return 0;
      },
    },
    runinterval: 1800, splay: false, splaylimit: 1800, clock, random: () => 0.25,
    pidfile: new PidLock(pidfile), command: 'bunraku agent --no-daemonize',
    ...o,
  });
  return { dir, clock, log, runs, daemon, pidfile, pidDuringRuns, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

test('runs at once, then every runinterval; TERM during a run lets it finish, then the pidfile is removed', async () => {
  const h = harness({ onRun: (n, d) => { if (n === 3) d.signal('TERM'); } });
  try {
    assert.equal(await h.daemon.start(), 'stop');
    assert.deepEqual(h.runs.map((r) => r.at), [0, 1_800_000, 3_600_000]);
    assert.ok(h.runs.every((r) => r.request.splay === false), 'the daemon never splays inside a run');
    assert.deepEqual(h.pidDuringRuns, [String(process.pid), String(process.pid), String(process.pid)]);
    assert.equal(existsSync(h.pidfile), false);
    assert.deepEqual(h.log.messages('notice'), ['Caught TERM; exiting']);
  } finally {
    h.cleanup();
  }
});

test('with splay the first run waits rand(splaylimit + 1) seconds, the later ones runinterval', async () => {
  const h = harness({ splay: true, splaylimit: 600, runinterval: 300, random: () => 0.5, onRun: (n, d) => { if (n === 2) d.signal('INT'); } });
  try {
    assert.equal(h.daemon.splaySeconds, 300);
    await h.daemon.start();
    assert.deepEqual(h.runs.map((r) => r.at), [300_000, 600_000]);
    assert.deepEqual(h.clock.sleeps, [300_000, 300_000]);
  } finally {
    h.cleanup();
  }
});

test('USR1 runs now (between scheduled runs); USR2 reopens logs; HUP ends the loop with restart', async () => {
  let reopened = 0;
  const h = harness({
    reopenLogs: () => { reopened += 1; },
    onRun: (n, d) => {
      // During the first run a USR1 and a USR2 arrive; during the second, HUP.
      if (n === 1) { d.signal('USR1'); d.signal('USR2'); }
      if (n === 2) d.signal('HUP');
    },
  });
  try {
    assert.equal(await h.daemon.start(), 'restart');
    assert.deepEqual(h.runs.map((r) => r.at), [0, 0]);
    assert.equal(reopened, 1);
    assert.deepEqual(h.log.messages('notice'), [
      'Caught USR1; storing reload', 'Caught USR2; storing reopen_logs', 'Processing reload', 'Caught HUP; storing restart',
      'Processing reopen_logs', 'Processing restart', "Restarting with 'bunraku agent --no-daemonize'",
    ]);
    assert.equal(existsSync(h.pidfile), false);
  } finally {
    h.cleanup();
  }
});

test('a signal wakes the sleeping loop', async () => {
  const clock = new FakeClock();
  let wake: (() => void) | undefined;
  // This clock's sleep waits for the abort, as the real one does.
  clock.sleep = (ms, signal) => new Promise<void>((resolve) => {
    clock.sleeps.push(ms);
    if (signal.aborted) return resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
    wake?.();
  });
  const h = harness({ clock });
  try {
    const slept = new Promise<void>((r) => { wake = r; });
    const done = h.daemon.start();
    await slept;
    h.daemon.signal('USR1');
    await new Promise<void>((r) => { wake = r; });
    h.daemon.signal('TERM');
    assert.equal(await done, 'stop');
    assert.equal(h.runs.length, 2, 'the scheduled run at start, then the USR1 run');
  } finally {
    h.cleanup();
  }
});

test('a pidfile held by another live process stops the daemon from starting', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bunraku-daemon-'));
  try {
    const pidfile = join(dir, 'agent.pid');
    mkdirSync(dir, { recursive: true });
    writeFileSync(pidfile, '4242');
    const h = harness({ pidfile: new PidLock(pidfile, process.pid, () => true) });
    try {
      await assert.rejects(h.daemon.start(), { message: `Could not create PID file: ${pidfile}` });
      assert.equal(h.runs.length, 0);
      assert.equal(readFileSync(pidfile, 'utf8'), '4242');
    } finally {
      h.cleanup();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('every filetimeout the configuration is checked; a change takes effect from the next run, the schedule kept', async () => {
  const other: RunRequest[] = [];
  let checks = 0;
  let h!: ReturnType<typeof harness>;
  h = harness({
    runinterval: 60,
    reparse: {
      intervalSeconds: 15,
      check: async () => {
        checks += 1;
        // puppet.conf changes between 20 s and 30 s: runinterval 60 -> 100, a new agent.
        if (h.clock.t === 30_000) {
          return { runinterval: 100, agent: { run: async (r) => { other.push(r); if (other.length === 2) h.daemon.signal('TERM'); return 0; } } };
        }
        return undefined;
      },
    },
  });
  try {
    await h.daemon.start();
    // The first run (old agent) at 0; the new agent's runs at 0 + 100 and 200 s.
    assert.deepEqual(h.runs.map((r) => r.at), [0]);
    assert.equal(other.length, 2);
    assert.equal(h.clock.t, 200_000);
    assert.ok(checks >= 13, `checked every 15 s: ${checks}`);
  } finally {
    h.cleanup();
  }
});
