// A report as Puppet's store processor writes it: the wire data rebuilt the
// way Puppet::Transaction::Report.from_data_hash + #to_data_hash rebuild it
// (key order, re-printed times, defaulted fields), dumped with Psych's tag
// `!ruby/object:Puppet::Transaction::Report`.
import { RubyInt, type RubyHash, type RubyValue } from './ruby-value.js';
import { dumpRubyYaml } from './ruby-yaml.js';

export const REPORT_TAG = '!ruby/object:Puppet::Transaction::Report';

function get(h: RubyHash, key: string): RubyValue {
  return h.has(key) ? h.get(key)! : null;
}

/** Ruby truthiness: only nil and false are false. */
function truthy(v: RubyValue): boolean {
  return v !== null && v !== false;
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/**
 * `Time.parse(s).iso8601(9)`: the same instant and UTC offset, with nine
 * fractional digits; `Z` stays `Z`; no offset means local time. Strings that
 * are not ISO 8601 date-times are returned unchanged.
 */
export function rubyIso8601(value: RubyValue): RubyValue {
  if (typeof value !== 'string') return value;
  const m = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:[.,](\d+))?\s*(Z|[-+]\d\d:?\d\d)?$/i.exec(value.trim());
  if (!m) return value;
  const frac = (m[7] ?? '').slice(0, 9).padEnd(9, '0');
  let zone = m[8];
  if (zone === undefined) {
    const local = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
    const off = -local.getTimezoneOffset();
    zone = `${off < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
  } else if (zone.toUpperCase() === 'Z') {
    zone = 'Z';
  } else if (!zone.includes(':')) {
    zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  }
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${frac}${zone}`;
}

/** TagSet.new(tags).to_a: de-duplicated, order kept. */
function tagSet(tags: RubyValue): RubyValue[] {
  if (tags === null) return [];
  const list = Array.isArray(tags) ? tags : [tags];
  const seen = new Set<string>();
  const out: RubyValue[] = [];
  for (const t of list) {
    const key = typeof t === 'string' ? t : JSON.stringify(t);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(t);
    }
  }
  return out;
}

function asHash(v: RubyValue): RubyHash {
  return v instanceof Map ? v : new Map();
}

function logData(log: RubyHash): RubyHash {
  const level = get(log, 'level');
  return new Map<string, RubyValue>([
    ['level', level === null ? null : String(level instanceof Map || Array.isArray(level) ? '' : (level as string))],
    ['message', get(log, 'message')],
    ['source', get(log, 'source')],
    ['tags', tagSet(get(log, 'tags'))],
    ['time', rubyIso8601(get(log, 'time'))],
    ['file', truthy(get(log, 'file')) ? get(log, 'file') : null],
    ['line', truthy(get(log, 'line')) ? get(log, 'line') : null],
  ]);
}

function labelize(name: RubyValue): string {
  const s = name === null ? '' : String(name instanceof RubyInt ? name.text : name);
  return (s.charAt(0).toUpperCase() + s.slice(1).toLowerCase()).replaceAll('_', ' ');
}

function metricData(metric: RubyHash): RubyHash {
  const label = get(metric, 'label');
  return new Map<string, RubyValue>([
    ['name', get(metric, 'name')],
    ['label', truthy(label) ? label : labelize(get(metric, 'name'))],
    ['values', get(metric, 'values')],
  ]);
}

function eventData(event: RubyHash): RubyHash {
  const name = get(event, 'name');
  return new Map<string, RubyValue>([
    ['audited', get(event, 'audited')],
    ['property', get(event, 'property')],
    ['previous_value', get(event, 'previous_value')],
    ['desired_value', get(event, 'desired_value')],
    ['historical_value', get(event, 'historical_value')],
    ['message', get(event, 'message')],
    ['name', truthy(name) ? name : null],
    ['status', get(event, 'status')],
    ['time', rubyIso8601(get(event, 'time'))],
    ['redacted', event.has('redacted') ? get(event, 'redacted') : false],
    ['corrective_change', get(event, 'corrective_change')],
  ]);
}

