// The service type on this machine with a SysV init script written by the
// test (/etc/init.d/bunraku-test-svc, a shell daemon whose pidfile lives in a
// temporary directory): started, restarted on refresh, enabled through
// update-rc.d, stopped, and found by a `ps` pattern when hasstatus is false.
// Expected events, messages and commands are those `puppet apply` 7.23
// produced for the same manifests on Debian 12 without systemd as PID 1.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apply, event, requireRoot } from './harness.js';
import { defaultServiceProvider } from '../../src/agent/providers/service-backends.js';

const SVC = 'bunraku-test-svc';
const SCRIPT = `/etc/init.d/${SVC}`;
const ref = `Service[${SVC}]`;
let dir = '';

function initScript(d: string): string {
  return `#!/bin/sh
### BEGIN INIT INFO
# Provides:          ${SVC}
# Required-Start:
# Required-Stop:
# Default-Start:     2 3 4 5
# Default-Stop:      0 1 6
# Short-Description: Bunraku provider test service
### END INIT INFO
DIR=${d}
PIDFILE=$DIR/daemon.pid
running() { [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }
echo "$1" >> "$DIR/actions.log"
case "$1" in
  start) [ -f "$DIR/fail-start" ] && { echo "start refused"; exit 1; }
         running && exit 0
         "$DIR/${SVC}-daemon" </dev/null >/dev/null 2>&1 &
         echo $! > "$PIDFILE" ;;
  stop) if running; then kill "$(cat "$PIDFILE")"; fi; rm -f "$PIDFILE" ;;
  restart) "$0" stop; "$0" start ;;
  status) if running; then echo "${SVC} is running"; exit 0; fi; echo "${SVC} is not running"; exit 3 ;;
  *) echo "Usage: $0 {start|stop|restart|status}" >&2; exit 2 ;;
esac
exit 0
`;
}

/** The init script's calls since the last look, then forgotten. */
function actions(): string[] {
  const file = join(dir, 'actions.log');
  if (!existsSync(file)) return [];
  const out = readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');
  rmSync(file);
  return out;
}

function daemonRunning(): boolean {
  return spawnSync(SCRIPT, ['status'], { stdio: 'ignore' }).status === 0;
}

/** rc links as `rc2.d/S01bunraku-test-svc`. */
function rcLinks(): string[] {
  const out: string[] = [];
  for (const d of readdirSync('/etc').filter((x) => /^rc.\.d$/.test(x)).sort()) {
    for (const f of readdirSync(join('/etc', d))) if (f.endsWith(SVC)) out.push(`${d}/${f}`);
  }
  return out;
}

const startLinks = () => rcLinks().filter((l) => l.includes('/S'));
const svc = (parameters: Record<string, unknown>) => ({ type: 'Service', title: SVC, parameters });

function removeService(): void {
  if (existsSync(SCRIPT)) spawnSync(SCRIPT, ['stop'], { stdio: 'ignore' });
  spawnSync('/usr/sbin/update-rc.d', ['-f', SVC, 'remove'], { stdio: 'ignore' });
  rmSync(SCRIPT, { force: true });
}

before(() => {
  requireRoot();
  removeService();
  dir = mkdtempSync(join(tmpdir(), 'bunraku-svc-'));
  writeFileSync(join(dir, `${SVC}-daemon`), '#!/bin/sh\nwhile :; do sleep 1; done\n');
  chmodSync(join(dir, `${SVC}-daemon`), 0o755);
  writeFileSync(SCRIPT, initScript(dir));
  chmodSync(SCRIPT, 0o755);
});
after(() => {
  removeService();
  if (dir) rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  spawnSync(SCRIPT, ['stop'], { stdio: 'ignore' });
  spawnSync('/usr/sbin/update-rc.d', ['-f', SVC, 'remove'], { stdio: 'ignore' });
  rmSync(join(dir, 'fail-start'), { force: true });
  actions();
});

test('the provider is chosen as Puppet chooses it: debian unless PID 1 is systemd', async () => {
  const pid1 = readFileSync('/proc/1/comm', 'utf8');
  assert.equal(defaultServiceProvider(), pid1.includes('systemd') ? 'systemd' : 'debian');
  const run = await apply([svc({ ensure: 'stopped' })]);
  assert.equal(run.providers[ref], defaultServiceProvider());
});

// The rest drives the init script itself, which is what the debian provider does.
const debian = { provider: 'debian' };

test('started and enabled: one ensure event, enable synced along with it', async () => {
  let run = await apply([svc({ ...debian, ensure: 'running', enable: true })], { noop: true });
  assert.deepEqual(run.events[ref], [event('ensure', 'stopped', 'running', 'service_started', "current_value 'stopped', should be 'running' (noop)", 'noop')]);
  assert.deepEqual(actions(), ['status']);
  run = await apply([svc({ ...debian, ensure: 'running', enable: true })]);
  assert.deepEqual(run.events[ref], [event('ensure', 'stopped', 'running', 'service_started', "ensure changed 'stopped' to 'running'")]);
  assert.deepEqual(run.logs, [`notice: /Stage[main]/Main/${ref}/ensure: ensure changed 'stopped' to 'running'`]);
  assert.deepEqual(actions(), ['status', 'start']);
  assert.ok(daemonRunning());
  assert.deepEqual(startLinks(), ['rc2.d', 'rc3.d', 'rc4.d', 'rc5.d'].map((d) => `${d}/S01${SVC}`));
  run = await apply([svc({ ...debian, ensure: 'running', enable: true })]);
  assert.deepEqual(run.events[ref], []);
});

