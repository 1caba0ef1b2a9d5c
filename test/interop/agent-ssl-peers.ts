// Peers for the agent SSL interop tests: `bunraku server` from the sources and
// a real puppetserver 7.9.5 on loopback with a throwaway confdir, plus helpers
// to run `bunraku agent`/`bunraku ca` and the real `puppetserver ca`. Every
// process started here is stopped by its PID; every wait is bounded.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { request } from 'node:https';
import { existsSync, mkdirSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';

export const repoRoot = new URL('../../', import.meta.url).pathname;
const bunrakuBin = join(repoRoot, 'bin', 'bunraku.js');

export interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs a command to completion (killed after `timeoutMs`). */
export function exec(cmd: string, args: readonly string[], o: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {}): Promise<Result> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...o.env }, cwd: o.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d; });
    child.stderr.on('data', (d: Buffer) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs ?? 120_000);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Math.round(performance.now() - started) });
    });
  });
}

export function bunraku(args: readonly string[], timeoutMs = 120_000): Promise<Result> {
  return exec(process.execPath, [bunrakuBin, ...args], { env: { BUNRAKU_FROM_SOURCE: '1' }, cwd: repoRoot, timeoutMs });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** GET /status/v1/simple without verification; the body, or undefined when unreachable. */
function status(port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/status/v1/simple', rejectUnauthorized: false, timeout: 5000 }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => { body += d; });
      res.on('end', () => resolve(body.trim()));
    });
    req.on('error', () => resolve(undefined));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

async function waitRunning(port: number, child: ChildProcess, timeoutMs: number, log: () => string): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`The server exited (${child.exitCode ?? child.signalCode}) before it was running:\n${log()}`);
    if ((await status(port)) === 'running') return Math.round(performance.now() - started);
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`The server on port ${port} was not running after ${timeoutMs} ms:\n${log()}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const done = new Promise<void>((r) => child.once('exit', () => r()));
  process.kill(child.pid, 'SIGTERM');
  const timer = setTimeout(() => {
    if (child.exitCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
  }, 30_000);
  await done;
  clearTimeout(timer);
}

export interface Peer {
  readonly kind: 'bunraku' | 'puppetserver';
  readonly port: number;
  readonly startMs: number;
  /** The certname agents should not get autosigned; `autoName` is autosigned. */
  readonly autoName: string;
  /** Lists requests/certs: `name -> (SHA256) fingerprint`, from the peer's own CA tool. */
  list(): Promise<Map<string, string>>;
  sign(name: string): Promise<Result>;
  stop(): Promise<void>;
}

/** `bunraku server` from the sources; autosign only for `autoName` (an autosign.conf whitelist). */
export async function startBunrakuServer(dir: string): Promise<Peer> {
  const port = await freePort();
  const confdir = join(dir, 'conf');
  mkdirSync(confdir, { recursive: true });
  const autoName = 'auto.example.test';
  writeFileSync(join(confdir, 'autosign.conf'), `${autoName}\n`);
  const common = ['--confdir', confdir, '--vardir', join(dir, 'var'), '--ssldir', join(dir, 'ssl'), '--codedir', join(dir, 'code'), '--logdir', join(dir, 'log')];
  let output = '';
  const child = spawn(process.execPath, [
    bunrakuBin, 'server', ...common, '--serverport', String(port), '--bindaddress', '127.0.0.1',
    '--certname', 'puppet', '--dns_alt_names', 'localhost,puppet', '--autosign', join(confdir, 'autosign.conf'), '--keylength', '2048',
  ], { env: { ...process.env, BUNRAKU_FROM_SOURCE: '1' }, cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d: Buffer) => { output += d; });
  child.stderr!.on('data', (d: Buffer) => { output += d; });
  let startMs: number;
  try {
    startMs = await waitRunning(port, child, 180_000, () => output);
  } catch (err) {
    await stopChild(child);
    throw err;
  }
  return {
    kind: 'bunraku', port, startMs, autoName,
    async list() {
      const r = await bunraku(['ca', 'list', '--all', ...common]);
      return parseCaList(r.stdout);
    },
    sign: (name) => bunraku(['ca', 'sign', '--certname', name, ...common]),
    stop: () => stopChild(child),
  };
}

/** `name (SHA256) AB:...` lines of `puppetserver ca list` / `bunraku ca list`. */
export function parseCaList(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(/^\s+(\S+)\s+\(SHA256\)\s+([0-9A-F:]{95})/gm)) out.set(m[1], `(SHA256) ${m[2]}`);
  return out;
}

/**
 * A real puppetserver 7.9.5 with its own conf.d, confdir, codedir and vardir
 * under `dir`, on 127.0.0.1:<free port>, 512 MB heap, autosign only for
 * `autoName`. Fails (throws) when puppetserver is not installed.
 */
export async function startPuppetserver(dir: string): Promise<Peer> {
  const jar = '/usr/share/puppetserver/puppetserver.jar';
  const etc = '/etc/puppet/puppetserver';
  if (!existsSync(jar)) throw new Error(`puppetserver is not installed (${jar} is missing)`);
  const port = await freePort();
  const confd = join(dir, 'conf.d');
  const confdir = join(dir, 'puppet');
  const autoName = 'auto.example.test';
  for (const d of [confd, confdir, join(dir, 'code', 'environments', 'production', 'manifests'), join(dir, 'var'), join(dir, 'run'), join(dir, 'log')]) mkdirSync(d, { recursive: true });
  for (const f of ['auth.conf', 'metrics.conf', 'web-routes.conf', 'ca.conf']) copyFileSync(join(etc, 'conf.d', f), join(confd, f));
  writeFileSync(join(confd, 'puppetserver.conf'), `jruby-puppet: {
    ruby-load-path: [/usr/lib/puppetserver/ruby/vendor_ruby]
    gem-home: /var/lib/puppetserver/jruby-gems
    gem-path: [\${jruby-puppet.gem-home}, "/usr/lib/puppetserver/vendored-jruby-gems"]
    server-conf-dir: ${confdir}
    server-code-dir: ${join(dir, 'code')}
    server-var-dir: ${join(dir, 'var')}
    server-run-dir: ${join(dir, 'run')}
    server-log-dir: ${join(dir, 'log')}
    max-active-instances: 1
}
http-client: {}
profiler: {}
`);
  writeFileSync(join(confd, 'webserver.conf'), `webserver: {\n    client-auth: want\n    ssl-host: 127.0.0.1\n    ssl-port: ${port}\n}\n`);
  writeFileSync(join(dir, 'logback.xml'), `<configuration>
  <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender"><encoder><pattern>%d %-5p [%c{2}] %m%n</pattern></encoder></appender>
  <root level="warn"><appender-ref ref="STDOUT"/></root>
