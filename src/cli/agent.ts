// `bunraku agent`: argv -> settings -> one agent run (-t/--onetime), the
// daemon (runs every runinterval), `--enable`/`--disable`, or `--fingerprint`.
// Options, messages and exit codes follow `puppet agent` 7.23; log lines print
// as Puppet prints them on a console (`Info: ...`, errors on stderr).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { resolveSettings, SettingsError, type OptionSpec, type Settings } from '../settings/index.js';
import { runAgent } from '../agent/run.js';
import { AgentDisabler, DEFAULT_DISABLE_REASON } from '../agent/disabler.js';
import { daemonizeProcess, runDaemon } from './agent-daemon.js';
import type { AgentLog, LogLevel } from '../agent/http/log.js';
import { puppetDigest } from '../agent/ssl/x509-objects.js';
import { pemBlocks } from '../x509/pem.js';

const USAGE = `Usage: bunraku agent [-t|--test] [-o|--onetime] [--no-daemonize] [-w|--waitforcert SECONDS]
                     [--disable [MESSAGE]] [--enable] [--detailed-exitcodes] [--noop]
                     [--fingerprint [--digest SHA256]] [-d|--debug] [-v|--verbose]
                     [--certname NAME] [--server HOST] [--serverport PORT] [--server_list H:P,...]
                     [--confdir DIR] [--vardir DIR] [--ssldir DIR] [--<setting> VALUE ...]

Runs the agent against a Puppet-compatible server: the certificate (a key and
a request if needed), pluginsync, facts, the catalog, applying it, the report.
With -t or --onetime it runs once; otherwise it runs every runinterval (SIGUSR1
runs now, SIGHUP restarts, SIGTERM stops after the run in progress). As with
puppet agent, it goes to the background unless -t or --no-daemonize is given
(--onetime alone runs once in the background); its output then goes to
$logdir/bunraku-agent.log. --disable/--enable switch runs off and on.
Reports that cannot be sent are kept in $statedir/pending_reports and sent
after a later run. --fingerprint prints the fingerprint of this host's
certificate or pending request, as \`puppet agent --fingerprint\`.
`;

const OPTIONS: Record<string, OptionSpec> = {
  // As Puppet's setup_test: no cache on failure, no splay, diffs shown.
  test: { type: 'boolean', short: 't', implies: { usecacheonfailure: 'false', splay: 'false', show_diff: 'true' } },
  enable: { type: 'boolean' },
  disable: { type: 'boolean' },
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
// Puppet::Util::Colors as the console destination uses them (cyan, green, reset, hyellow, hred).
const COLOR: Record<LogLevel, string> = { debug: '\x1b[0;36m', info: '\x1b[0;32m', notice: '\x1b[m', warning: '\x1b[1;33m', err: '\x1b[1;31m' };
const RESET = '\x1b[0m';

/** The `color` setting says ANSI colours (Puppet's default); Bunraku uses them on a terminal only. */
export function wantsColor(setting: unknown, isTty: boolean): boolean {
  return isTty && (setting === true || setting === 'true' || setting === 'ansi' || setting === 'yes');
}

/** Puppet's console log destination: warnings and errors go to stderr, the rest to stdout. */
export class ConsoleLog implements AgentLog {
  constructor(
    private readonly min: LogLevel,
    private readonly out: (t: string) => unknown = (t) => process.stdout.write(t),
    private readonly errOut: (t: string) => unknown = (t) => process.stderr.write(t),
    private readonly color = false,
  ) {}
  #write(level: LogLevel, message: string): void {
    if (RANK[level] < RANK[this.min]) return;
    let text = `${LABEL[level]}: ${message}`;
    if (this.color) text = `${COLOR[level]}${text.replaceAll(RESET, COLOR[level])}${RESET}`;
    (level === 'err' || level === 'warning' ? this.errOut : this.out)(`${text}\n`);
  }
  debug(m: string): void { this.#write('debug', m); }
  info(m: string): void { this.#write('info', m); }
  notice(m: string): void { this.#write('notice', m); }
  warning(m: string): void { this.#write('warning', m); }
  err(m: string): void { this.#write('err', m); }
}

/** `--disable [MESSAGE]`: the optional message is the next argument unless it is an option. */
export function splitDisableMessage(argv: readonly string[]): { argv: string[]; message?: string } {
  const out: string[] = [];
  let message: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--disable=')) {
      out.push('--disable');
      message = a.slice('--disable='.length);
    } else if (a === '--disable' && i + 1 < argv.length && !argv[i + 1].startsWith('-')) {
      out.push(a);
      message = argv[++i];
    } else {
      out.push(a);
    }
  }
  return { argv: out, message };
}

export function resolveAgentSettings(argv: readonly string[]) {
  return resolveSettings({ runMode: 'agent', argv, options: OPTIONS });
}

export async function run(rawArgv: string[]): Promise<number> {
  const { argv, message: disableMessage } = splitDisableMessage(rawArgv);
  let resolved;
  try {
    resolved = resolveAgentSettings(argv);
  } catch (err) {
    if (err instanceof SettingsError) {
      process.stderr.write(`Error: ${err.message}\n${USAGE}`);
      return 1;
    }
    throw err;
  }
  const { settings, options, positionals, explicit } = resolved;
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
  // As Puppet: daemonize unless --no-daemonize; -t implies --no-daemonize.
  const daemonize = !test && options.daemonize !== false;
  let waitforcert: number | undefined;
  if (typeof options.waitforcert === 'string') {
    // Puppet: `arg.to_i`
    waitforcert = Number.parseInt(options.waitforcert, 10) || 0;
  }
  const configured = typeof settings.log_level === 'string' ? (settings.log_level as LogLevel) : 'notice';
  const level: LogLevel = options.debug ? 'debug' : options.verbose || test ? 'info' : RANK[configured] !== undefined ? configured : 'notice';
  const log = new ConsoleLog(level, undefined, undefined, wantsColor(settings.color, process.stdout.isTTY === true && process.stderr.isTTY === true));
  if (options.enable === true || options.disable === true) {
    // Puppet::Application::Agent#enable_disable_client: then exit 0.
    const disabler = new AgentDisabler(String(settings.agent_disabled_lockfile), log);
    if (options.enable === true) disabler.enable();
    else await disabler.disable(disableMessage ?? DEFAULT_DISABLE_REASON);
    return 0;
  }
  const environmentFromCli = argv.some((a) => a === '--environment' || a.startsWith('--environment='));
  // The detached copy runs with --no-daemonize (and --onetime when given).
  if (daemonize) return daemonizeProcess(settings, log);
  if (!onetime) return runDaemon({ argv, settings, explicit, log, waitforcert, environmentFromCli });
  const code = await runAgent({
    settings, onetime, daemonize, waitforcert, log, environmentFromCli, explicitSettings: explicit,
    stdout: (line) => process.stdout.write(`${line}\n`),
  });
  // Puppet's onetime: no completed run exits 1; -t implies --detailed-exitcodes
  // (0, 2 changes, 4 failures, 6 both); otherwise any completed run exits 0.
  if (code === 1) return 1;
  return test || options['detailed-exitcodes'] === true ? code : 0;
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
