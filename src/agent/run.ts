// One agent run, in Puppet 7's order (http-api.md §7): the SSL bootstrap,
// the node request (server-specified environment), facts, the catalog POST
// (following the server's environment, at most 4 switches) and the catalog
// cache in $client_datadir. Pluginsync, apply and report are not implemented
// yet and the run says so.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Settings } from '../settings/index.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { collectFacts, type FactMap } from './facts/index.js';
import { CompilerService, type NodeObject } from './http/compiler-service.js';
import { HttpClient, PUPPET_VERSION } from './http/client.js';
import { NodeDispatcher } from './http/node-dispatcher.js';
import type { Dispatcher } from './http/types.js';
import type { AgentLog } from './http/log.js';
import { PidLock } from './ssl/lock.js';
import type { AgentSslSettings } from './ssl/settings.js';
import type { SslContext } from './ssl/ssl-context.js';
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

/** Runs the SSL bootstrap to Done; a number is the exit code when it stopped early. */
export async function ensureCertificate(o: AgentRunOptions, client: HttpClient): Promise<SslContext | number> {
  const ssl = agentSslSettings(o.settings, o);
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

/** One run; returns the process exit code. */
export async function runAgent(o: AgentRunOptions): Promise<number> {
  const client = createHttpClient(o.settings, o.log, o.dispatcher);
  try {
    const ssl = await ensureCertificate(o, client);
    if (typeof ssl === 'number') return ssl;
    return await catalogRun(o, client, ssl);
  } finally {
    client.close();
  }
}

/** ISO 8601 with nine fractional digits and a numeric offset, as Ruby's Time#iso8601(9) in UTC. */
export function puppetTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000+00:00');
}

/** The steps after the certificate; returns the exit code. */
async function catalogRun(o: AgentRunOptions, client: HttpClient, ssl: SslContext): Promise<number> {
  const s = o.settings;
  const certname = s.certname;
  const transactionUuid = randomUUID();
  const site = { server: String(s.server), port: num(s.serverport, 'serverport') };
  const preferredFormat = s.preferred_serialization_format === 'pson' ? 'pson' as const : 'json' as const;
  const compiler = new CompilerService(client, site, ssl.tls, { preferredFormat });
  const configured = s.environment;
  let environment = configured;

  // The node's environment is authoritative unless the CLI or strict mode pins it.
  if (!o.environmentFromCli && s.strict_environment_mode !== true) {
    o.log.debug('Requesting environment from the server');
    let node: NodeObject | undefined;
    try {
      node = await compiler.getNode(certname, { environment, configuredEnvironment: configured, transactionUuid });
    } catch (err) {
      o.log.warning('Unable to fetch my node definition, but the agent run will continue:');
      o.log.warning((err as Error).message);
    }
    if (node?.environment && node.environment !== environment) {
      o.log.notice(`Local environment: '${environment}' doesn't match server specified node environment '${node.environment}', switching agent to '${node.environment}'.`);
      environment = node.environment;
    }
  }
  o.log.info(`Using environment '${environment}'`);
  o.log.debug('Pluginsync is not available in Bunraku yet; using the facts this host already has');

  let result = await requestCatalog(o, compiler, environment, configured, transactionUuid);
  if (!result) return 1;
  for (let tries = 0; typeof result.catalog.environment === 'string' && result.catalog.environment !== '' && result.catalog.environment !== environment; tries++) {
    const catalogEnv: string = result.catalog.environment;
    if (tries > 3) {
      o.log.err(`Catalog environment didn't stabilize after ${tries} fetches, aborting run`);
      return 1;
    }
    o.log.notice(`Local environment: '${environment}' doesn't match server specified environment '${catalogEnv}', restarting agent run with environment '${catalogEnv}'`);
    environment = catalogEnv;
    result = await requestCatalog(o, compiler, environment, configured, transactionUuid);
    if (!result) return 1;
  }

  const cachePath = join(String(s.client_datadir), 'catalog', `${certname.toLowerCase()}.json`);
  if (s.noop !== true) {
    o.log.info(`Caching catalog for ${certname}`);
    await writeFileAtomic(cachePath, result.text, { mode: 0o640, mkdirp: true });
  }
  const version = result.catalog.version;
  o.log.err(
    `Could not run: applying the catalog (configuration version '${String(version)}', ${Array.isArray(result.catalog.resources) ? result.catalog.resources.length : 0} resources) `
    + `and sending the report are not available in Bunraku yet${s.noop === true ? '' : `; the catalog is cached in ${cachePath}`}`,
  );
  return 1;
}

async function requestCatalog(
  o: AgentRunOptions, compiler: CompilerService, environment: string, configured: string, transactionUuid: string,
): Promise<{ catalog: Record<string, unknown> & { environment?: unknown }; text: string } | undefined> {
  const s = o.settings;
  const now = Date.now();
  const extra: FactMap = { clientcert: s.certname, clientversion: PUPPET_VERSION, clientnoop: s.noop === true, puppetversion: PUPPET_VERSION };
  if (o.environmentFromCli) extra.agent_specified_environment = environment;
  const values = o.facts ? { ...o.facts, ...extra } : collectFacts({ externalDirs: [String(s.pluginfactdest ?? join(s.vardir, 'facts.d'))], extra }).facts;
  const facts = {
    name: s.certname, values,
    timestamp: puppetTimestamp(now),
    expiration: puppetTimestamp(now + num(s.runinterval ?? 1800, 'runinterval') * 1000),
  };
  try {
    const { catalog, text } = await compiler.postCatalog(s.certname, {
      facts, environment, configuredEnvironment: configured, checkEnvironment: true, transactionUuid, jobUuid: '',
      staticCatalog: true, checksumTypes: Array.isArray(s.supported_checksum_types) ? (s.supported_checksum_types as string[]) : undefined,
    });
    return { catalog, text };
  } catch (err) {
    o.log.err(`Could not retrieve catalog from remote server: ${(err as Error).message}`);
    o.log.err('Could not retrieve catalog; skipping run');
    return undefined;
  }
}
