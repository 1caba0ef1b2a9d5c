// `bunraku agent`: argv -> settings -> one agent run (or `--fingerprint`).
// Options and messages follow `puppet agent` 7.23; log lines print as Puppet
// prints them on a console (`Info: ...`, errors on stderr).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { resolveSettings, SettingsError, type OptionSpec, type Settings } from '../settings/index.js';
import { runAgent } from '../agent/run.js';
import type { AgentLog, LogLevel } from '../agent/http/log.js';
import { puppetDigest } from '../agent/ssl/x509-objects.js';
import { pemBlocks } from '../x509/pem.js';

const USAGE = `Usage: bunraku agent [-t|--test] [-o|--onetime] [--no-daemonize] [-w|--waitforcert SECONDS]
                     [--fingerprint [--digest SHA256]] [-d|--debug] [-v|--verbose]
                     [--certname NAME] [--server HOST] [--serverport PORT]
                     [--confdir DIR] [--vardir DIR] [--ssldir DIR] [--<setting> VALUE ...]

Runs the agent once against a Puppet-compatible server: obtains this host's
certificate (generating a key and submitting a request if needed), then the
node request, facts and catalog request (the catalog is cached in
$client_datadir); pluginsync, applying the catalog and the report are not
available yet. --fingerprint prints the fingerprint of
this host's certificate or pending request, as \`puppet agent --fingerprint\`.
`;

const OPTIONS: Record<string, OptionSpec> = {
  test: { type: 'boolean', short: 't' },
  onetime: { type: 'boolean', short: 'o' },
  daemonize: { type: 'boolean', short: 'D' },
  waitforcert: { type: 'string', short: 'w' },
  fingerprint: { type: 'boolean' },
  digest: { type: 'string' },
  debug: { type: 'boolean', short: 'd' },
  verbose: { type: 'boolean', short: 'v' },
  'detailed-exitcodes': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, notice: 2, warning: 3, err: 4 };
const LABEL: Record<LogLevel, string> = { debug: 'Debug', info: 'Info', notice: 'Notice', warning: 'Warning', err: 'Error' };

/** Puppet's console log destination: err goes to stderr, the rest to stdout. */
export class ConsoleLog implements AgentLog {
  constructor(private readonly min: LogLevel, private readonly out = (t: string) => process.stdout.write(t), private readonly errOut = (t: string) => process.stderr.write(t)) {}
  #write(level: LogLevel, message: string): void {
    if (RANK[level] < RANK[this.min]) return;
    (level === 'err' ? this.errOut : this.out)(`${LABEL[level]}: ${message}\n`);
  }
  debug(m: string): void { this.#write('debug', m); }
  info(m: string): void { this.#write('info', m); }
  notice(m: string): void { this.#write('notice', m); }
  warning(m: string): void { this.#write('warning', m); }
  err(m: string): void { this.#write('err', m); }
}

export async function run(argv: string[]): Promise<number> {
  let resolved;
  try {
    resolved = resolveSettings({ runMode: 'agent', argv, options: OPTIONS });
  } catch (err) {
    if (err instanceof SettingsError) {
      process.stderr.write(`Error: ${err.message}\n${USAGE}`);
      return 1;
    }
    throw err;
  }
  const { settings, options, positionals } = resolved;
  if (options.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (positionals.length > 0) {
    process.stderr.write('Error: The puppet agent command does not take parameters\n');
    return 1;
  }
  if (options.fingerprint) return fingerprint(settings, typeof options.digest === 'string' ? options.digest : 'SHA256');

  const test = options.test === true;
  const onetime = test || options.onetime === true;
  // Puppet daemonizes unless told not to; Bunraku runs in the foreground only.
  const daemonize = !onetime && options.daemonize !== false;
  let waitforcert: number | undefined;
  if (typeof options.waitforcert === 'string') {
    // Puppet: `arg.to_i`
    waitforcert = Number.parseInt(options.waitforcert, 10) || 0;
  }
  const configured = typeof settings.log_level === 'string' ? (settings.log_level as LogLevel) : 'notice';
  const level: LogLevel = options.debug ? 'debug' : options.verbose || test ? 'info' : RANK[configured] !== undefined ? configured : 'notice';
  const log = new ConsoleLog(level);
  if (daemonize) {
    log.err('Daemon mode is not available in Bunraku yet; use -t, --onetime or --no-daemonize');
    return 1;
  }
  const environmentFromCli = argv.some((a) => a === '--environment' || a.startsWith('--environment='));
  const code = await runAgent({
    settings, onetime, daemonize, waitforcert, log, environmentFromCli, stdout: (line) => process.stdout.write(`${line}\n`),
  });
  // As Puppet: -t implies --detailed-exitcodes (2 changes, 4 failures, 6 both);
  // otherwise a run with failures exits 1 and any other run 0.
  if (test || options['detailed-exitcodes'] === true) return code;
  return code === 1 || (code & 4) !== 0 ? 1 : 0;
}

/** `puppet agent --fingerprint`: the signed cert if present, else the pending CSR. */
async function fingerprint(settings: Settings, digest: string): Promise<number> {
  const name = settings.certname.toLowerCase();
  const sources: [string, string][] = [
    [typeof settings.hostcert === 'string' ? settings.hostcert : join(String(settings.certdir), `${name}.pem`), 'CERTIFICATE'],
    [join(String(settings.requestdir), `${name}.pem`), 'CERTIFICATE REQUEST'],
  ];
  for (const [path, label] of sources) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      process.stderr.write(`Error: Failed to generate fingerprint: ${(err as Error).message}\n`);
      return 1;
    }
    const block = pemBlocks(text, label)[0];
    if (!block) {
      process.stderr.write(`Error: Failed to generate fingerprint: ${path} holds no ${label}\n`);
      return 1;
    }
    try {
      process.stdout.write(`${puppetDigest(block.der, digest)}\n`);
    } catch (err) {
      process.stderr.write(`Error: Failed to generate fingerprint: ${(err as Error).message}\n`);
      return 1;
    }
    return 0;
  }
  process.stderr.write('Fingerprint asked but neither the certificate, nor the certificate request have been issued\n');
  return 1;
}
