// The agent from resolved settings: one run in Puppet 7's order (http-api.md
// §7) under the run controls of Agent (disable switch, splay, run lock): the
// SSL bootstrap, then the configurer (node request and environment switch,
// pluginsync, facts, the catalog, applying it, the report).
import type { Settings } from '../settings/index.js';
import type { FactMap } from './facts/index.js';
import { runConfigurer } from './configurer.js';
import { Agent, type RunOutcome } from './agent.js';
import { AgentDisabler } from './disabler.js';
import { HttpClient, PUPPET_VERSION } from './http/client.js';
import { NodeDispatcher } from './http/node-dispatcher.js';
import type { Dispatcher } from './http/types.js';
import type { AgentLog } from './http/log.js';
import { isAgentProcess, PidLock } from './ssl/lock.js';
import type { AgentSslSettings } from './ssl/settings.js';
import { createInsecureContext, type SslContext } from './ssl/ssl-context.js';
import { Session, sessionOptionsFromSettings } from './http/session.js';
import type { ServiceSite } from './http/service.js';
import { SslBootstrapError, SslExit, SslStateMachine } from './ssl/state-machine.js';

export interface AgentRunOptions {
  readonly settings: Settings;
  /** `--onetime` / `-t`: errors end the run instead of waiting. */
  readonly onetime: boolean;
  readonly daemonize: boolean;
  /**
   * `--waitforcert` given on the command line. Puppet ignores the setting in
   * onetime mode: there, without this flag, waitforcert is 0.
   */
  readonly waitforcert?: number;
  readonly log: AgentLog;
  /** `--environment` was given on the command line: no node request then. */
  readonly environmentFromCli?: boolean;
  /** Facts to send instead of collecting them (tests). */
  readonly facts?: FactMap;
  /** Where Puppet prints its plain messages (not log lines). */
  readonly stdout: (line: string) => void;
  /** The transport; the real one unless a test supplies a mock. */
  readonly dispatcher?: Dispatcher;
  /** Settings set in puppet.conf or on the command line. */
  readonly explicitSettings?: ReadonlySet<string>;
  /** Overrides the noop setting. */
  readonly noop?: boolean;
}

