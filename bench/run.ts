// `npm run bench`: bunraku server/agent side by side with puppetserver 7 and
// puppet agent 7 on loopback, phase by phase in alternation; prints one table
// and writes it (markdown + JSON, with the machine's description) to
// bench/results/. Installs nothing; a missing peer is skipped and said so.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { agentTree, runAgent, seedCertificate, type AgentKind, type AgentRun } from './lib/agent-bench.js';
import { generateCode } from './lib/envgen.js';
import { launcherNodeFlags } from './lib/launcher-flags.js';
import type { Target } from './lib/http-load.js';
import { parsePlan, USAGE, type Plan } from './lib/options.js';
import {
  bunrakuDirs, identityFrom, preparePuppetserver, puppetserverMissing, startBunraku, startPuppetserver,
  type BunrakuLaunch, type PeerName,
} from './lib/peers.js';
import { cpuSecondsOf, freePort, run, type Daemon } from './lib/proc.js';
import { describeMachine, machineMarkdown, markdownTable, textTable, type Machine } from './lib/report.js';
import { buildRows, type Collected } from './lib/rows.js';
import { serverPhases, untilFirst, workload, type ServerFigures } from './lib/server-bench.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const CERTNAME = 'bench-agent';
const log = (line: string) => process.stdout.write(`[bench] ${line}\n`);

/** How to run the Bunraku CLI: from the sources, or compiled into bench/.build (never touching dist/). */
async function bunrakuLaunch(plan: Plan): Promise<BunrakuLaunch & { how: string }> {
  const base = { repoRoot, keylength: plan.keylength };
  const nodeFlags = launcherNodeFlags(repoRoot);
  if (plan.fromSource) {
    return { ...base, node: process.execPath, cliArgs: [...nodeFlags, join(repoRoot, 'bin', 'bunraku.js')], env: { BUNRAKU_FROM_SOURCE: '1' }, how: 'from the sources (tsx)' };
  }
  const outDir = join(repoRoot, 'bench', '.build');
  log('compiling Bunraku into bench/.build (tsc -p tsconfig.build.json)');
  const tsc = await run(process.execPath, [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(repoRoot, 'tsconfig.build.json'), '--outDir', outDir], { cwd: repoRoot, timeoutMs: 300_000 });
  // The code finds data/ and package.json relative to itself (as from dist/src/...): link them.
  for (const f of ['data', 'package.json']) {
    const link = join(outDir, f);
    if (!existsSync(link)) symlinkSync(join('..', '..', f), link);
  }
  // tsc emits despite type errors (other work in progress may have some); the CLI must run
  const main = join(outDir, 'src', 'cli', 'main.js');
  const launcher = 'const { main } = await import(process.argv[1]); process.exitCode = await main(process.argv.slice(2));';
  const cliArgs = [...nodeFlags, '--input-type=module', '-e', launcher, main];
  const check = await run(process.execPath, [...cliArgs, '--version'], { timeoutMs: 60_000 });
  if (check.code !== 0) throw new Error(`The compiled Bunraku does not run (tsc exit ${tsc.code}):\n${tsc.stdout.slice(0, 2000)}${check.stderr.slice(0, 2000)}`);
  if (tsc.code !== 0) log(`tsc reported type errors (exit ${tsc.code}); the emitted code runs, going on`);
  return { ...base, node: process.execPath, cliArgs, env: {}, how: `compiled (tsc) into bench/.build, node ${nodeFlags.join(' ')}` };
}

interface Live {
  name: PeerName;
  daemon: Daemon;
  target: Target;
  figures: Partial<ServerFigures>;
}

