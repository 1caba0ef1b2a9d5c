// Agent#run's run controls with fakes: the disable switch, the run lock (held,
// stale, waitforlock/maxwaitforlock), splay, and a configurer that throws.
// Expected messages are Puppet 7.23's (lib/puppet/agent.rb, agent/disabler.rb).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { Agent, type AgentDeps, type RunSession } from './agent.js';
import { AgentDisabler } from './disabler.js';
import { RecordingLog } from './http/log.js';
import { isAgentProcess, PidLock } from './ssl/lock.js';
import type { SslContext } from './ssl/ssl-context.js';

const OTHER_PID = 2 ** 22 + 17; // above Linux's default pid_max: never a live process

function harness(o: { alive?: (pid: number) => boolean; deps?: Partial<AgentDeps>; configure?: RunSession['configure'] } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'bunraku-agent-'));
  const log = new RecordingLog();
  const lockPath = join(dir, 'state', 'agent_catalog_run.lock');
  const disabledPath = join(dir, 'state', 'agent_disabled.lock');
  const calls: string[] = [];
  let clock = 1_700_000_000_000;
  const sleeps: number[] = [];
  const lockContentDuringRun: string[] = [];
  const deps: AgentDeps = {
    log,
    disabler: new AgentDisabler(disabledPath, log),
    lock: new PidLock(lockPath, process.pid, o.alive ?? (() => false)),
    openSession: () => ({
      ensureCertificate: async () => { calls.push('ssl'); return { tls: { verifyPeer: true } } as unknown as SslContext; },
      configure: o.configure ?? (async () => {
        calls.push('configure');
        lockContentDuringRun.push(readFileSync(lockPath, 'utf8'));
        return 2;
      }),
      close: () => { calls.push('close'); },
    }),
    waitforlock: 0,
    maxwaitforlock: 60,
    splay: false,
    splaylimit: 1800,
    now: () => clock,
    sleep: async (ms) => { sleeps.push(ms); clock += ms; },
    random: () => 0.5,
    ...o.deps,
  };
  return { dir, log, lockPath, disabledPath, calls, sleeps, lockContentDuringRun, agent: new Agent(deps), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

test('a run takes the lock (its content is the pid), configures, then removes the lock and closes its connections', async () => {
  const h = harness();
  try {
    assert.equal(await h.agent.run(), 2);
    assert.deepEqual(h.calls, ['ssl', 'configure', 'close']);
    assert.deepEqual(h.lockContentDuringRun, [String(process.pid)]);
    assert.equal(existsSync(h.lockPath), false);
  } finally {
    h.cleanup();
  }
});

test('a run while another agent holds the lock is skipped with Puppet\'s message (two spaces before the parenthesis)', async () => {
  const h = harness({ alive: (pid) => pid === OTHER_PID });
  try {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(h.dir, 'state'));
    writeFileSync(h.lockPath, String(OTHER_PID));
    assert.equal(await h.agent.run(), null);
    assert.deepEqual(h.log.messages('notice'), [`Run of Puppet configuration client already in progress; skipping  (${h.lockPath} exists)`]);
    // As Puppet: the certificate comes first, the lock only guards the configurer.
    assert.deepEqual(h.calls, ['ssl', 'close']);
    assert.equal(readFileSync(h.lockPath, 'utf8'), String(OTHER_PID), 'the other agent\'s lock is left alone');
  } finally {
    h.cleanup();
  }
});

test('a stale lock whose pid is gone is taken over', async () => {
  const h = harness({ alive: () => false });
  try {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(h.dir, 'state'));
    writeFileSync(h.lockPath, String(OTHER_PID));
    assert.equal(await h.agent.run(), 2);
    assert.deepEqual(h.lockContentDuringRun, [String(process.pid)]);
    assert.equal(existsSync(h.lockPath), false);
  } finally {
    h.cleanup();
  }
});

