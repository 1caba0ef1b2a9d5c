// Report processors run for each received report (Puppet's `reports`
// setting): `store` (YAML into reportdir, with a per-node retention limit),
// `log` (re-emit the report's logs) and `http` (POST the YAML to reporturl).
// A processor's failure is logged and never fails the request.
import { mkdir, chmod, readdir, unlink, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { writeFileAtomic } from '../util/atomic-write.js';
import { reportToYaml } from './report-yaml.js';
import type { ParsedReport } from './parse.js';

export type LogLevel = 'debug' | 'info' | 'notice' | 'warning' | 'err' | 'alert' | 'emerg' | 'crit';

/** Where the server's own log lines go. */
export type ServerLog = (level: LogLevel, message: string, source?: string) => void;

export interface ReportSettings {
  /** Puppet[:reports]: comma-separated processor names, or `none`. Default `store`. */
  readonly reports: string;
  /** Puppet[:reportdir]. */
  readonly reportdir: string;
  /** Puppet[:reporturl], for `http`. */
  readonly reporturl: string;
  /** Keep at most this many stored reports per node (newest kept); undefined: keep all, as Puppet does. */
  readonly retainPerNode?: number;
  /** Puppet[:exclude_unchanged_resources] (default false). */
  readonly excludeUnchangedResources?: boolean;
  /** CA bundle (PEM) that an https reporturl must chain to. */
  readonly httpsCa?: string;
  /** Timeout of the http processor's POST, ms. Default 60 s. */
  readonly httpTimeoutMs?: number;
}

export interface ReportEnv {
  readonly settings: ReportSettings;
  readonly log: ServerLog;
  /** Clock for the stored file name. */
  readonly now?: () => Date;
}

/** Puppet's processor list from the `reports` setting (`none` → []). */
export function reportProcessorNames(reports: string): string[] {
  if (reports === 'none') return [];
  const trimmed = reports.replace(/^\s+|\s+$/g, '');
  return trimmed === '' ? [''] : trimmed.split(/\s*,\s*/);
}

/** The store processor's host check: no path separator, not `.` or `..`. */
export function validateReportHost(host: string): void {
  if (/[/\\]/.test(host) || /^\.\.?$/.test(host)) throw new Error(`Invalid node name ${JSON.stringify(host)}`);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `<YYYYMMDDHHMM>.yaml` in UTC. */
export function storedReportName(now: Date): string {
  return `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}.yaml`;
}

/** The `store` processor; returns the file written. */
export async function storeReport(report: ParsedReport, env: ReportEnv): Promise<string> {
  validateReportHost(report.host);
  const dir = join(env.settings.reportdir, report.host);
  let exists = true;
  try {
    await stat(dir);
  } catch {
    exists = false;
  }
  if (!exists) {
    await mkdir(dir, { recursive: true, mode: 0o750 });
    await chmod(dir, 0o750);
  }
  const file = join(dir, storedReportName((env.now ?? (() => new Date()))()));
  await writeFileAtomic(file, reportToYaml(report.data, env.settings.excludeUnchangedResources ?? false), { mode: 0o640 });
  if (env.settings.retainPerNode !== undefined) await pruneReports(dir, env.settings.retainPerNode);
  return file;
}

/** Deletes all but the newest `keep` stored reports (by their time-stamped names). */
export async function pruneReports(dir: string, keep: number): Promise<string[]> {
  const names = (await readdir(dir)).filter((n) => /^\d{12}\.yaml$/.test(n)).sort();
  const doomed = names.slice(0, Math.max(0, names.length - Math.max(0, keep)));
  for (const n of doomed) await unlink(join(dir, n)).catch(() => undefined);
  return doomed;
}

const LEVELS = new Set(['debug', 'info', 'notice', 'warning', 'err', 'alert', 'emerg', 'crit']);

/** The `log` processor: each report log line into the server log, source `//<host>/<source>`. */
export function logReport(report: ParsedReport, env: ReportEnv): void {
  const logs = (report.plain.logs as Record<string, unknown>[] | undefined) ?? [];
  for (const entry of logs) {
    const level = String(entry.level);
    env.log(LEVELS.has(level) ? (level as LogLevel) : 'notice', String(entry.message ?? ''), `//${report.host}/${String(entry.source ?? '')}`);
  }
}

/** The reporturl without credentials, for log lines. */
function redactedUrl(url: URL): string {
  const copy = new URL(url.href);
  copy.username = '';
  copy.password = '';
  return copy.href;
}

/** The `http` processor: POST the YAML, basic auth from the URL; a non-2xx is only logged. */
export async function postReport(report: ParsedReport, env: ReportEnv): Promise<number> {
  const url = new URL(env.settings.reporturl);
  const body = Buffer.from(reportToYaml(report.data, env.settings.excludeUnchangedResources ?? false));
  const headers: Record<string, string | number> = { 'Content-Type': 'application/x-yaml', 'Content-Length': body.length };
  if (url.username && url.password) {
    const user = decodeURIComponent(url.username);
    const pass = decodeURIComponent(url.password);
    headers.Authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
  }
  const target = new URL(url.href);
  target.username = '';
  target.password = '';
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const options = url.protocol === 'https:' && env.settings.httpsCa ? { method: 'POST', headers, ca: env.settings.httpsCa } : { method: 'POST', headers };
  const { status, reason } = await new Promise<{ status: number; reason: string }>((resolve, reject) => {
    const req = send(target, options, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, reason: res.statusMessage ?? '' }));
      res.on('error', reject);
    });
    req.setTimeout(env.settings.httpTimeoutMs ?? 60_000, () => req.destroy(new Error(`Timed out posting report to ${redactedUrl(url)}`)));
    req.on('error', reject);
    req.end(body);
  });
  if (status < 200 || status > 299) env.log('err', `Unable to submit report to ${redactedUrl(url)} [${status}] ${reason}`);
  return status;
}

type Processor = (report: ParsedReport, env: ReportEnv) => Promise<unknown> | unknown;

const BUILTIN: Record<string, Processor> = { store: storeReport, log: logReport, http: postReport };

/**
 * Runs the processors named in `reports`, in order, each isolated. Returns the
 * PUT response body: the list of processor names from the setting (Puppet
 * returns the whole list, unknown names included), `[]` for `none`.
 * `extra` adds processors (e.g. a PuppetDB forwarder) by name.
 */
export async function processReport(report: ParsedReport, env: ReportEnv, extra: Readonly<Record<string, Processor>> = {}): Promise<string[]> {
  const names = reportProcessorNames(env.settings.reports);
  env.log('debug', `Received report to process from ${report.host}`);
  for (const p of report.problems) env.log('debug', `Report from ${report.host} deviates from the report schema at ${p.path}: ${p.message}`);
  for (const name of names) {
    const processor = extra[name] ?? BUILTIN[name];
    if (!processor) {
      env.log('warning', `No report named '${name}'`);
      continue;
    }
    try {
      await processor(report, env);
    } catch (err) {
      env.log('err', `Report ${name} failed: ${(err as Error).message}`);
    }
  }
  return names;
}
