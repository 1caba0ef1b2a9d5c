// The agent run after the certificate (Puppet::Configurer): environment
// (last run, node request, catalog switches), pluginsync, facts, the catalog
// (cached in $client_datadir, reused on failure), Deferred resolution, the
// transaction, then last_run_summary.yaml, last_run_report.yaml and the report PUT.
// Failure handling as Puppet's: server_list selection, routes that cannot be
// reached, usecacheonfailure (the cached catalog, said so in the report);
// a report that cannot be sent is kept in $statedir/pending_reports and sent
// after the next run's own report (Puppet loses it).
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Settings } from '../settings/index.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { reportToYaml, parseJsonLossless, type RubyHash } from '../report/index.js';
import { collectFacts, type FactMap } from './facts/index.js';
import { CompilerService, type NodeObject } from './http/compiler-service.js';
import { FileServerService } from './http/file-server-service.js';
import { ReportService } from './http/report-service.js';
import { HttpResponseError } from './http/errors.js';
import { Session, sessionOptionsFromSettings, withWrapped } from './http/session.js';
import type { ServiceSite } from './http/service.js';
import { PENDING_REPORTS_DIR, ReportSpool } from './report/spool.js';
import { FileBucketService } from './http/file-bucket-service.js';
import { PUPPET_VERSION, type HttpClient } from './http/client.js';
import type { AgentLog } from './http/log.js';
import type { SslContext } from './ssl/ssl-context.js';
import { parseCatalog, type AgentCatalog } from './catalog/model.js';
import { builtinAgentFunctions, resolveDeferred } from './catalog/deferred.js';
import { applyTransaction } from './apply/transaction.js';
import { autorequire, providerFor } from './providers/registry.js';
import { catalogBackup } from './providers/backup.js';
import { spawnCommand, type CommandRunner } from './providers/command.js';
import { RunLog, reportTime } from './report/run-log.js';
import { buildReport, exitStatus } from './report/build.js';
import type { Report } from './report/model.js';
import { lastConvergedEnvironment, lastRunSummary, lastRunSummaryYaml, reportSummaryText } from './report/summary.js';
import { environmentExistsOnServer, pluginsync } from './pluginsync.js';

export interface ConfigurerOptions {
  readonly settings: Settings;
  readonly client: HttpClient;
  readonly ssl: SslContext;
  readonly log: AgentLog;
  /** `--environment` on the command line: no node request, no last-run environment. */
  readonly environmentFromCli?: boolean;
  /** Overrides the `noop` setting. */
  readonly noop?: boolean;
  /** Facts to send instead of collecting them (tests). */
  readonly facts?: FactMap;
  readonly run?: CommandRunner;
  readonly now?: () => number;
  /** Settings set in puppet.conf or on the command line (server_list leaves ca_server/report_server alone when set). */
  readonly explicitSettings?: ReadonlySet<string>;
  /** The server_list selection made before the SSL bootstrap, if one was made this run. */
  readonly serverSelection?: { readonly site: ServiceSite | undefined };
  /**
   * Aborted when the run exceeds runtimeout. The run stops between phases and
   * between resources (a request in flight ends by itself, within
   * http_read_timeout); the report of what was done is still saved and sent,
   * as Puppet's `ensure` blocks do.
   */
  readonly signal?: AbortSignal;
  /** Where `--summarize` prints the run summary (one call, without the final newline). */
  readonly stdout?: (text: string) => void;
}

export interface ConfigurerResult {
  /** Puppet's --detailed-exitcodes value: 0, 2, 4, 6; 1 when no catalog could be applied. */
  readonly exitCode: number;
  readonly report: Report;
  /** The signal stopped the run. */
  readonly aborted: boolean;
}

function num(v: unknown, fallback: number): number {
  const n = Number(v);
  return Number.isFinite(n) ? n : fallback;
}

function words(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String).filter((x) => x !== '');
  return typeof v === 'string' ? v.split(/[\s,]+/).filter((x) => x !== '') : [];
}

/** Resources the agent adds to every catalog, as Puppet's agent does (default schedules and the local bucket). */
function withAgentDefaults(text: Record<string, unknown>): Record<string, unknown> {
  const resources = Array.isArray(text.resources) ? [...text.resources] : [];
  const has = (type: string, title: string): boolean => resources.some((r) => (r as { type?: string; title?: string }).type === type && (r as { title?: string }).title === title);
  const add = (type: string, title: string, parameters: Record<string, unknown>): void => {
    if (!has(type, title)) resources.push({ type, title, tags: [type.toLowerCase(), title], exported: false, parameters });
  };
  add('Schedule', 'puppet', { period: 'hourly', repeat: 2 });
  for (const p of ['hourly', 'daily', 'weekly', 'monthly']) add('Schedule', p, { period: p });
  add('Schedule', 'never', { period: 'never' });
  add('Filebucket', 'puppet', {});
  return { ...text, resources };
}

