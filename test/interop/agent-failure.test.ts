// The agent when the server dies: `bunraku server` started by the test on
// loopback and killed (SIGKILL) by the agent's own prerun_command, that is
// after the catalog and before the report. The run fails cleanly with
// Puppet's messages and keeps its report; a run with the server still down
// applies the cached catalog (cached_catalog_status on_failure) and keeps its
// report too; once the server is back the next run sends its report and both
// kept ones. Then the run lock: `bunraku agent -t` while another one runs
// exits 1 with Puppet's message, and --disable/--enable. Last, the real
// `puppet agent` 7.23 goes through the same failures and must print the same
// errors and warnings as `bunraku agent`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:https';
import { bunraku, exec, freePort, repoRoot } from './agent-ssl-peers.js';
import { resolveSettings, type Settings } from '../../src/settings/index.js';
import { runAgent } from '../../src/agent/run.js';
import { RecordingLog } from '../../src/agent/http/log.js';

const CERTNAME = 'failure-agent.example.test';
let dir: string;
let port: number;
let server: ChildProcess | undefined;
let serverOutput = '';

function status(p: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port: p, path: '/status/v1/simple', rejectUnauthorized: false, timeout: 5000 }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => { body += d; });
      res.on('end', () => resolve(body.trim()));
    });
    req.on('error', () => resolve(undefined));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

