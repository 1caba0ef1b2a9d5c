// last_run_summary.yaml as Puppet writes it (Report#raw_summary), and reading
// back the environment it converged to (for use_last_environment).
import { parse, stringify } from 'yaml';
import type { Report } from './model.js';

export function lastRunSummary(report: Report, o: { initialEnvironment: string; runMode?: string; nowSeconds: number }): Record<string, unknown> {
  const out: Record<string, unknown> = {
    version: { config: report.configuration_version, puppet: report.puppet_version },
    application: { run_mode: o.runMode ?? 'agent', initial_environment: o.initialEnvironment, converged_environment: report.environment },
  };
  for (const m of Object.values(report.metrics)) {
    const section: Record<string, number> = {};
    for (const [k, , v] of m.values) section[k] = v;
    if (m.name !== 'time' && !('total' in section)) section.total = 0;
    out[m.name] = section;
  }
  const time = (out.time ?? {}) as Record<string, number>;
  time.last_run = o.nowSeconds;
  out.time = time;
  return out;
}

export function lastRunSummaryYaml(summary: Record<string, unknown>): string {
  return `---\n${stringify(summary, { indentSeq: false })}`;
}

/** The converged environment of the last run, when its summary says so. */
export function lastConvergedEnvironment(text: string): string | undefined {
  try {
    const doc = parse(text) as { application?: { converged_environment?: unknown } } | null;
    const env = doc?.application?.converged_environment;
    return typeof env === 'string' && env !== '' ? env : undefined;
  } catch {
    return undefined;
  }
}

/** Ruby's Float#to_s, for ordering as Puppet orders summary lines: scientific below 1e-4 and from 1e16. */
export function rubyFloatToS(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e16)) {
    const [mantissa, exponent] = n.toExponential().split('e');
    const exp = Number(exponent);
    return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  const s = String(n);
  return s.includes('.') ? s : `${s}.0`;
}

const labelize = (name: string): string => (name.charAt(0).toUpperCase() + name.slice(1).toLowerCase()).replaceAll('_', ' ');

/**
 * Puppet's Report#summary (what `--summarize` prints): sections in name
 * order, each line's label right-aligned in 15 columns, lines ordered by the
 * text of their value with the total last, zero values left out, times with
 * two decimals. In the time section every value but last_run is a Float.
 */
export function reportSummaryText(summary: Record<string, unknown>): string {
  let out = '';
  for (const key of Object.keys(summary).sort()) {
    out += `${labelize(key)}:\n`;
    const section = summary[key] as Record<string, unknown>;
    const isFloat = (label: string, v: unknown) => key === 'time' && label !== 'last_run' && typeof v === 'number';
    const text = (label: string): string => {
      const v = section[label];
      return isFloat(label, v) ? rubyFloatToS(v as number) : String(v);
    };
    const labels = Object.keys(section).sort((a, b) => (a === 'total' ? 1 : b === 'total' ? -1 : text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0));
    for (const label of labels) {
      const v = section[label];
      if (v === 0 || v === null) continue;
      const shown = isFloat(label, v) ? (v as number).toFixed(2) : String(v);
      out += `   ${`${labelize(label)}:`.padStart(15)} ${shown}\n`;
    }
  }
  return out;
}