export async function runConfigurer(o: ConfigurerOptions): Promise<ConfigurerResult> {
  const now = o.now ?? Date.now;
  const started = now();
  const s = o.settings;
  const log = new RunLog(o.log, now);
  const certname = s.certname;
  const noop = o.noop ?? s.noop === true;
  const transactionUuid = randomUUID();
  const run = o.run ?? spawnCommand;
  const tls = o.ssl.tls;
  const preferredFormat = s.preferred_serialization_format === 'pson' ? 'pson' as const : 'json' as const;
  const session = createSession(o, log);
  let useCacheOnFailure = s.usecacheonfailure !== false;
  let pluginsyncWanted = s.pluginsync !== false && s.use_cached_catalog !== true;
  // Set when the run goes on without the server (Puppet's @running_failure): the cached catalog first.
  let runningFailure = false;
  let serverUsed: string | undefined;
  if (session.usesServerList) {
    const selected = await session.selectServer();
    if (selected === undefined) {
      const detail = `Could not select a functional puppet server from server_list: '${serverListText(s.server_list)}'`;
      if (!useCacheOnFailure) throw new Error(detail);
      pluginsyncWanted = false;
      runningFailure = true;
      session.fallBackToFirst();
      log.err(detail);
    } else {
      log.debug(`Selected puppet server from the \`server_list\` setting: ${selected.server}:${selected.port}`);
      serverUsed = `${selected.server}:${selected.port}`;
    }
  }
  const compiler = new CompilerService(session.client('puppet'), session.site('puppet'), tls, { preferredFormat });
  const fileServer = new FileServerService(session.client('fileserver'), session.site('fileserver'), tls, { preferredFormat });
  const reports = new ReportService(session.client('report'), session.site('report'), tls, { preferredFormat });
  const bucket = new FileBucketService(session.client('puppet'), session.site('puppet'), tls);
  const timings: [string, number][] = [];
  const timed = async <T>(name: string, f: () => Promise<T>): Promise<T> => {
    const t0 = now();
    try { return await f(); } finally { timings.push([name, (now() - t0) / 1000]); }
  };

  // Puppet's settings create the agent's state directories before a run.
  for (const d of [s.vardir, s.statedir]) if (typeof d === 'string' && d !== '') mkdirSync(d, { recursive: true, mode: 0o750 });
  const configured = s.environment;
  let environment = configured;
  let initialEnvironment = configured;
  if (!o.environmentFromCli && s.strict_environment_mode !== true && s.use_cached_catalog !== true) {
    const last = s.use_last_environment !== false ? readLastEnvironment(String(s.lastrunfile)) : undefined;
    if (last !== undefined) {
      log.debug(`Using environment '${last}' from the last run`);
      environment = initialEnvironment = last;
    } else {
      log.debug('Requesting environment from the server');
      const node = await timed('node_retrieval', async () => {
        try {
          return await compiler.getNode(certname, { environment, configuredEnvironment: configured, transactionUuid });
        } catch (err) {
          log.warning('Unable to fetch my node definition, but the agent run will continue:');
          log.warning(withWrapped((err as Error).message, err));
          return undefined as NodeObject | undefined;
        }
      });
      if (node?.environment && node.environment !== environment) {
        log.notice(`Local environment: '${environment}' doesn't match server specified node environment '${node.environment}', switching agent to '${node.environment}'.`);
        environment = initialEnvironment = node.environment;
      }
    }
  }
  log.info(`Using environment '${environment}'`);

  const facter = (): FactMap => {
    const extra: FactMap = { clientcert: certname, clientversion: PUPPET_VERSION, clientnoop: noop, puppetversion: PUPPET_VERSION };
    if (o.environmentFromCli) extra.agent_specified_environment = environment;
    if (o.facts) return { ...o.facts, ...extra };
    // with the settings: factpath for custom facts, and Puppet[:x] inside them
    const collected = collectFacts({ settings: s, externalDirs: [String(s.pluginfactdest)], extra, debug: true });
    for (const m of collected.messages) log[m.level](`Facter: ${m.message}`);
    return collected.facts;
  };
  const syncPlugins = async (): Promise<void> => {
    if (!pluginsyncWanted) return;
    await timed('plugin_sync', async () => {
      // Configurer#valid_server_environment?: a failed probe skips pluginsync, the run goes on.
      let exists: boolean;
      try {
        exists = await environmentExistsOnServer(fileServer, environment);
      } catch (err) {
        log.err(withWrapped((err as Error).message, err));
        return;
      }
      if (!exists) {
        if (s.strict_environment_mode === true) throw new Error(`Environment '${environment}' not found on server, aborting run.`);
        log.notice(`Environment '${environment}' not found on server, skipping initial pluginsync.`);
        return;
      }
      try {
        await pluginsync({
          fileServer, environment, libdir: String(s.libdir), pluginfactdest: String(s.pluginfactdest),
          ignore: words(s.pluginsignore), ignorePluginErrors: s.ignore_plugin_errors === true, log, run,
        });
      } catch (err) {
        // Configurer#download_plugins: with usecacheonfailure the run goes on from the cached catalog.
        if (s.ignore_plugin_errors === true || !useCacheOnFailure) throw err;
        log.err(withWrapped((err as Error).message, err));
        runningFailure = true;
      }
    });
  };

  const cachePath = join(String(s.client_datadir), 'catalog', `${certname.toLowerCase()}.json`);
  let cachedCatalogStatus: Report['cached_catalog_status'] = 'not_used';
  let catalogData: Record<string, unknown> | undefined;
  let failure: string | undefined;
  const readCache = (): Record<string, unknown> | undefined => {
    try {
      return JSON.parse(readFileSync(cachePath, 'utf8')) as Record<string, unknown>;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') log.err(`Could not retrieve catalog from cache: ${(err as Error).message}`);
      return undefined;
    }
  };
  // Configurer#retrieve_catalog: the cache first after an earlier failure, else
  // the server, then the cache when the server fails and usecacheonfailure is set.
  const retrieveCatalog = async (facts: FactMap): Promise<{ catalog: Record<string, unknown>; text?: string } | undefined> => {
    if (runningFailure) {
      const cached = readCache();
      if (cached) {
        cachedCatalogStatus = 'on_failure';
        log.info(`Using cached catalog from environment '${String(cached.environment)}'`);
        return { catalog: cached };
      }
    }
    try {
      return await timed('config_retrieval', () => requestCatalog(compiler, certname, environment, configured, transactionUuid, facts, s));
    } catch (err) {
      log.err(withWrapped(`Could not retrieve catalog from remote server: ${(err as Error).message}`, err));
    }
    if (!useCacheOnFailure) {
      log.warning('Not using cache on failed catalog');
      return undefined;
    }
    const cached = readCache();
    if (!cached) return undefined;
    if (String(cached.environment) !== environment) {
      log.err(`Not using cached catalog because its environment '${String(cached.environment)}' does not match '${environment}'`);
      return undefined;
    }
    cachedCatalogStatus = 'on_failure';
    log.info(`Using cached catalog from environment '${environment}'`);
    return { catalog: cached };
  };
  const fetchCatalog = async (): Promise<boolean> => {
    await syncPlugins();
    let facts = await timed('fact_generation', async () => facter());
    let fetched = await retrieveCatalog(facts);
    for (let tries = 0; fetched && typeof fetched.catalog.environment === 'string' && fetched.catalog.environment !== '' && fetched.catalog.environment !== environment; tries++) {
      if (tries > 3) throw new Error(`Catalog environment didn't stabilize after ${tries} fetches, aborting run`);
      const next: string = fetched.catalog.environment;
      log.notice(`Local environment: '${environment}' doesn't match server specified environment '${next}', restarting agent run with environment '${next}'`);
      environment = next;
      await syncPlugins();
      facts = facter();
      fetched = await retrieveCatalog(facts);
    }
    if (!fetched) {
      log.err('Could not retrieve catalog; skipping run');
      return false;
    }
    catalogData = fetched.catalog;
    if (!noop) {
      // Puppet saves a catalog it read from the cache again (same content), and says so.
      log.info(`Caching catalog for ${certname}`);
      if (fetched.text !== undefined) await writeFileAtomic(cachePath, fetched.text, { mode: 0o640, mkdirp: true });
    }
    return true;
  };
  try {
    if (s.use_cached_catalog === true) {
      // Explicitly requested: no pluginsync, node or catalog request (spec §7 step 3).
      const cached = readCache();
      if (cached) {
        catalogData = cached;
        cachedCatalogStatus = 'explicitly_requested';
        const cachedEnvironment = String(catalogData.environment ?? environment);
        log.info(`Using cached catalog from environment '${cachedEnvironment}'`);
        if (cachedEnvironment !== environment && s.strict_environment_mode !== true) {
          log.notice(`Local environment: '${environment}' doesn't match the environment of the cached catalog '${cachedEnvironment}', switching agent to '${cachedEnvironment}'.`);
          environment = cachedEnvironment;
        }
      } else {
        // Puppet then runs as if neither use_cached_catalog nor usecacheonfailure were set.
        log.debug(`No cached catalog in ${cachePath}; requesting one`);
        pluginsyncWanted = s.pluginsync !== false;
        useCacheOnFailure = false;
      }
    }
    if (!catalogData && !o.signal?.aborted && !(await fetchCatalog())) failure = 'Could not retrieve catalog';
  } catch (err) {
    log.err(withWrapped(`Failed to apply catalog: ${(err as Error).message}`, err));
    failure = (err as Error).message;
  }

  let catalog: AgentCatalog | undefined;
  let statuses: Awaited<ReturnType<typeof applyTransaction>>['statuses'] = [];
  let completed = false;
  // prerun_command before applying, postrun_command after; a failure of either fails the run.
  const hook = async (setting: 'prerun_command' | 'postrun_command'): Promise<boolean> => {
    const cmd = typeof s[setting] === 'string' ? String(s[setting]) : '';
    if (cmd === '') return true;
    try {
      const r = await run(cmd, { shell: true });
      if (r.exitCode === 0) return true;
      log.err(`Could not run command from ${setting}: Execution of '${cmd}' returned ${r.exitCode}: ${r.output}`);
    } catch (err) {
      log.err(`Could not run command from ${setting}: ${(err as Error).message}`);
    }
    failure = `${setting} failed`;
    return false;
  };
  if (o.signal?.aborted) {
    catalogData = undefined;
    failure ??= 'The run timed out';
  }
  const hadCatalog = catalogData !== undefined;
  if (catalogData && !(await hook('prerun_command'))) catalogData = undefined;
  if (catalogData) {
    const applyStart = now();
    try {
      catalog = timedSync(timings, 'convert_catalog', now, () => parseCatalog(withAgentDefaults(catalogData!)));
      resolveDeferred(catalog, builtinAgentFunctions(process.env));
      log.info(`Applying configuration version '${String(catalog.version)}'`);
      const current = catalog;
      const t0 = now();
      const result = await applyTransaction({
        catalog: current, providerFor, autorequire, noop, tags: words(s.tags), skipTags: words(s.skip_tags), log, now, signal: o.signal,
        services: {
          environment, fileServer, fileBucket: bucket, run,
          backup: catalogBackup({ catalog: () => current, clientbucketdir: String(s.clientbucketdir), remote: bucket, environment }),
        },
      });
      statuses = result.statuses;
      completed = result.completed;
      timings.push(['transaction_evaluation', (now() - t0) / 1000]);
      timings.push(['catalog_application', (now() - applyStart) / 1000]);
      log.notice(`Applied catalog in ${((now() - applyStart) / 1000).toFixed(2)} seconds`);
    } catch (err) {
      log.err(`Failed to apply catalog: ${(err as Error).message}`);
      failure = (err as Error).message;
    }
  }

  // As Puppet's `ensure`: postrun runs whenever a catalog was there to apply.
  if (hadCatalog) await hook('postrun_command');
  const report = buildReport({
    host: certname, time: reportTime(started), configurationVersion: catalog?.version ?? null, transactionUuid,
    puppetVersion: PUPPET_VERSION, environment, noop, logs: log.entries, statuses, transactionCompleted: completed,
    timings, totalTime: (now() - started) / 1000, catalogUuid: catalog?.catalogUuid, codeId: catalog?.codeId,
    cachedCatalogStatus, failedBeforeApply: failure !== undefined, serverUsed,
  });
  await saveReport(report, o, log, initialEnvironment, now, reports, environment);
  return { exitCode: failure !== undefined ? 1 : exitStatus(report), report, aborted: o.signal?.aborted === true };
}