async function main(argv: string[]): Promise<number> {
  let plan: Plan;
  try {
    plan = parsePlan(argv, join(repoRoot, 'bench', 'results'));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${(err as Error).message === USAGE ? '' : USAGE}`);
    return (err as Error).message === USAGE ? 0 : 2;
  }
  log(`mode ${plan.mode}; needs the Debian packages "puppetserver" and "puppet-agent" for the peer columns (nothing is installed by this command)`);
  const skipped: string[] = [];
  let peers = [...plan.peers];
  const psMissing = puppetserverMissing();
  if (peers.includes('puppetserver') && psMissing) {
    skipped.push(`puppetserver column skipped: ${psMissing}`);
    peers = peers.filter((p) => p !== 'puppetserver');
  }
  const agentKinds: AgentKind[] = plan.agents ? ['bunraku'] : [];
  if (plan.agents && plan.peers.includes('puppetserver')) {
    if (existsSync('/usr/bin/puppet')) agentKinds.push('puppet');
    else skipped.push('puppet agent column skipped: /usr/bin/puppet is missing (Debian package "puppet-agent")');
  }
  if (plan.agents && !existsSync('/usr/bin/time')) {
    skipped.push('agent runs skipped: /usr/bin/time (Debian package "time") is missing; it measures their peak memory');
    agentKinds.length = 0;
  }
  for (const s of skipped) log(s);

  const machine = describeMachine(repoRoot);
  const root = mkdtempSync(join(tmpdir(), 'bunraku-bench-'));
  const live: Live[] = [];
  /** Every server process this run started, stopped by PID in the end whatever happens. */
  const started: Daemon[] = [];
  const interrupted = () => {
    for (const d of started) if (d.child.exitCode === null) process.kill(d.pid, 'SIGKILL');
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const collected: Collected = { peers, agentKinds, agents: {}, plan, failures: {} };
  try {
    const launch = await bunrakuLaunch(plan);
    log(`Bunraku runs ${launch.how}; work dir ${root}`);
    const code = generateCode(root, { largeShape: plan.largeShape, treeFiles: plan.treeFiles });
    const facts = JSON.parse(readFileSync(join(repoRoot, 'bench', 'fixtures', 'facts.json'), 'utf8')) as { values: Record<string, unknown> };
    const w = workload(CERTNAME, facts, { mount: code.treeMount, environment: code.treeEnvironment });
    const dirs = bunrakuDirs(root, code.codedir);

    // First start: creates the CA and the server certificate; then the agent's certificate.
    const port = await freePort();
    let t0 = performance.now();
    let daemon = startBunraku(launch, root, code.codedir, port);
    started.push(daemon);
    await waitStatus(port, daemon, t0, plan.startTimeoutMs.bunraku);
    collected.bunrakuFirstStartMs = performance.now() - t0;
    log(`bunraku first start (CA and server cert created) to status running: ${(collected.bunrakuFirstStartMs / 1000).toFixed(2)} s`);
    const gen = await run(launch.node, [...launch.cliArgs, 'ca', 'generate', '--certname', CERTNAME, '--confdir', dirs.confdir, ...(plan.keylength ? ['--keylength', String(plan.keylength)] : [])], { env: launch.env, cwd: repoRoot, timeoutMs: 180_000 });
    if (gen.code !== 0) throw new Error(`bunraku ca generate failed: ${gen.stderr || gen.stdout}`);
    const identity = identityFrom(dirs.ssldir, CERTNAME);
    collected.coldStartMs = {};
    if (plan.quick) {
      // smoke: keep the first process; the catalog path is exercised by the phases
      live.push({ name: 'bunraku', daemon, target: { port, identity }, figures: {} });
    } else {
      // Cold start: the restart, CA in place, to the first successful catalog.
      await daemon.stop();
      t0 = performance.now();
      daemon = startBunraku(launch, root, code.codedir, port);
      started.push(daemon);
      live.push({ name: 'bunraku', daemon, target: { port, identity }, figures: {} });
      collected.coldStartMs.bunraku = await untilFirst({ port, identity }, w.small, daemon, t0, plan.startTimeoutMs.bunraku, 20);
      (collected.coldStartCpuS ??= {}).bunraku = cpuSecondsOf(daemon.pid);
      log(`bunraku cold start to first catalog: ${(collected.coldStartMs.bunraku / 1000).toFixed(2)} s (CPU ${collected.coldStartCpuS.bunraku?.toFixed(2) ?? '?'} s)`);
    }

    if (peers.includes('puppetserver')) {
      const psPort = await freePort();
      const setup = preparePuppetserver(root, code.codedir, dirs.ssldir, psPort);
      t0 = performance.now();
      const ps = startPuppetserver(setup, plan.heap);
      started.push(ps);
      live.push({ name: 'puppetserver', daemon: ps, target: { port: psPort, identity }, figures: {} });
      collected.coldStartMs.puppetserver = await untilFirst({ port: psPort, identity }, w.small, ps, t0, plan.startTimeoutMs.puppetserver, 100);
      (collected.coldStartCpuS ??= {}).puppetserver = cpuSecondsOf(ps.pid);
      log(`puppetserver cold start to first catalog: ${(collected.coldStartMs.puppetserver / 1000).toFixed(2)} s (CPU ${collected.coldStartCpuS.puppetserver?.toFixed(2) ?? '?'} s)`);
    }

    // Server phases in alternation: phase k on every peer, the first peer alternating.
    const phases = live.map((p) => serverPhases(p.target, p.daemon, w, plan, (line) => log(`${p.name}: ${line}`)));
    for (let k = 0; k < phases[0].length; k++) {
      const order = k % 2 === 0 ? live.map((_, i) => i) : live.map((_, i) => live.length - 1 - i);
      for (const i of order) {
        try {
          await phases[i][k](live[i].figures);
        } catch (err) {
          // one peer failing a phase (a timeout on an overloaded machine) must not lose the other figures
          const message = (err as Error).message.split('\n')[0];
          (collected.failures[live[i].name] ??= []).push(message);
          log(`${live[i].name}: phase ${k + 1} failed: ${message}`);
        }
      }
    }
    collected.servers = Object.fromEntries(live.map((p) => [p.name, p.figures]));

    // Agents: both against Bunraku's server (the faster one, so server noise stays small).
    if (agentKinds.length > 0) collected.agents = await agentRuns(root, agentKinds, live[0].target.port, dirs.ssldir, launch, plan);
  } finally {
    for (const d of started.reverse()) await d.stop();
    if (plan.keep) log(`kept ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }

  const rows = buildRows(collected);
  process.stdout.write(`\n${textTable(rows)}\n\n`);
  machine.loadAverageAtEnd = loadavg().map((x) => Math.round(x * 100) / 100);
  if (plan.outDir) writeResults(plan.outDir, rows, machine, collected, skipped);
  return 0;
}

