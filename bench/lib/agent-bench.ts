// Agent runs: `bunraku agent -t` and `puppet agent -t` against the same
// server, each in its own confdir/vardir/ssldir, timed (wall clock) and with
// peak memory from /usr/bin/time (%M, max RSS of the process). A first run
// starts from an empty ssldir (key, CSR, autosign, then the full run); a
// steady-state run reuses a directory where a run already happened.
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, type Exited } from './proc.js';
import type { BunrakuLaunch } from './peers.js';

export type AgentKind = 'bunraku' | 'puppet';

export interface AgentTree {
  kind: AgentKind;
  certname: string;
  confdir: string;
  vardir: string;
  ssldir: string;
}

export interface AgentRun {
  ok: boolean;
  wallMs: number;
  peakBytes: number;
  /** User + system CPU seconds of the run (from /usr/bin/time), less distorted by other work than wall time. */
  cpuSeconds: number;
  exitCode: number | null;
  /** Why the run failed (the last meaningful output lines), when it did. */
  reason?: string;
  /** "Applied catalog in ..." or similar when the agent printed it. */
  summary?: string;
}

export function agentTree(root: string, kind: AgentKind, certname: string): AgentTree {
  const base = join(root, 'agents', `${kind}-${certname}`);
  return { kind, certname, confdir: join(base, 'etc'), vardir: join(base, 'var'), ssldir: join(base, 'ssl') };
}

/** Seeds the tree's ssldir with `certname`'s key and certificate from the CA's host ssldir. */
export function seedCertificate(tree: AgentTree, fromSsldir: string): void {
  for (const rel of ['certs/ca.pem', 'crl.pem', `certs/${tree.certname}.pem`, `private_keys/${tree.certname}.pem`]) {
    const src = join(fromSsldir, rel);
    if (!existsSync(src)) continue;
    mkdirSync(join(tree.ssldir, rel, '..'), { recursive: true });
    cpSync(src, join(tree.ssldir, rel));
  }
}

/** puppet.conf shared by both agents: every directory inside the tree, loopback server. */
function writePuppetConf(tree: AgentTree, port: number): void {
  mkdirSync(tree.confdir, { recursive: true });
  mkdirSync(tree.vardir, { recursive: true });
  writeFileSync(join(tree.confdir, 'puppet.conf'), `[main]
certname = ${tree.certname}
server = localhost
serverport = ${port}
ssldir = ${tree.ssldir}
vardir = ${tree.vardir}
logdir = ${join(tree.vardir, 'log')}
rundir = ${join(tree.vardir, 'run')}
publicdir = ${join(tree.vardir, 'public')}
`);
}

function commandFor(tree: AgentTree, launch: BunrakuLaunch): { cmd: string; args: string[]; env: NodeJS.ProcessEnv; cwd?: string } {
  const dirs = ['--confdir', tree.confdir, '--vardir', tree.vardir, '--ssldir', tree.ssldir, '--certname', tree.certname];
  if (tree.kind === 'puppet') return { cmd: 'puppet', args: ['agent', '-t', '--color', 'false', ...dirs], env: {} };
  return { cmd: launch.node, args: [...launch.cliArgs, 'agent', '-t', ...dirs], env: launch.env, cwd: launch.repoRoot };
}

const MAXRSS = /BENCH_MAXRSS_KB=(\d+)/;
const CPU = /BENCH_CPU=([\d.]+)\+([\d.]+)/;

/** Exit codes of `-t` (detailed exit codes): 0 no changes, 2 changes; 4 and 6 mean failures. */
function succeeded(r: Exited): boolean {
  return r.code === 0 || r.code === 2;
}

/** The agent's own error line, without paths of this run (they change each time). */
function failureReason(r: Exited): string {
  const text = `${r.stdout}\n${r.stderr}`.replace(MAXRSS, '').replace(CPU, '');
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => /error|fail|not available|cannot|could not/i.test(l));
  const line = (lines.at(-1) ?? text.trim().split('\n').at(-1) ?? '').replace(/^Error: (Could not run: )?/, '').split(';')[0];
  return `exit ${r.code ?? r.signal}: ${line.slice(0, 200)}`;
}

/** One `agent -t` run against 127.0.0.1:`port`, bounded by `timeoutMs`. */
export async function runAgent(tree: AgentTree, port: number, launch: BunrakuLaunch, timeoutMs: number): Promise<AgentRun> {
  writePuppetConf(tree, port);
  const c = commandFor(tree, launch);
  const r = await run('/usr/bin/time', ['-f', 'BENCH_MAXRSS_KB=%M BENCH_CPU=%U+%S', c.cmd, ...c.args], { env: c.env, cwd: c.cwd, timeoutMs });
  const kb = Number(MAXRSS.exec(r.stderr)?.[1] ?? Number.NaN);
  const cpu = CPU.exec(r.stderr);
  const cpuSeconds = cpu ? Number(cpu[1]) + Number(cpu[2]) : Number.NaN;
  const summary = /(Applied catalog in [\d.]+ seconds)/.exec(r.stdout)?.[1];
  const ok = succeeded(r);
  return { ok, wallMs: r.ms, peakBytes: kb * 1024, cpuSeconds, exitCode: r.code, summary, ...(ok ? {} : { reason: failureReason(r) }) };
}
