// `bunraku server`: resolves the server settings, creates what a first start
// needs (CA, server cert, sample environment), serves HTTPS on
// bindaddress:serverport until SIGTERM/SIGINT, then closes gracefully;
// SIGHUP reloads auth.conf.
import { resolveSettings, SettingsError } from '../settings/index.js';
import { startServer } from '../server/startup.js';
import { loadAuthorizer } from '../server/authorizer.js';
import { openAccessLog } from '../server/access-log.js';
import type { ServerLog, ServerLogLevel } from '../server/server.js';

const USAGE = `Usage: bunraku server [--confdir DIR] [--vardir DIR] [--serverport PORT] [--bindaddress ADDR]
                      [--certname NAME] [--dns_alt_names a,b] [--autosign true|false|FILE]
                      [--access-log-stdout] [--debug] [--verbose]

Runs the Puppet-compatible server and certificate authority. On first start it
creates the CA ($ssldir/ca), the server certificate (for $certname, alt names
$dns_alt_names or "puppet") and a sample environment "production". Agents must
connect by a name in the server certificate: use --dns_alt_names to add the
name they use (e.g. --dns_alt_names localhost,puppet.example.com) before the
first start, or set certname to it.
Any Puppet setting can be given as --name value or in $confdir/puppet.conf.
Server knobs: server_idle_timeout (keep-alive idle close, default 30s; keep it
above the agents' http_keepalive_timeout of 4s), max_request_body_size (413
above it, default 100 MiB), access_log (default $logdir/access.log; add
--access-log-stdout to also print it), rest_authconfig (auth.conf; puppetserver's
default rules when the file does not exist; SIGHUP reloads it).
`;

const LEVELS: readonly ServerLogLevel[] = ['debug', 'info', 'notice', 'warning', 'err'];

function consoleLog(min: ServerLogLevel): ServerLog {
  const threshold = LEVELS.indexOf(min);
  return (level, message) => {
    if (LEVELS.indexOf(level) < threshold) return;
    process.stderr.write(`${new Date().toISOString()} ${level.padEnd(7)} ${message}\n`);
  };
}

async function version(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  for (const rel of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(await readFile(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'bunraku' && pkg.version) return pkg.version;
    } catch {
      // the layout differs between src/ and dist/src/
    }
  }
  return 'unknown';
}

export async function run(argv: string[]): Promise<number> {
  let resolved;
  try {
    resolved = resolveSettings({
      runMode: 'server',
      argv,
      options: {
        help: { type: 'boolean', short: 'h' },
        debug: { type: 'boolean', short: 'd' },
        verbose: { type: 'boolean', short: 'v' },
        'access-log-stdout': { type: 'boolean' },
      },
    });
  } catch (err) {
    if (err instanceof SettingsError) {
      process.stderr.write(`Error: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
  if (resolved.options.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const { settings } = resolved;
  const log = consoleLog(resolved.options.debug ? 'debug' : resolved.options.verbose ? 'info' : 'notice');
  const accessLog = openAccessLog({
    file: String(settings['access_log']),
    stream: resolved.options['access-log-stdout'] ? process.stdout : undefined,
  });
  let started;
  try {
    const auth = await loadAuthorizer(String(settings['rest_authconfig']), log);
    started = await startServer({ settings, authorize: auth.authorize, forbidden: auth.forbidden, log, accessLog: accessLog.log, version: await version() });
  } catch (err) {
    log('err', `Cannot start the server: ${(err as Error).message}`);
    await accessLog.close();
    return 1;
  }
  log('notice', `Started in ${Math.round(started.startupMs)} ms; access log: ${String(settings['access_log'])}`);

  // SIGHUP re-reads auth.conf (a broken file keeps the rules in force); the CRL
  // is re-read on its own when it changes.
  const onHup = () => {
    loadAuthorizer(String(settings['rest_authconfig']), log).then(
      (gate) => {
        started.server.setAuthorization(gate.authorize, gate.forbidden);
        log('notice', `Caught SIGHUP; reloaded the authorization rules from ${gate.source}`);
      },
      (err: Error) => log('err', `Caught SIGHUP; keeping the current authorization rules: ${err.message}`),
    );
  };
  process.on('SIGHUP', onHup);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGTERM', onTerm);
      process.off('SIGINT', onInt);
      process.off('SIGHUP', onHup);
      log('notice', `Caught ${signal}; finishing open requests and stopping`);
      resolve();
    };
    const onTerm = () => stop('SIGTERM');
    const onInt = () => stop('SIGINT');
    process.on('SIGTERM', onTerm);
    process.on('SIGINT', onInt);
  });
  await started.server.close();
  await accessLog.close();
  log('notice', 'Stopped');
  return 0;
}