async function waitStatus(port: number, daemon: Daemon, t0: number, timeoutMs: number): Promise<void> {
  const { request } = await import('node:https');
  const ask = () => new Promise<string | undefined>((resolve) => {
    const r = request({ host: '127.0.0.1', port, path: '/status/v1/simple', rejectUnauthorized: false, timeout: 5000 }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => { body += d; });
      res.on('end', () => resolve(body.trim()));
    });
    r.on('error', () => resolve(undefined));
    r.on('timeout', () => r.destroy());
    r.end();
  });
  while (performance.now() - t0 < timeoutMs) {
    if (daemon.child.exitCode !== null) throw new Error(`bunraku server exited (${daemon.child.exitCode}):\n${daemon.output().slice(-3000)}`);
    if ((await ask()) === 'running') return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`bunraku server was not running after ${timeoutMs} ms:\n${daemon.output().slice(-3000)}`);
}

/** First run (empty ssldir, autosigned CSR) of each agent, then steady-state runs in alternation. */
async function agentRuns(root: string, kinds: AgentKind[], port: number, caSsldir: string, launch: BunrakuLaunch, plan: Plan): Promise<Collected['agents']> {
  const out: Collected['agents'] = {};
  const note = (kind: AgentKind, what: string, r: AgentRun) => log(`${kind} agent ${what}: ${r.ok ? 'ok' : 'FAILED'} ${(r.wallMs / 1000).toFixed(2)} s, peak ${(r.peakBytes / 2 ** 20).toFixed(0)} MB${r.summary ? ` (${r.summary})` : ''}${r.reason ? ` — ${r.reason}` : ''}`);
  for (const kind of kinds) {
    const first = await runAgent(agentTree(root, kind, `first-${kind}`), port, launch, plan.agentTimeoutMs);
    note(kind, 'first run', first);
    out[kind] = { first, steady: [] };
  }
  const trees = Object.fromEntries(kinds.map((kind) => {
    const tree = agentTree(root, kind, CERTNAME);
    seedCertificate(tree, caSsldir);
    return [kind, tree];
  }));
  if (!plan.quick) for (const kind of kinds) note(kind, 'warm-up run', await runAgent(trees[kind], port, launch, plan.agentTimeoutMs));
  for (let i = 0; i < plan.agentSteadyRuns; i++) {
    for (const kind of i % 2 === 0 ? kinds : [...kinds].reverse()) {
      const r = await runAgent(trees[kind], port, launch, plan.agentTimeoutMs);
      note(kind, `steady run ${i + 1}`, r);
      out[kind]!.steady.push(r);
    }
  }
  return out;
}

function writeResults(dir: string, rows: ReturnType<typeof buildRows>, machine: Machine, collected: Collected, skipped: string[]): void {
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:]/g, '').replace(/\..*/, 'Z');
  const name = `${stamp}-${collected.plan.mode}`;
  const md = [
    `# Bunraku vs puppetserver 7 / puppet agent 7 — ${collected.plan.mode} run ${stamp}`, '',
    machineMarkdown(machine), '', markdownTable(rows), '',
    ...skipped.map((s) => `- ${s}`),
  ].join('\n');
  writeFileSync(join(dir, `${name}.md`), `${md}\n`);
  // The output directory is this machine's path: results keep it relative to the repository.
  const plan = { ...collected.plan, outDir: collected.plan.outDir ? relative(repoRoot, collected.plan.outDir) || '.' : undefined };
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify({ machine, plan, rows, raw: { ...collected, plan: undefined }, skipped }, null, 2)}\n`);
  log(`results written to ${join(dir, name)}.{md,json}`);
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (err: Error) => {
  process.stderr.write(`[bench] failed: ${err.stack ?? err.message}\n`);
  process.exitCode = 1;
});