function statusData(rs: RubyHash): RubyHash {
  const events = get(rs, 'events');
  return new Map<string, RubyValue>([
    ['title', get(rs, 'title')],
    ['file', get(rs, 'file')],
    ['line', get(rs, 'line')],
    ['resource', get(rs, 'resource')],
    ['resource_type', get(rs, 'resource_type')],
    ['provider_used', get(rs, 'provider_used')],
    ['containment_path', get(rs, 'containment_path')],
    ['evaluation_time', get(rs, 'evaluation_time')],
    ['tags', tagSet(get(rs, 'tags'))],
    ['time', rubyIso8601(get(rs, 'time'))],
    ['failed', get(rs, 'failed')],
    ['failed_to_restart', get(rs, 'failed_to_restart')],
    ['changed', get(rs, 'changed')],
    ['out_of_sync', get(rs, 'out_of_sync')],
    ['skipped', get(rs, 'skipped')],
    ['change_count', get(rs, 'change_count')],
    ['out_of_sync_count', get(rs, 'out_of_sync_count')],
    ['events', Array.isArray(events) ? events.map((e) => eventData(asHash(e))) : []],
    ['corrective_change', get(rs, 'corrective_change')],
  ]);
}

/**
 * Report#to_data_hash after from_data_hash, i.e. what to_yaml dumps.
 * `excludeUnchangedResources` mirrors Puppet[:exclude_unchanged_resources] (default false).
 */
export function reportDataHash(report: RubyHash, excludeUnchangedResources = false): RubyHash {
  const logs = get(report, 'logs');
  const metrics = asHash(get(report, 'metrics'));
  const statuses = asHash(get(report, 'resource_statuses'));
  const statusOut: RubyHash = new Map();
  for (const [key, rs] of statuses) {
    if (rs === null || (rs instanceof Map && rs.size === 0)) {
      statusOut.set(key, null);
      continue;
    }
    const h = asHash(rs);
    if (excludeUnchangedResources && !['failed', 'failed_to_restart', 'out_of_sync', 'skipped'].some((k) => truthy(get(h, k)))) continue;
    statusOut.set(key, statusData(h));
  }
  const out: RubyHash = new Map<string, RubyValue>([
    ['host', get(report, 'host')],
    ['time', rubyIso8601(get(report, 'time'))],
    ['configuration_version', get(report, 'configuration_version')],
    ['transaction_uuid', get(report, 'transaction_uuid')],
    ['report_format', get(report, 'report_format')],
    ['puppet_version', get(report, 'puppet_version')],
    ['status', get(report, 'status')],
    ['transaction_completed', get(report, 'transaction_completed')],
    ['noop', get(report, 'noop')],
    ['noop_pending', get(report, 'noop_pending')],
    ['environment', get(report, 'environment')],
    ['logs', Array.isArray(logs) ? logs.map((l) => logData(asHash(l))) : []],
    ['metrics', new Map([...metrics].map(([k, m]) => [k, metricData(asHash(m))]))],
    ['resource_statuses', statusOut],
    ['corrective_change', get(report, 'corrective_change')],
  ]);
  const serverUsed = truthy(get(report, 'server_used')) ? get(report, 'server_used') : truthy(get(report, 'master_used')) ? get(report, 'master_used') : null;
  if (serverUsed !== null) out.set('server_used', serverUsed);
  for (const key of ['catalog_uuid', 'code_id', 'job_id', 'cached_catalog_status']) {
    if (truthy(get(report, key))) out.set(key, get(report, key));
  }
  return out;
}

/** The bytes `report.to_yaml` produces on a Puppet 7 server for this wire report. */
export function reportToYaml(report: RubyHash, excludeUnchangedResources = false): string {
  return dumpRubyYaml(reportDataHash(report, excludeUnchangedResources), REPORT_TAG);
}