async function startServer(): Promise<void> {
  const codedir = join(dir, 'server', 'code');
  server = spawn(process.execPath, [
    join(repoRoot, 'bin', 'bunraku.js'), 'server', '--confdir', join(dir, 'server', 'conf'), '--vardir', join(dir, 'server', 'var'),
    '--logdir', join(dir, 'server', 'log'), '--codedir', codedir, '--serverport', String(port), '--bindaddress', '127.0.0.1',
    '--autosign', 'true', '--dns_alt_names', 'localhost', '--certname', 'puppet',
  ], { env: { ...process.env, BUNRAKU_FROM_SOURCE: '1' }, cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout!.on('data', (d: Buffer) => { serverOutput += d; });
  server.stderr!.on('data', (d: Buffer) => { serverOutput += d; });
  for (let i = 0; i < 240; i++) {
    if (server.exitCode !== null || server.signalCode !== null) throw new Error(`bunraku server exited early:\n${serverOutput}`);
    if ((await status(port)) === 'running') return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`bunraku server did not start:\n${serverOutput}`);
}

async function stopServer(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (server?.pid !== undefined && server.exitCode === null && server.signalCode === null) {
    const done = new Promise((r) => server!.once('exit', r));
    process.kill(server.pid, signal);
    await done;
  }
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bunraku-agent-failure-'));
  const env = join(dir, 'server', 'code', 'environments', 'production');
  cpSync(join(repoRoot, 'test', 'fixtures', 'agent', 'run-env', 'production'), env, { recursive: true });
  writeFileSync(join(env, 'modules', 'demo', 'facts.d', 'bunraku_test_root.txt'), `bunraku_test_root=${join(dir, 'root')}\n`);
  mkdirSync(join(dir, 'root'));
  port = await freePort();
  await startServer();
}, { timeout: 180_000 });

after(async () => {
  await stopServer();
  rmSync(dir, { recursive: true, force: true });
});

function agentArgv(extra: string[] = []): string[] {
  const a = join(dir, 'agent');
  return ['--confdir', join(a, 'conf'), '--vardir', join(a, 'var'), '--logdir', join(a, 'log'), '--rundir', join(a, 'run'),
    '--codedir', join(a, 'code'), '--server', 'localhost', '--serverport', String(port), '--certname', CERTNAME, ...extra];
}

async function agentRun(extra: string[] = []): Promise<{ code: number; log: RecordingLog; settings: Settings }> {
  const { settings, explicit } = resolveSettings({ runMode: 'agent', argv: agentArgv(extra) });
  const log = new RecordingLog();
  const code = await runAgent({ settings, onetime: true, daemonize: false, log, stdout: () => {}, explicitSettings: explicit });
  return { code, log, settings };
}

const dump = (log: RecordingLog) => log.entries.map((e) => `${e.level}: ${e.message}`).join('\n');
const transactionOf = (settings: Settings) => /transaction_uuid: (\S+)/.exec(readFileSync(String(settings.lastrunreport), 'utf8'))![1];
const reportPuts = () => readFileSync(join(dir, 'server', 'log', 'access.log'), 'utf8').split('\n').filter((l) => /"PUT \/puppet\/v3\/report\//.test(l));
const kept = (settings: Settings) => {
  try { return readdirSync(join(String(settings.statedir), 'pending_reports')); } catch { return []; }
};

test('the server dies after the catalog: the run fails cleanly, keeps its report, and a later run sends it', { timeout: 600_000 }, async () => {
  const first = await agentRun();
  assert.deepEqual(first.log.messages('err'), [], dump(first.log));
  assert.equal(first.code, 2);
  const putsBefore = reportPuts().length;
  assert.equal(putsBefore, 1);

  // prerun_command runs after the catalog arrived and before it is applied.
  const pid = server!.pid!;
  const killer = `kill -KILL ${pid}; while kill -0 ${pid} 2>/dev/null; do sleep 0.1; done`;
  const second = await agentRun(['--prerun_command', killer]);
  await stopServer('SIGKILL'); // reaps it
  const url = `https://localhost:${port}/puppet/v3`;
  const errors = second.log.messages('err');
  assert.equal(errors.length, 2, dump(second.log));
  assert.match(errors[0], new RegExp(`^Connection to ${url} failed, trying next route: Request to ${url} failed after [\\d.]+ seconds: Failed to open TCP connection to localhost:${port} \\(Connection refused - connect\\(2\\) for (127\\.0\\.0\\.1|::1):${port}\\)\nWrapped exception:\nFailed to open TCP connection to localhost:${port} \\(Connection refused - connect\\(2\\) for (127\\.0\\.0\\.1|::1):${port}\\)$`));
  assert.equal(errors[1], 'Could not send report: No more routes to report');
  assert.equal(kept(second.settings).length, 1);
  const secondUuid = transactionOf(second.settings);
  assert.ok(kept(second.settings)[0].includes(secondUuid));

  // Still down: the cached catalog is applied and the report says so; it is kept as well.
  const third = await agentRun();
  assert.match(readFileSync(String(third.settings.lastrunreport), 'utf8'), /cached_catalog_status: on_failure/);
  assert.ok(third.log.messages('info').includes("Using cached catalog from environment 'production'"), dump(third.log));
  assert.ok(third.log.messages('err').includes('Could not retrieve catalog from remote server: No more routes to puppet'), dump(third.log));
  assert.equal(kept(third.settings).length, 2);
  assert.ok(kept(third.settings).some((name) => name.includes(secondUuid)));
  // the third report's uuid as the spool names it (its last_run_report.yaml may still be on its way)
  const thirdUuid = kept(third.settings).map((name) => /^\d{15}-(.+)\.json$/.exec(name)?.[1]).find((u) => u !== undefined && u !== secondUuid)!;

  await startServer();
  const fourth = await agentRun();
  assert.deepEqual(fourth.log.messages('err'), [], dump(fourth.log));
  assert.deepEqual(kept(fourth.settings), []);
  const notices = fourth.log.messages('notice');
  for (const uuid of [secondUuid, thirdUuid]) {
    assert.ok(notices.includes(`Sent the report of transaction ${uuid}, kept since an earlier run could not send it`), dump(fourth.log));
  }
  const puts = reportPuts();
  assert.equal(puts.length, putsBefore + 3, puts.join('\n'));
  assert.ok(puts.slice(-3).every((l) => /" 200 /.test(l)), puts.join('\n'));
});

test('a second `bunraku agent -t` while one runs exits 1 with Puppet\'s message; --disable/--enable', { timeout: 300_000 }, async () => {
  const lockfile = join(dir, 'agent', 'var', 'state', 'agent_catalog_run.lock');
  // The first run holds the lock while its prerun_command waits for the second to finish.
  const gate = join(dir, 'gate');
  const holding = join(dir, 'holding');
  const prerun = `touch ${holding}; for i in $(seq 1 600); do [ -e ${gate} ] && exit 0; sleep 0.1; done; exit 0`;
  const firstRun = bunraku(['agent', '-t', ...agentArgv(['--prerun_command', prerun])], 240_000);
  for (let i = 0; i < 1200 && !existsSync(holding); i++) await new Promise((r) => setTimeout(r, 100));
  assert.ok(existsSync(holding), 'the first run reached its prerun_command');
  assert.ok(existsSync(lockfile));
  const second = await bunraku(['agent', '-t', ...agentArgv()]);
  writeFileSync(gate, '');
  const first = await firstRun;
  assert.equal(second.code, 1, second.stdout + second.stderr);
  assert.ok(second.stdout.includes(`Notice: Run of Puppet configuration client already in progress; skipping  (${lockfile} exists)\n`), second.stdout);
  assert.ok([0, 2].includes(first.code ?? -1), first.stdout + first.stderr);
  assert.equal(existsSync(lockfile), false);

  const disabled = await bunraku(['agent', '--disable', 'maint window', ...agentArgv()]);
  assert.equal(disabled.code, 0, disabled.stderr);
  assert.equal(readFileSync(join(dir, 'agent', 'var', 'state', 'agent_disabled.lock'), 'utf8'), '{"disabled_message":"maint window"}');
  const skipped = await bunraku(['agent', '-t', ...agentArgv()]);
  assert.equal(skipped.code, 1);
  assert.ok(skipped.stdout.includes("Notice: Skipping run of Puppet configuration client; administratively disabled (Reason: 'maint window');\nUse 'puppet agent --enable' to re-enable.\n"), skipped.stdout);
  const enabled = await bunraku(['agent', '--enable', ...agentArgv()]);
  assert.equal(enabled.code, 0);
  assert.equal(existsSync(join(dir, 'agent', 'var', 'state', 'agent_disabled.lock')), false);
});

/** Error and warning messages of a console transcript, colours and elapsed times normalized, Facter's own left out. */
function problems(transcript: string, certname: string): string[] {
  const messages: string[] = [];
  for (const line of transcript.replace(/\x1b\[[0-9;]*m/g, '').split('\n')) {
    if (/^(Debug|Info|Notice|Warning|Error): /.test(line)) messages.push(line);
    else if (messages.length > 0 && line !== '') messages[messages.length - 1] += `\n${line}`;
  }
  return messages
    .filter((m) => /^(Warning|Error): /.test(m) && !m.includes('Facter'))
    .map((m) => m.replace(/after [\d.]+ seconds/g, 'after N seconds').replaceAll(certname, 'CERTNAME'))
    // When the server is killed mid-run, whether the report's request fails on the
    // pooled connection (EOF) or finds no route depends on timing, for real Puppet too.
    .map((m) => (/^Error: Could not send report: Request to .* SSL_read: unexpected eof while reading/s.test(m) ? 'Error: Could not send report: No more routes to report' : m));
}

test('real puppet agent 7.23 and bunraku agent print the same errors when the server dies mid-run, stays down, and with a server_list whose first or every entry is down', { timeout: 600_000 }, async () => {
  if (server === undefined || server.exitCode !== null || server.signalCode !== null) await startServer();
  const run = async (tool: 'puppet' | 'bunraku', certname: string, extra: string[]): Promise<{ code: number | null; out: string }> => {
    const base = join(dir, tool);
    const args = ['agent', '--confdir', join(base, 'conf'), '--vardir', join(base, 'var'), '--logdir', join(base, 'log'), '--rundir', join(base, 'run'),
      // publicdir too: Debian's puppet keeps last_run_summary.yaml in a system-wide directory otherwise.
      '--codedir', join(base, 'code'), '--ssldir', join(base, 'ssl'), '--publicdir', join(base, 'public'), '--server', 'localhost', '--serverport', String(port), '--certname', certname, ...extra];
    const quoted = args.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
    const command = tool === 'puppet' ? `puppet ${quoted} 2>&1` : `'${process.execPath}' '${join(repoRoot, 'bin', 'bunraku.js')}' ${quoted} 2>&1`;
    const r = await exec('sh', ['-c', command], { env: { BUNRAKU_FROM_SOURCE: '1' }, cwd: repoRoot, timeoutMs: 300_000 });
    return { code: r.code, out: r.stdout };
  };
  const results: Record<string, { code: number | null; problems: string[] }[]> = {};
  const closed = await freePort();
  const closed2 = await freePort();
  for (const tool of ['puppet', 'bunraku'] as const) {
    const certname = `${tool}-compare.example.test`;
    const first = await run(tool, certname, ['-t']);
    assert.ok([0, 2].includes(first.code ?? -1), `${tool} first run:\n${first.out}`);
    const pid = server!.pid!;
    const killer = `kill -KILL ${pid}; while kill -0 ${pid} 2>/dev/null; do sleep 0.1; done`;
    const onetime = ['--onetime', '--no-daemonize', '--detailed-exitcodes', '-v'];
    const dies = await run(tool, certname, [...onetime, '--prerun_command', killer]);
    await stopServer('SIGKILL');
    const down = await run(tool, certname, onetime);
    await startServer();
    // server_list: the first entry refuses, the second (this server) serves the run.
    const listed = await run(tool, certname, [...onetime, '--server_list', `127.0.0.1:${closed},localhost:${port}`]);
    // No server_list entry answers: Puppet's messages, the cached catalog, and a probe again for the report.
    const none = await run(tool, certname, [...onetime, '--server_list', `127.0.0.1:${closed},127.0.0.1:${closed2}`]);
    results[tool] = [dies, down, listed, none].map((r) => ({ code: r.code, problems: problems(r.out, certname) }));
    // The run where the server dies: its report fails either on the pooled
    // connection (one message) or on a refused new one (a "trying next route"
    // message first), depending on timing, for real Puppet too.
    const died = results[tool][0].problems;
    if (died.at(-1) === 'Error: Could not send report: No more routes to report' && /^Error: Connection to https:\/\/\S+\/puppet\/v3 failed, trying next route/.test(died.at(-2) ?? '')) died.splice(-2, 1);
  }
  assert.deepEqual(results.puppet[2].problems, [
    `Warning: Unable to connect to server from server_list setting: Request to https://127.0.0.1:${closed}/status/v1/simple/server failed after N seconds: Failed to open TCP connection to 127.0.0.1:${closed} (Connection refused - connect(2) for 127.0.0.1:${closed}) Trying with next server from server_list.`,
  ]);
  // The run where the server dies ends with the report route; the next one
  // also misses the fileserver and the catalog, and applies the cached catalog.
  assert.equal(results.puppet[0].problems.at(-1), 'Error: Could not send report: No more routes to report');
  assert.ok(results.puppet[1].problems.includes('Error: Could not retrieve catalog from remote server: No more routes to puppet'));
  assert.equal(results.puppet[3].problems.at(-1), 'Error: Could not send report: No more routes to report');
  assert.deepEqual(results.bunraku, results.puppet);
});