/**
 * The report PUT. A report that could not be delivered (the server never
 * answered) goes to the spool; once a report got through, the spooled ones
 * follow, oldest first. A spooled report the server refuses with a 4xx is dropped.
 */
async function sendReport(report: Report, o: ConfigurerOptions, log: RunLog, now: () => number, reports: ReportService, environment: string): Promise<void> {
  const s = o.settings;
  const spool = new ReportSpool(join(String(s.statedir), PENDING_REPORTS_DIR));
  try {
    await reports.putReport(s.certname, report, { environment });
  } catch (err) {
    log.err(withWrapped(`Could not send report: ${(err as Error).message}`, err));
    if (err instanceof HttpResponseError && err.status < 500) return; // the server has it and said no: keeping it would not help
    try {
      const dropped = await spool.add({ environment, transactionUuid: report.transaction_uuid, report, nowMs: now() });
      log.notice(`Keeping the report of transaction ${report.transaction_uuid} in ${spool.dir} to send after a later run`);
      if (dropped.length > 0) log.warning(`Dropped ${dropped.length} unsent report(s) from ${spool.dir}: it keeps the ${spool.limit} newest`);
    } catch (spoolErr) {
      log.err(`Could not keep the unsent report in ${spool.dir}: ${(spoolErr as Error).message}`);
    }
    return;
  }
  for (const pending of spool.pending()) {
    try {
      await reports.putReport(s.certname, pending.body, { environment: pending.environment });
      spool.remove(pending.id);
      log.notice(`Sent the report of transaction ${pending.transactionUuid}, kept since an earlier run could not send it`);
    } catch (err) {
      if (err instanceof HttpResponseError && err.status >= 400 && err.status < 500) {
        spool.remove(pending.id);
        log.warning(`Dropped the kept report of transaction ${pending.transactionUuid}: ${(err as Error).message}`);
        continue;
      }
      log.warning(withWrapped(`Could not send the kept report of transaction ${pending.transactionUuid}; it stays in ${spool.dir}: ${(err as Error).message}`, err));
      return;
    }
  }
}