</configuration>
`);
  writeFileSync(join(confd, 'global.conf'), `global: { logging-config: ${join(dir, 'logback.xml')} }\n`);
  const puppetConf = join(confdir, 'puppet.conf');
  writeFileSync(puppetConf, `[main]
certname = puppet
dns_alt_names = localhost,puppet
ssldir = ${join(confdir, 'ssl')}
server = localhost
serverport = ${port}
# only this server's code: Debian's default also serves /usr/share/puppet/modules
basemodulepath = ${join(dir, 'code', 'modules')}
[server]
autosign = ${join(confdir, 'autosign.conf')}
cadir = ${join(confdir, 'ssl', 'ca')}
`);
  writeFileSync(join(confdir, 'autosign.conf'), `${autoName}\n`);
  writeFileSync(join(dir, 'code', 'environments', 'production', 'manifests', 'site.pp'), "node default { notify { 'hello': } }\n");
  let output = '';
  const child = spawn('java', [
    '-Xms512m', '-Xmx512m', '-Djruby.lib=/usr/share/jruby/lib', '-XX:+CrashOnOutOfMemoryError',
    '-jar', jar, '--config', confd, '--bootstrap-config', join(etc, 'services.d'),
  ], { cwd: '/usr/share/puppetserver', stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d: Buffer) => { output += d; });
  child.stderr!.on('data', (d: Buffer) => { output += d; });
  let startMs: number;
  try {
    startMs = await waitRunning(port, child, 900_000, () => output);
  } catch (err) {
    await stopChild(child);
    throw err;
  }
  const ca = (args: string[]) => exec('puppetserver', ['ca', ...args, '--config', puppetConf], { timeoutMs: 180_000 });
  return {
    kind: 'puppetserver', port, startMs, autoName,
    async list() {
      return parseCaList((await ca(['list', '--all'])).stdout);
    },
    sign: (name) => ca(['sign', '--certname', name]),
    stop: () => stopChild(child),
  };
}

export interface ScenarioTiming {
  label: string;
  ms: number;
}

/** Arguments of `bunraku agent` for one agent tree under `dir` talking to `peer`. */
export function agentArgs(dir: string, certname: string, peer: Peer, extra: readonly string[] = []): string[] {
  const base = join(dir, certname);
  return [
    '--confdir', join(base, 'conf'), '--vardir', join(base, 'var'), '--ssldir', join(base, 'ssl'),
    '--server', 'localhost', '--serverport', String(peer.port), '--certname', certname, ...extra,
  ];
}
