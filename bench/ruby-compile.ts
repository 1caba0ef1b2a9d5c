// What the embedded Ruby costs `bunraku server`: a template-heavy catalog
// (ERB templates, a module's Ruby function, Hiera data) compiled cold (the
// first compile, which starts Ruby) and warm (median and p95), and the
// server's resident memory before Ruby started, after the first warm compile
// and after the last (a difference between these two is a leak).
//   node --import tsx bench/ruby-compile.ts [--files N] [--rounds N] [--smoke]
// Starts `bunraku server` on 127.0.0.1 (a free port) in a temporary
// directory, stops it by its PID, writes bench/results/<time>-ruby.{json,md}
// (not with --smoke). Every loop is bounded in count and time.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { catalogFormBody } from '../src/agent/http/compiler-service.js';
import { bunrakuDirs, identityFrom, startBunraku, type BunrakuLaunch } from './lib/peers.js';
import { catalogRequest, keepAliveAgent, sendOk, bodyText, type Target } from './lib/http-load.js';
import { memoryOf, run, type Daemon } from './lib/proc.js';
import { summarize } from './lib/stats.js';
import { launcherNodeFlags } from './lib/launcher-flags.js';
import { untilFirst } from './lib/server-bench.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const flag = (name: string, dflt: number) => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : dflt;
};
const smoke = argv.includes('--smoke');
const FILES = flag('--files', smoke ? 5 : 300);
const ROUNDS = flag('--rounds', smoke ? 3 : 50);
const CERTNAME = 'bench-agent';
const mb = (bytes: number | undefined) => (bytes === undefined ? NaN : Math.round(bytes / 1e5) / 10);
const log = (m: string) => process.stderr.write(`[bench:ruby] ${m}\n`);

/** The `erb` environment: FILES files rendered from ERB with loops and scope calls, a Ruby function, Hiera data. */
function writeCode(codedir: string): void {
  const files: Record<string, string> = {
    'environments/production/manifests/site.pp': "notify { 'no Ruby here': }\n",
    'environments/erb/manifests/site.pp': 'include tpl\n',
    'environments/erb/hiera.yaml': '---\nversion: 5\nhierarchy:\n  - name: Common\n    path: common.yaml\n',
    'environments/erb/data/common.yaml': `tpl::count: ${FILES}\ntpl::settings:\n${Array.from({ length: 20 }, (_, i) => `  key${i}: value-${i}`).join('\n')}\n`,
    'environments/erb/modules/tpl/manifests/init.pp': [
      'class tpl (Integer $count, Hash $settings) {',
      '  $count.each |$i| {',
      "    file { \"/etc/tpl/conf-${i}\": ensure => file, content => template('tpl/conf.erb') }",
      '  }',
      "  notify { 'slug': message => tpl::slug($facts['networking']['fqdn']) }",
      '}',
    ].join('\n'),
    'environments/erb/modules/tpl/templates/conf.erb': [
      '# <%= @i %> on <%= @facts["networking"]["fqdn"] %> (<%= scope["os"]["family"] %>)',
      '<% @settings.sort.each do |k, v| -%>',
      '<%= k %> = <%= v.upcase %>',
      '<% end -%>',
      '<% if @i.to_i.even? -%>even = <%= scope.function_md5([@i.to_s]) %><% else -%>odd<% end %>',
      '',
    ].join('\n'),
    'environments/erb/modules/tpl/lib/puppet/functions/tpl/slug.rb': [
      "Puppet::Functions.create_function(:'tpl::slug') do",
      "  dispatch :slug do\n    param 'String', :text\n  end",
      "  def slug(text)\n    text.downcase.gsub(/[^a-z0-9]+/, '-')\n  end",
      'end',
    ].join('\n'),
  };
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(codedir, rel)), { recursive: true });
    writeFileSync(join(codedir, rel), text);
  }
}