function serverListText(value: unknown): string {
  return Array.isArray(value) ? value.join(',') : String(value ?? '');
}

/** The run's HTTP session: sites from the settings, server_list for the services it routes. */
function createSession(o: ConfigurerOptions, log: AgentLog): Session {
  return new Session({
    client: o.client, log, tls: o.ssl.tls, preselected: o.serverSelection, ...sessionOptionsFromSettings(o.settings, o.explicitSettings),
  });
}

function timedSync<T>(timings: [string, number][], name: string, now: () => number, f: () => T): T {
  const t0 = now();
  try { return f(); } finally { timings.push([name, (now() - t0) / 1000]); }
}

function readLastEnvironment(path: string): string | undefined {
  try { return lastConvergedEnvironment(readFileSync(path, 'utf8')); } catch { return undefined; }
}

async function requestCatalog(
  compiler: CompilerService, certname: string, environment: string, configured: string, transactionUuid: string, values: FactMap, s: Settings,
): Promise<{ catalog: Record<string, unknown> & { environment?: unknown }; text: string }> {
  const t = Date.now();
  const runinterval = num(s.runinterval, 1800);
  const facts = { name: certname, values, timestamp: reportTime(t), expiration: reportTime(t + runinterval * 1000) };
  const { catalog, text } = await compiler.postCatalog(certname, {
    facts, environment, configuredEnvironment: configured, checkEnvironment: true, transactionUuid, jobUuid: '',
    staticCatalog: s.static_catalogs !== false,
    checksumTypes: Array.isArray(s.supported_checksum_types) ? (s.supported_checksum_types as string[]) : undefined,
  });
  return { catalog, text };
}

