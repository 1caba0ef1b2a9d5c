// The two servers under test, each in its own directory under the run's root:
// `bunraku server` and a real puppetserver 7.9.5 (java started directly with
// a throwaway conf.d, confdir, vardir and cadir: the system's
// /etc/puppet/puppetserver/ca is never read or written). Both serve the same
// codedir and share one CA: puppetserver gets a copy of Bunraku's ssldir
// (same puppetserver layout), so one agent certificate works against both.
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDaemon, type Daemon } from './proc.js';
import type { Identity } from './http-load.js';

export type PeerName = 'bunraku' | 'puppetserver';

export const PUPPETSERVER_JAR = '/usr/share/puppetserver/puppetserver.jar';
export const PUPPETSERVER_ETC = '/etc/puppet/puppetserver';

export interface BunrakuLaunch {
  /** Command and leading arguments that run the CLI (`node bin/bunraku.js` or the private build). */
  node: string;
  cliArgs: readonly string[];
  env: NodeJS.ProcessEnv;
  repoRoot: string;
  keylength?: number;
}

export interface ServerDirs {
  root: string;
  codedir: string;
  ssldir: string;
}

export function bunrakuDirs(root: string, codedir: string): ServerDirs & { confdir: string; vardir: string; logdir: string } {
  const base = join(root, 'bunraku-server');
  return { root: base, codedir, confdir: join(base, 'etc'), vardir: join(base, 'var'), logdir: join(base, 'log'), ssldir: join(base, 'etc', 'ssl') };
}

/** Settings both servers share so that they serve exactly the same modules. */
function basemodulepath(codedir: string): string {
  return join(codedir, 'modules');
}

export function startBunraku(launch: BunrakuLaunch, root: string, codedir: string, port: number): Daemon {
  const d = bunrakuDirs(root, codedir);
  const args = [
    ...launch.cliArgs, 'server', '--confdir', d.confdir, '--vardir', d.vardir, '--logdir', d.logdir, '--codedir', codedir,
    '--serverport', String(port), '--bindaddress', '127.0.0.1', '--autosign', 'true', '--dns_alt_names', 'localhost',
    '--certname', 'puppet', '--basemodulepath', basemodulepath(codedir),
    ...(launch.keylength ? ['--keylength', String(launch.keylength)] : []),
  ];
  return startDaemon(launch.node, args, { env: launch.env, cwd: launch.repoRoot });
}

/** The client identity of `certname` from an ssldir in puppet's layout. */
export function identityFrom(ssldir: string, certname: string): Identity {
  return {
    ca: readFileSync(join(ssldir, 'certs', 'ca.pem'), 'utf8'),
    cert: readFileSync(join(ssldir, 'certs', `${certname}.pem`), 'utf8'),
    key: readFileSync(join(ssldir, 'private_keys', `${certname}.pem`), 'utf8'),
  };
}

export function puppetserverMissing(): string | undefined {
  if (!existsSync(PUPPETSERVER_JAR)) return `puppetserver is not installed (${PUPPETSERVER_JAR} is missing; Debian package "puppetserver")`;
  if (!existsSync(join(PUPPETSERVER_ETC, 'services.d'))) return `puppetserver's bootstrap config ${join(PUPPETSERVER_ETC, 'services.d')} is missing`;
  return undefined;
}

export interface PuppetserverSetup extends ServerDirs {
  confd: string;
  confdir: string;
}

/**
 * Writes puppetserver's own configuration under `root`/puppetserver, with
 * Bunraku's ssldir copied in (CA included) and the server listening on
 * 127.0.0.1:`port`.
 */
export function preparePuppetserver(root: string, codedir: string, bunrakuSsldir: string, port: number): PuppetserverSetup {
  const base = join(root, 'puppetserver');
  const confd = join(base, 'conf.d');
  const confdir = join(base, 'puppet');
  const ssldir = join(confdir, 'ssl');
  for (const d of [confd, confdir, join(base, 'var'), join(base, 'run'), join(base, 'log')]) mkdirSync(d, { recursive: true });
  for (const f of ['auth.conf', 'metrics.conf', 'web-routes.conf', 'ca.conf']) copyFileSync(join(PUPPETSERVER_ETC, 'conf.d', f), join(confd, f));
  cpSync(bunrakuSsldir, ssldir, { recursive: true });
  writeFileSync(join(confd, 'puppetserver.conf'), `jruby-puppet: {
    ruby-load-path: [/usr/lib/puppetserver/ruby/vendor_ruby]
    gem-home: /var/lib/puppetserver/jruby-gems
    gem-path: [\${jruby-puppet.gem-home}, "/usr/lib/puppetserver/vendored-jruby-gems"]
    server-conf-dir: ${confdir}
    server-code-dir: ${codedir}
    server-var-dir: ${join(base, 'var')}
    server-run-dir: ${join(base, 'run')}
    server-log-dir: ${join(base, 'log')}
}
http-client: {}
profiler: {}
`);
  writeFileSync(join(confd, 'webserver.conf'), `webserver: {\n    client-auth: want\n    ssl-host: 127.0.0.1\n    ssl-port: ${port}\n}\n`);
  writeFileSync(join(base, 'logback.xml'), `<configuration>
  <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender"><encoder><pattern>%d %-5p [%c{2}] %m%n</pattern></encoder></appender>
  <root level="warn"><appender-ref ref="STDOUT"/></root>
</configuration>
`);
  writeFileSync(join(confd, 'global.conf'), `global: { logging-config: ${join(base, 'logback.xml')} }\n`);
  writeFileSync(join(confdir, 'puppet.conf'), `[main]
certname = puppet
dns_alt_names = localhost,puppet
ssldir = ${ssldir}
codedir = ${codedir}
[server]
autosign = true
cadir = ${join(ssldir, 'ca')}
basemodulepath = ${basemodulepath(codedir)}
`);
  return { root: base, codedir, ssldir, confd, confdir };
}

/** The JVM as the package's `foreground` starts it, with the heap the benchmark states. */
export function startPuppetserver(setup: PuppetserverSetup, heap: { xms: string; xmx: string }): Daemon {
  return startDaemon('java', [
    `-Xms${heap.xms}`, `-Xmx${heap.xmx}`, '-Djruby.lib=/usr/share/jruby/lib', '-XX:+CrashOnOutOfMemoryError',
    '-jar', PUPPETSERVER_JAR, '--config', setup.confd, '--bootstrap-config', join(PUPPETSERVER_ETC, 'services.d'),
  ], { cwd: '/usr/share/puppetserver' });
}
