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