async function main(): Promise<number> {
  const root = mkdtempSync(join(tmpdir(), 'bunraku-bench-ruby-'));
  const codedir = join(root, 'code');
  writeCode(codedir);
  // node with the flags of bin/bunraku.js's #! line, as `bunraku server` runs
  const launch: BunrakuLaunch = { node: process.execPath, cliArgs: [...launcherNodeFlags(repoRoot), join(repoRoot, 'bin', 'bunraku.js')], env: {}, repoRoot };
  const { createServer } = await import('node:net');
  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
  let daemon: Daemon | undefined;
  try {
    const t0 = performance.now();
    daemon = startBunraku(launch, root, codedir, port);
    const dirs = bunrakuDirs(root, codedir);
    // the first start creates the CA; then the client's certificate
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      try {
        readFileSync(join(dirs.ssldir, 'certs', 'ca.pem'));
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const gen = await run(launch.node, [...launch.cliArgs, 'ca', 'generate', '--certname', CERTNAME, '--confdir', dirs.confdir], { env: launch.env, cwd: repoRoot, timeoutMs: 180_000 });
    if (gen.code !== 0) throw new Error(`bunraku ca generate failed: ${gen.stderr || gen.stdout}`);
    const target: Target = { port, identity: identityFrom(dirs.ssldir, CERTNAME) };
    const facts = JSON.parse(readFileSync(join(repoRoot, 'bench', 'fixtures', 'facts.json'), 'utf8')) as { values: Record<string, unknown> };
    const now = Date.now();
    const request = (environment: string) => catalogRequest(CERTNAME, environment, catalogFormBody({
      facts: { name: CERTNAME, values: facts.values, timestamp: new Date(now).toISOString(), expiration: new Date(now + 1_800_000).toISOString() },
      environment, configuredEnvironment: environment, checkEnvironment: true, transactionUuid: randomUUID(), jobUuid: '', staticCatalog: true,
    }));

    // the sample environment needs no Ruby: the server's memory without it
    await untilFirst(target, request('production'), daemon, t0, 120_000, 50);
    const agent = keepAliveAgent(1);
    for (let i = 0; i < 5; i++) await sendOk(target, request('production'), agent);
    const rssWithoutRuby = memoryOf(daemon.pid)?.rss;

    // cold: the first template compile starts Ruby (in the background; the request waits)
    const coldStart = performance.now();
    const first = await sendOk(target, request('erb'), agent);
    const coldMs = performance.now() - coldStart;
    const resources = (JSON.parse(bodyText(first)) as { resources: unknown[] }).resources.length;
    const warm: number[] = [];
    const warmDeadline = performance.now() + 300_000;
    // RSS after the first warm compile too: growth over the rounds is a leak
    // (the embedded Ruby once leaked every template's code into its memory).
    let rssAfterFirstWarm: number | undefined;
    for (let i = 0; i < ROUNDS && performance.now() < warmDeadline; i++) {
      const t = performance.now();
      await sendOk(target, request('erb'), agent);
      warm.push(performance.now() - t);
      if (i === 0) rssAfterFirstWarm = memoryOf(daemon.pid)?.rss;
    }
    agent.destroy();
    const mem = memoryOf(daemon.pid);
    const w = summarize(warm);
    const result = {
      when: new Date().toISOString(),
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryMb: Math.round(totalmem() / 1e6), node: process.version },
      templates: FILES, resources, rounds: warm.length,
      coldCompileMs: Math.round(coldMs),
      warm: { medianMs: Math.round(w.median * 10) / 10, p95Ms: Math.round(w.p95 * 10) / 10 },
      rssMb: { withoutRuby: mb(rssWithoutRuby), afterFirstWarm: mb(rssAfterFirstWarm), withRuby: mb(mem?.rss), peak: mb(mem?.hwm) },
    };
    const table = [
      `| template-heavy catalog (${FILES} ERB files, a Ruby function, Hiera; ${resources} resources) | Bunraku |`,
      '|---|---:|',
      `| cold compile, Ruby not yet started (ms) | ${result.coldCompileMs} |`,
      `| warm compile, median of ${warm.length} (ms) | ${result.warm.medianMs} |`,
      `| warm compile, p95 (ms) | ${result.warm.p95Ms} |`,
      `| server RSS before Ruby (MB) | ${result.rssMb.withoutRuby} |`,
      `| server RSS after the first warm compile (MB) | ${result.rssMb.afterFirstWarm} |`,
      `| server RSS with Ruby started, after the last warm compile (MB) | ${result.rssMb.withRuby} |`,
      `| server peak RSS (MB) | ${result.rssMb.peak} |`,
    ].join('\n');
    process.stdout.write(`${table}\n`);
    if (!smoke) {
      const stamp = result.when.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
      const out = join(repoRoot, 'bench', 'results');
      mkdirSync(out, { recursive: true });
      writeFileSync(join(out, `${stamp}-ruby.json`), `${JSON.stringify(result, null, 2)}\n`);
      writeFileSync(join(out, `${stamp}-ruby.md`), `# Embedded Ruby in bunraku server, ${result.when}\n\nMachine: ${result.machine.cpus} CPUs (${result.machine.cpuModel}), ${result.machine.memoryMb} MB, Node ${result.machine.node}.\n\n${table}\n`);
      log(`results written to bench/results/${stamp}-ruby.{json,md}`);
    }
    return 0;
  } finally {
    await daemon?.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

main().then((code) => { process.exitCode = code; }, (err: unknown) => {
  process.stderr.write(`[bench:ruby] failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
});
