// Applies small catalogs to this machine through the real transaction,
// providers and command runner, and shows what Puppet's report would hold:
// each resource's events and the notices and errors of the run. The system
// tests change the machine (packages, services, accounts), so they need root.
import assert from 'node:assert/strict';
import { parseCatalog } from '../../src/agent/catalog/model.js';
import { silentLog } from '../../src/agent/http/log.js';
import { RunLog } from '../../src/agent/report/run-log.js';
import { applyTransaction } from '../../src/agent/apply/transaction.js';
import { spawnCommand } from '../../src/agent/providers/command.js';
import { autorequire, providerFor } from '../../src/agent/providers/registry.js';

export interface ResourceSpec {
  readonly type: string;
  readonly title: string;
  readonly parameters: Record<string, unknown>;
}

export interface EventView {
  readonly property: string | null;
  readonly previous_value: unknown;
  readonly desired_value: unknown;
  readonly name: string;
  readonly status: string;
  readonly message: string;
}

export interface ApplyView {
  /** Resource ref -> its events. */
  readonly events: Record<string, EventView[]>;
  readonly providers: Record<string, string | null>;
  readonly failed: string[];
  /** `level: source: message` for notices, warnings and errors. */
  readonly logs: string[];
}

export function requireRoot(): void {
  assert.equal(process.getuid?.(), 0, 'The system tests change packages, services and accounts: run them as root');
}

/** A catalog of the resources in class Main, with `a -> b` style edges given as [source, target, notify?]. */
export async function apply(resources: readonly ResourceSpec[], options: { noop?: boolean; edges?: readonly [string, string][] } = {}): Promise<ApplyView> {
  const params = (r: ResourceSpec): Record<string, unknown> => {
    const out: Record<string, unknown> = { ...r.parameters };
    for (const [source, target] of options.edges ?? []) {
      if (source === `${r.type}[${r.title}]`) out.notify = [...(Array.isArray(out.notify) ? out.notify : []), target];
    }
    return out;
  };
  const catalog = parseCatalog({
    name: 'system-test', version: 1, environment: 'production',
    resources: [
      { type: 'Stage', title: 'main', tags: ['stage'], exported: false, parameters: {} },
      { type: 'Class', title: 'main', tags: ['class'], exported: false, parameters: {} },
      ...resources.map((r) => ({ type: r.type, title: r.title, tags: [r.type.toLowerCase(), 'class'], exported: false, file: null, line: 1, parameters: params(r) })),
    ],
    edges: [
      { source: 'Stage[main]', target: 'Class[main]' },
      ...resources.map((r) => ({ source: 'Class[main]', target: `${r.type}[${r.title}]` })),
    ],
  });
  const log = new RunLog(silentLog);
  const result = await applyTransaction({
    catalog, providerFor, autorequire, noop: options.noop ?? false, tags: [], skipTags: [], log,
    services: { environment: 'production', run: spawnCommand, backup: { store: async () => 'none' } },
  });
  const events: Record<string, EventView[]> = {};
  const providers: Record<string, string | null> = {};
  const failed: string[] = [];
  for (const s of result.statuses) {
    if (['Stage', 'Class'].includes(s.resource_type)) continue;
    events[s.resource] = s.events.map((e) => ({
      property: e.property, previous_value: e.previous_value, desired_value: e.desired_value, name: e.name, status: e.status, message: e.message,
    }));
    providers[s.resource] = s.provider_used;
    if (s.failed) failed.push(s.resource);
  }
  const logs = log.entries.filter((l) => ['notice', 'warning', 'err'].includes(l.level)).map((l) => `${l.level}: ${l.source}: ${l.message}`);
  return { events, providers, failed, logs };
}

/** One success (or noop) event as Puppet records it. */
export function event(property: string | null, previous: unknown, desired: unknown, name: string, message: string, status = 'success'): EventView {
  return { property, previous_value: previous, desired_value: desired, name, status, message };
}