function num(value: unknown, name: string): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  throw new Error(`Setting "${name}" must be a number, got ${JSON.stringify(value)}`);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function nullableSeconds(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/** The SSL bootstrap's view of the resolved settings. */
export function agentSslSettings(s: Settings, o: { onetime: boolean; daemonize: boolean; waitforcert?: number }): AgentSslSettings {
  return {
    certname: s.certname,
    ca_server: String(s.ca_server),
    ca_port: num(s.ca_port, 'ca_port'),
    ssldir: s.ssldir,
    certdir: String(s.certdir),
    privatekeydir: String(s.privatekeydir),
    requestdir: String(s.requestdir),
    localcacert: String(s.localcacert),
    hostcrl: String(s.hostcrl),
    hostprivkey: optionalString(s.hostprivkey),
    hostcert: optionalString(s.hostcert),
    passfile: optionalString(s.passfile),
    ssl_lockfile: String(s.ssl_lockfile),
    certificate_revocation: s.certificate_revocation as AgentSslSettings['certificate_revocation'],
    crl_refresh_interval: nullableSeconds(s.crl_refresh_interval),
    ca_fingerprint: optionalString(s.ca_fingerprint) ?? null,
    key_type: s.key_type === 'ec' ? 'ec' : 'rsa',
    keylength: s.keylength,
    named_curve: optionalString(s.named_curve),
    dns_alt_names: s.dns_alt_names,
    csr_attributes: String(s.csr_attributes),
    waitforcert: o.waitforcert ?? (o.onetime ? 0 : s.waitforcert),
    maxwaitforcert: s.maxwaitforcert,
    waitforlock: num(s.waitforlock ?? 0, 'waitforlock'),
    maxwaitforlock: nullableSeconds(s.maxwaitforlock),
    onetime: o.onetime,
    daemonize: o.daemonize,
  };
}

/** The agent's HTTP client from the http_* settings. */
export function createHttpClient(s: Settings, log: AgentLog, dispatcher?: Dispatcher): HttpClient {
  const extra = Array.isArray(s.http_extra_headers)
    ? (s.http_extra_headers as readonly string[]).map((h) => {
      const i = h.indexOf(':');
      return [h.slice(0, i).trim(), h.slice(i + 1).trim()] as const;
    })
    : [];
  return new HttpClient({
    dispatcher: dispatcher ?? new NodeDispatcher({ keepaliveTimeoutMs: s.http_keepalive_timeout * 1000 }),
    connectTimeoutMs: num(s.http_connect_timeout, 'http_connect_timeout') * 1000,
    readTimeoutMs: num(s.http_read_timeout, 'http_read_timeout') * 1000,
    maxRetrySleepSeconds: num(s.runinterval ?? 1800, 'runinterval'),
    puppetVersion: PUPPET_VERSION,
    extraHeaders: extra,
    log,
  });
}

/**
 * Runs the SSL bootstrap to Done; a number is the exit code when it stopped
 * early. `caSite` overrides ca_server/ca_port (the server_list selection).
 */
export async function ensureCertificate(o: AgentRunOptions, client: HttpClient, caSite?: ServiceSite): Promise<SslContext | number> {
  const base = agentSslSettings(o.settings, o);
  const ssl = caSite === undefined ? base : { ...base, ca_server: caSite.server, ca_port: caSite.port };
  const machine = new SslStateMachine({
    settings: ssl, client, log: o.log, lock: new PidLock(ssl.ssl_lockfile), stdout: o.stdout,
  });
  try {
    return await machine.ensureClientCertificate();
  } catch (err) {
    if (err instanceof SslExit) return err.code;
    if (err instanceof SslBootstrapError) return 1; // already logged
    throw err;
  }
}

/** The agent with its run controls; every run gets a fresh HTTP client (and connection pool). */
export function createAgent(o: AgentRunOptions, clock: { now?: () => number; sleep?: (ms: number) => Promise<void>; random?: () => number } = {}): Agent {
  const s = o.settings;
  const sleep = clock.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  return new Agent({
    log: o.log,
    disabler: new AgentDisabler(String(s.agent_disabled_lockfile), o.log),
    lock: new PidLock(String(s.agent_catalog_run_lockfile), process.pid, isAgentProcess),
    openSession: () => {
      const client = createHttpClient(s, o.log, o.dispatcher);
      // With server_list (and no ca_server of its own) the CA is the selected
      // server too, as Puppet's session routes it; the selection serves the whole run.
      let serverSelection: { site: ServiceSite | undefined } | undefined;
      return {
        ensureCertificate: async () => {
          const routes = sessionOptionsFromSettings(s, o.explicitSettings);
          if (routes.serverList.length === 0 || !routes.serverListServices.has('ca')) return ensureCertificate(o, client);
          const session = new Session({ client, log: o.log, tls: createInsecureContext().tls, ...routes });
          const site = await session.selectServer();
          serverSelection = { site };
          return ensureCertificate(o, client, site ?? routes.serverList[0]);
        },
        // Puppet's configurer returns nil (no exit status) when the run did not complete.
        configure: async (ssl, signal) => {
          const { exitCode } = await runConfigurer({
            settings: s, client, ssl, log: o.log, environmentFromCli: o.environmentFromCli, facts: o.facts,
            explicitSettings: o.explicitSettings, noop: o.noop, serverSelection, signal, stdout: o.stdout,
          });
          return exitCode === 1 ? null : exitCode;
        },
        close: () => client.close(),
      };
    },
    waitforlock: num(s.waitforlock ?? 0, 'waitforlock'),
    maxwaitforlock: nullableSeconds(s.maxwaitforlock),
    splay: s.splay === true,
    splaylimit: num(s.splaylimit ?? s.runinterval ?? 1800, 'splaylimit'),
    now: clock.now ?? Date.now,
    sleep,
    random: clock.random ?? Math.random,
    runtimeout: nullableSeconds(s.runtimeout),
  });
}

/**
 * One run (onetime): Puppet's detailed exit status (0, 2, 4, 6), or 1 when no
 * run completed (disabled, locked, no certificate, no catalog), as Puppet
 * exits 1 when Agent#run returns nil.
 */
export async function runAgent(o: AgentRunOptions): Promise<number> {
  const outcome: RunOutcome = await createAgent(o).run();
  return outcome ?? 1;
}

/** ISO 8601 with nine fractional digits and a numeric offset, as Ruby's Time#iso8601(9) in UTC. */
export function puppetTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000+00:00');
}
