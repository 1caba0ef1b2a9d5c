// `bunraku agent` as a daemon, through the real CLI and real signals. The
// agent is disabled, so every run stops at the disable switch and no server
// is needed: the scheduled run at start, a run on SIGUSR1, SIGTERM ending the
// process with exit 0 and removing the pidfile; and daemonizing, where the
// command returns at once and the daemon lives on detached.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repoRoot = new URL('../../', import.meta.url).pathname;
const bin = join(repoRoot, 'bin', 'bunraku.js');
const SKIP = "Notice: Skipping run of Puppet configuration client; administratively disabled (Reason: 'test');";

function argv(dir: string): string[] {
  return ['--confdir', join(dir, 'conf'), '--vardir', join(dir, 'var'), '--logdir', join(dir, 'log'), '--rundir', join(dir, 'run'),
    '--codedir', join(dir, 'code'), '--certname', 'daemon1', '--server', 'localhost', '--serverport', '1'];
}

function bunraku(args: string[]) {
  return spawn(process.execPath, [bin, 'agent', ...args], { env: { ...process.env, BUNRAKU_FROM_SOURCE: '1' }, cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
}

async function until(what: string, check: () => boolean, ms = 60_000): Promise<void> {
  for (let waited = 0; waited < ms; waited += 100) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

async function disable(dir: string): Promise<void> {
  const child = bunraku(['--disable', 'test', ...argv(dir)]);
  const code = await new Promise((r) => child.on('close', r));
  assert.equal(code, 0);
}

test('--no-daemonize: runs at start, again on SIGUSR1, stops on SIGTERM with exit 0 and no pidfile left', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bunraku-daemon-cli-'));
  try {
    await disable(dir);
    const child = bunraku(['--no-daemonize', '--runinterval', '1h', ...argv(dir)]);
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d; });
    child.stderr.on('data', (d: Buffer) => { out += d; });
    const exited = new Promise<number | null>((r) => child.on('close', r));
    const skips = () => out.split(SKIP).length - 1;
    await until('the first run', () => skips() === 1);
    assert.ok(out.startsWith('Notice: Starting Puppet client version 7.23.0\n'), out);
    const pidfile = join(dir, 'run', 'agent.pid');
    assert.equal(readFileSync(pidfile, 'utf8'), String(child.pid));
    child.kill('SIGUSR1');
    await until('the SIGUSR1 run', () => skips() === 2);
    assert.ok(out.includes('Notice: Caught USR1; storing reload\nNotice: Processing reload\n'), out);
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
    assert.ok(out.endsWith('Notice: Caught TERM; exiting\n'), out);
    assert.equal(existsSync(pidfile), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('daemonizing: the command exits 0 at once; the detached daemon holds the pidfile and logs to $logdir/bunraku-agent.log', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bunraku-daemon-cli-'));
  let daemonPid: number | undefined;
  try {
    await disable(dir);
    const child = bunraku(['--runinterval', '1h', ...argv(dir)]);
    assert.equal(await new Promise((r) => child.on('close', r)), 0);
    const pidfile = join(dir, 'run', 'agent.pid');
    const logfile = join(dir, 'log', 'bunraku-agent.log');
    await until('the daemon\'s first run', () => existsSync(logfile) && readFileSync(logfile, 'utf8').includes(SKIP));
    daemonPid = Number(readFileSync(pidfile, 'utf8'));
    assert.ok(daemonPid > 0 && daemonPid !== child.pid && alive(daemonPid));
    process.kill(daemonPid, 'SIGTERM');
    await until('the daemon to exit', () => !alive(daemonPid!));
    daemonPid = undefined;
    assert.equal(existsSync(pidfile), false);
  } finally {
    if (daemonPid !== undefined && alive(daemonPid)) process.kill(daemonPid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a puppet.conf changed while the daemon runs is read again within filetimeout; its runinterval applies', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bunraku-daemon-cli-'));
  try {
    await disable(dir);
    const child = bunraku(['--no-daemonize', '--filetimeout', '1', ...argv(dir)]);
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d; });
    child.stderr.on('data', (d: Buffer) => { out += d; });
    const exited = new Promise<number | null>((r) => child.on('close', r));
    const skips = () => out.split(SKIP).length - 1;
    await until('the first run', () => skips() === 1);
    const { writeFileSync, mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'conf'), { recursive: true });
    writeFileSync(join(dir, 'conf', 'puppet.conf'), '[agent]\nruninterval = 1\n');
    await until('runs every second', () => skips() >= 3);
    assert.ok(out.includes(`Notice: Config file ${join(dir, 'conf', 'puppet.conf')} changed; triggering re-parse of all config files.\n`), out);
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--onetime without --no-daemonize runs once in the background, as puppet agent does: the command exits 0 at once', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bunraku-daemon-cli-'));
  try {
    await disable(dir);
    const child = bunraku(['--onetime', ...argv(dir)]);
    assert.equal(await new Promise((r) => child.on('close', r)), 0);
    const logfile = join(dir, 'log', 'bunraku-agent.log');
    await until('the background run', () => existsSync(logfile) && readFileSync(logfile, 'utf8').includes(SKIP));
    assert.equal(readFileSync(logfile, 'utf8').includes('Starting Puppet client'), false, 'a onetime run is no daemon loop');
    // The background run ends by itself; give it a moment to write nothing more.
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(existsSync(join(dir, 'run', 'agent.pid')), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('SIGTERM while the daemon waits for its certificate stops it at once, pidfile removed', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bunraku-daemon-cli-'));
  try {
    // No server on port 1: the SSL bootstrap waits waitforcert (120 s) between tries.
    const child = bunraku(['--no-daemonize', ...argv(dir)]);
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d; });
    child.stderr.on('data', (d: Buffer) => { out += d; });
    const exited = new Promise<number | null>((r) => child.on('close', r));
    await until('the certificate wait', () => /Will try again in 120 seconds|No more routes to ca/.test(out));
    const pidfile = join(dir, 'run', 'agent.pid');
    assert.equal(existsSync(pidfile), true);
    child.kill('SIGTERM');
    assert.equal(await exited, 0, out);
    assert.ok(out.includes('Notice: Caught TERM; exiting\n'), out);
    assert.equal(existsSync(pidfile), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
