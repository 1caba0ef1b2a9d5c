// Builds the format-12 report of a run from its resource statuses, logs and
// timings: metrics, status, noop_pending, and the detailed exit code.
import type { Metric, Report, ResourceStatus } from './model.js';
import type { ReportLog } from './run-log.js';

export interface ReportInput {
  host: string;
  time: string;
  configurationVersion: string | number | null;
  transactionUuid: string;
  puppetVersion: string;
  environment: string;
  noop: boolean;
  logs: ReportLog[];
  statuses: readonly ResourceStatus[];
  transactionCompleted: boolean;
  /** Seconds per phase, in the order they happened (config_retrieval, plugin_sync...). */
  timings: readonly [string, number][];
  totalTime: number;
  catalogUuid?: string | null;
  codeId?: string | null;
  serverUsed?: string;
  cachedCatalogStatus: Report['cached_catalog_status'];
  /** A run that failed before applying (no catalog): status failed. */
  failedBeforeApply?: boolean;
}

function label(name: string): string {
  const s = name.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function metric(name: string, values: [string, number][]): Metric {
  return { name, label: label(name), values: values.map(([k, v]) => [k, label(k), v]) };
}

export function buildReport(i: ReportInput): Report {
  const st = i.statuses;
  const count = (pred: (s: ResourceStatus) => boolean): number => st.filter(pred).length;
  const events = st.flatMap((s) => s.events);
  const changes = st.reduce((n, s) => n + s.change_count, 0);
  const eventCounts = new Map<string, number>([['total', events.length], ['failure', 0], ['success', 0]]);
  for (const e of events) eventCounts.set(e.status, (eventCounts.get(e.status) ?? 0) + 1);
  const typeTimes = new Map<string, number>();
  for (const s of st) typeTimes.set(s.resource_type.toLowerCase(), (typeTimes.get(s.resource_type.toLowerCase()) ?? 0) + s.evaluation_time);
  const failed = count((s) => s.failed);
  const metrics: Record<string, Metric> = i.failedBeforeApply && st.length === 0 && !i.transactionCompleted ? {} : {
    resources: metric('resources', [
      ['total', st.length], ['skipped', count((s) => s.skipped)], ['failed', failed],
      ['failed_to_restart', count((s) => s.failed_to_restart)],
      ['restarted', count((s) => s.events.some((e) => e.name === 'refresh' && e.status === 'success'))],
      ['changed', count((s) => s.changed)], ['out_of_sync', count((s) => s.out_of_sync)], ['scheduled', 0],
      ['corrective_change', count((s) => s.corrective_change)],
    ]),
    time: metric('time', [...typeTimes, ...i.timings, ['total', i.totalTime]]),
    changes: metric('changes', [['total', changes]]),
    events: metric('events', [...eventCounts]),
  };
  const status: Report['status'] = i.failedBeforeApply || failed > 0 || count((s) => s.failed_to_restart) > 0 || !i.transactionCompleted
    ? 'failed' : changes > 0 ? 'changed' : 'unchanged';
  const report = {
    host: i.host, time: i.time, configuration_version: i.configurationVersion, transaction_uuid: i.transactionUuid,
    report_format: 12, puppet_version: i.puppetVersion, status, transaction_completed: i.transactionCompleted,
    noop: i.noop, noop_pending: events.some((e) => e.status === 'noop'), environment: i.environment,
    logs: i.logs, metrics, resource_statuses: Object.fromEntries(st.map((s) => [s.resource, s])),
    corrective_change: st.some((s) => s.corrective_change),
  } as Report;
  // Puppet's to_data_hash order: optional keys, then cached_catalog_status last.
  if (i.serverUsed) report.server_used = i.serverUsed;
  if (i.catalogUuid) report.catalog_uuid = i.catalogUuid;
  if (i.codeId) report.code_id = i.codeId;
  report.cached_catalog_status = i.cachedCatalogStatus;
  return report;
}

/** Puppet's --detailed-exitcodes: 2 for changes, 4 for failures, 6 for both; 1 when the run failed outright. */
export function exitStatus(report: Report): number {
  const values = (name: string): Map<string, number> => new Map((report.metrics[name]?.values ?? []).map(([k, , v]) => [k, v]));
  const changes = values('changes').get('total');
  const res = values('resources');
  if (changes === undefined || !res.has('failed')) return 1;
  let code = 0;
  if (changes > 0) code |= 2;
  if ((res.get('failed') ?? 0) > 0 || (res.get('failed_to_restart') ?? 0) > 0) code |= 4;
  return code;
}