test('restarted on refresh: stop and start, or the script\'s restart with hasrestart', async () => {
  spawnSync(SCRIPT, ['start']);
  actions();
  const exec = { type: 'Exec', title: '/bin/true', parameters: {} };
  let run = await apply([exec, svc({ ...debian, ensure: 'running' })], { edges: [['Exec[/bin/true]', ref]] });
  assert.deepEqual(run.events[ref], [event(null, null, null, 'refresh', "Triggered 'refresh' from 1 event")]);
  assert.deepEqual(actions(), ['status', 'status', 'stop', 'start']);
  assert.ok(daemonRunning());
  actions();
  run = await apply([exec, svc({ ...debian, ensure: 'running', hasrestart: true })], { edges: [['Exec[/bin/true]', ref]] });
  assert.deepEqual(run.events[ref], [event(null, null, null, 'refresh', "Triggered 'refresh' from 1 event")]);
  assert.deepEqual(actions(), ['status', 'status', 'restart', 'stop', 'start']);
});

test('a service started in this run is not restarted by a refresh as well', async () => {
  const exec = { type: 'Exec', title: '/bin/true', parameters: {} };
  const run = await apply([exec, svc({ ...debian, ensure: 'running' })], { edges: [['Exec[/bin/true]', ref]] });
  assert.deepEqual(run.events[ref], [event('ensure', 'stopped', 'running', 'service_started', "ensure changed 'stopped' to 'running'")]);
  assert.deepEqual(actions(), ['status', 'start']);
});

test('stopped and disabled; disabled alone', async () => {
  spawnSync(SCRIPT, ['start']);
  spawnSync('/usr/sbin/update-rc.d', [SVC, 'defaults'], { stdio: 'ignore' });
  actions();
  let run = await apply([svc({ ...debian, ensure: 'stopped', enable: false })]);
  assert.deepEqual(run.events[ref], [event('ensure', 'running', 'stopped', 'service_stopped', "ensure changed 'running' to 'stopped'")]);
  assert.deepEqual(actions(), ['status', 'stop']);
  assert.equal(daemonRunning(), false);
  // Puppet 7.23 asks for `update-rc.d name stop ...` when sysv-rc is missing, which Debian 12 ignores; we disable.
  assert.deepEqual(startLinks(), []);

  spawnSync('/usr/sbin/update-rc.d', [SVC, 'enable'], { stdio: 'ignore' });
  run = await apply([svc({ ...debian, enable: false })]);
  assert.deepEqual(run.events[ref], [event('enable', 'true', 'false', 'service_disabled', "enable changed 'true' to 'false'")]);
  run = await apply([svc({ ...debian, enable: true })]);
  assert.deepEqual(run.events[ref], [event('enable', 'false', 'true', 'service_enabled', "enable changed 'false' to 'true'")]);
  assert.equal(startLinks().length, 4);
});

test('hasstatus false: the process table decides, with the pattern', async () => {
  const pattern = `${dir}/${SVC}-daemon`;
  let run = await apply([svc({ ...debian, ensure: 'running', hasstatus: false, pattern })]);
  assert.deepEqual(run.events[ref], [event('ensure', 'stopped', 'running', 'service_started', "ensure changed 'stopped' to 'running'")]);
  assert.deepEqual(actions(), ['start']);
  run = await apply([svc({ ...debian, ensure: 'running', hasstatus: false, pattern })]);
  assert.deepEqual(run.events[ref], []);
  run = await apply([svc({ ...debian, ensure: 'stopped', hasstatus: false, pattern })]);
  assert.deepEqual(run.events[ref], [event('ensure', 'running', 'stopped', 'service_stopped', "ensure changed 'running' to 'stopped'")]);
  assert.deepEqual(actions(), ['stop']);
});

test('a failing start fails the resource with Puppet\'s messages', async () => {
  writeFileSync(join(dir, 'fail-start'), '');
  const run = await apply([svc({ ...debian, ensure: 'running' })]);
  const detail = `Could not start ${ref}: Execution of '${SCRIPT} start' returned 1: start refused`;
  assert.deepEqual(run.failed, [ref]);
  assert.deepEqual(run.events[ref], [event('ensure', 'stopped', 'running', 'service_started', `change from 'stopped' to 'running' failed: ${detail}`, 'failure')]);
  assert.deepEqual(run.logs, [`err: Puppet: ${detail}`, `err: /Stage[main]/Main/${ref}/ensure: change from 'stopped' to 'running' failed: ${detail}`]);
});

test('status, start and stop commands given in the manifest run through the shell', async () => {
  const pidfile = join(dir, 'daemon.pid');
  const params = {
    ...debian, ensure: 'running', hasstatus: false,
    status: `test -s ${pidfile} && kill -0 $(cat ${pidfile})`, start: `${SCRIPT} start`, stop: `${SCRIPT} stop`,
  };
  let run = await apply([svc(params)]);
  assert.deepEqual(run.events[ref], [event('ensure', 'stopped', 'running', 'service_started', "ensure changed 'stopped' to 'running'")]);
  assert.deepEqual(actions(), ['start']);
  run = await apply([svc(params)]);
  assert.deepEqual(run.events[ref], []);
  run = await apply([svc({ ...params, ensure: 'stopped' })]);
  assert.deepEqual(run.events[ref], [event('ensure', 'running', 'stopped', 'service_stopped', "ensure changed 'running' to 'stopped'")]);
  assert.deepEqual(actions(), ['stop']);
  assert.equal(daemonRunning(), false);
});