/** last_run_summary.yaml, then the report PUT, then last_run_report.yaml, in Puppet's order. */
async function saveReport(
  report: Report, o: ConfigurerOptions, log: RunLog, initialEnvironment: string, now: () => number, reports: ReportService, environment: string,
): Promise<void> {
  const s = o.settings;
  try {
    const summary = lastRunSummary(report, { initialEnvironment, nowSeconds: Math.floor(now() / 1000) });
    // Configurer#send_report: `puts report.summary if Puppet[:summarize]`, before the file is written.
    if (s.summarize === true) (o.stdout ?? ((t: string) => process.stdout.write(`${t}\n`)))(reportSummaryText(summary).replace(/\n$/, ''));
    await writeFileAtomic(String(s.lastrunfile), lastRunSummaryYaml(summary), { mode: 0o640, mkdirp: true });
  } catch (err) {
    log.err(`Could not save last run local report: ${(err as Error).message}`);
  }
  if (s.report !== false) await sendReport(report, o, log, now, reports, environment);
  try {
    const yaml = reportToYaml(parseJsonLossless(JSON.stringify(report)) as RubyHash);
    await writeFileAtomic(String(s.lastrunreport), yaml, { mode: 0o640, mkdirp: true });
  } catch (err) {
    log.err(`Could not save last run local report: ${(err as Error).message}`);
  }
}