test('waitforlock retries every waitforlock seconds until maxwaitforlock, with Puppet\'s messages', async () => {
  const h = harness({ alive: () => true, deps: { waitforlock: 10, maxwaitforlock: 25 } });
  try {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(h.dir, 'state'));
    writeFileSync(h.lockPath, String(OTHER_PID));
    assert.equal(await h.agent.run(), null);
    assert.deepEqual(h.sleeps, [10_000, 10_000, 10_000]);
    assert.deepEqual(h.log.entries.slice(0, 2), [
      { level: 'info', message: 'Another puppet instance is already running; --waitforlock flag used, waiting for running instance to finish.' },
      { level: 'info', message: 'Will try again in 10 seconds.' },
    ]);
    assert.deepEqual(h.log.messages('notice'), ['Exiting now because the maxwaitforlock timeout has been exceeded.']);
  } finally {
    h.cleanup();
  }
});

test('a disabled agent skips the run with the reason, before the certificate; --enable lets it run again', async () => {
  const h = harness();
  try {
    const disabler = new AgentDisabler(h.disabledPath, h.log);
    await disabler.disable('maint window');
    await disabler.disable('second reason'); // a second --disable keeps the first reason
    assert.equal(readFileSync(h.disabledPath, 'utf8'), '{"disabled_message":"maint window"}');
    assert.equal(await h.agent.run(), null);
    assert.deepEqual(h.calls, []);
    assert.deepEqual(h.log.messages('notice'), [
      'Disabling Puppet.', 'Disabling Puppet.',
      "Skipping run of Puppet configuration client; administratively disabled (Reason: 'maint window');\nUse 'puppet agent --enable' to re-enable.",
    ]);
    disabler.enable();
    disabler.enable(); // enabling an enabled agent is fine
    assert.equal(existsSync(h.disabledPath), false);
    assert.equal(await h.agent.run(), 2);
  } finally {
    h.cleanup();
  }
});

test('splay sleeps rand(splaylimit + 1) seconds once per process, then re-checks the disable switch', async () => {
  const h = harness({ deps: { splay: true, splaylimit: 60, random: () => 0.5 } });
  try {
    assert.equal(await h.agent.run(), 2);
    assert.equal(await h.agent.run(), 2);
    assert.deepEqual(h.sleeps, [30_000]);
    assert.deepEqual(h.log.messages('info'), ['Sleeping for 30 seconds (splay is enabled)']);
    // The daemon's runs pass splay: false (its scheduler splays instead).
    const h2 = harness({ deps: { splay: true, splaylimit: 60 } });
    try {
      assert.equal(await h2.agent.run({ splay: false }), 2);
      assert.deepEqual(h2.sleeps, []);
    } finally {
      h2.cleanup();
    }
  } finally {
    h.cleanup();
  }
});

test('a configurer that throws is logged as Puppet logs it; the lock is released', async () => {
  const h = harness({ configure: async () => { throw new Error('boom'); } });
  try {
    assert.equal(await h.agent.run(), null);
    assert.deepEqual(h.log.messages('err'), ['Could not run Puppet configuration client: boom']);
    assert.equal(existsSync(h.lockPath), false);
    assert.equal(h.agent.running, false);
  } finally {
    h.cleanup();
  }
});

test('runtimeout: a run that outlasts it is stopped and logged as Puppet logs it; the lock is released', async () => {
  let fire: (() => void) | undefined;
  let cancelled = false;
  const h = harness({
    deps: { runtimeout: 3600, setTimer: (ms, f) => { assert.equal(ms, 3_600_000); fire = f; return () => { cancelled = true; }; } },
    configure: async (_ssl, signal) => {
      fire!(); // the hour has passed
      assert.equal(signal.aborted, true);
      return 2;
    },
  });
  try {
    assert.equal(await h.agent.run(), null);
    assert.deepEqual(h.log.messages('err'), ['Execution of Puppet configuration client did not complete within 3600 seconds and was terminated.']);
    assert.equal(cancelled, true);
    assert.equal(existsSync(h.lockPath), false);
  } finally {
    h.cleanup();
  }
});

test('isAgentProcess: a live Puppet or Bunraku process owns a lock; a reused pid of another program or a dead pid does not', async () => {
  const bunraku = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)', 'bunraku-agent-lock-test'], { stdio: 'ignore' });
  const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)'], { stdio: 'ignore' });
  try {
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(isAgentProcess(bunraku.pid!), true);
    assert.equal(isAgentProcess(other.pid!), false);
    assert.equal(isAgentProcess(OTHER_PID), false);
  } finally {
    bunraku.kill();
    other.kill();
  }
});
