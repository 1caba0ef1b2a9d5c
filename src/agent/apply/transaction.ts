// One transaction: evaluates the catalog's resources in graph order, each
// through its provider's checkApply, skipping the dependents of failures,
// delivering refresh events along notify/subscribe, and recording one
// resource status (with its events) per resource, as Puppet's harness does.
import type { AgentCatalog, CatalogResource } from '../catalog/model.js';
import { unwrapSensitive } from '../catalog/rich-data.js';
import type { ReportEvent, ResourceStatus } from '../report/model.js';
import { reportTime, type RunLog } from '../report/run-log.js';
import { PropertyChangeError, type Change, type ProviderContext, type ProviderFactory, type ResourceLog } from '../providers/types.js';
import { buildGraph, pathSegment, type Autorequirer, type RelationshipGraph } from './graph.js';

export interface TransactionOptions {
  readonly catalog: AgentCatalog;
  readonly providerFor: (type: string) => ProviderFactory | undefined;
  readonly autorequire: Autorequirer;
  readonly noop: boolean;
  readonly tags: readonly string[];
  readonly skipTags: readonly string[];
  readonly log: RunLog;
  /** Everything of the provider context that does not depend on the resource. */
  readonly services: Omit<ProviderContext, 'resource' | 'params' | 'catalog' | 'log' | 'isManaged'>;
  readonly now?: () => number;
  /** Aborted when the run exceeds runtimeout: no further resource is evaluated. */
  readonly signal?: AbortSignal;
}

export interface TransactionResult {
  /** In evaluation order. */
  readonly statuses: ResourceStatus[];
  readonly completed: boolean;
}

interface PendingEvent { readonly status: ReportEvent['status'] }

function isTrue(v: unknown): boolean {
  return v === true || v === 'true';
}

function quoteValue(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(quoteValue).join(', ')}]`;
  return `'${String(v)}'`;
}

/** Puppet's noop message for a property. */
export function noopMessage(c: Change): string {
  return c.noopMessage ?? `current_value ${quoteValue(c.previous)}, should be ${quoteValue(c.desired)} (noop)`;
}

/**
 * Whether a property's values are redacted: it is sensitive itself, or it is a
 * file's ensure while its content is (creating the file would show the checksum).
 */
function isSensitive(r: CatalogResource, property: string | null): boolean {
  if (property === null) return false;
  if (r.sensitiveParameters.has(property)) return true;
  return r.type === 'File' && property === 'ensure' && r.sensitiveParameters.has('content');
}

function redactedMessage(status: string): string {
  return status === 'noop' ? 'current_value [redacted], should be [redacted] (noop)' : 'changed [redacted] to [redacted]';
}

/** How Puppet names a container in its whit's messages: `Class[Base]`, `Stage[main]`. */
function whitName(r: CatalogResource): string {
  return r.type === 'Class' ? `Class[${pathSegment(r)}]` : r.ref;
}

export async function applyTransaction(o: TransactionOptions): Promise<TransactionResult> {
  const now = o.now ?? Date.now;
  const { catalog, log } = o;
  let graph: RelationshipGraph;
  try {
    graph = buildGraph(catalog, o.autorequire);
  } catch (err) {
    log.err(`Failed to apply catalog: ${(err as Error).message}`);
    return { statuses: [], completed: false };
  }
  const statuses: ResourceStatus[] = [];
  const byRef = new Map<string, ResourceStatus>();
  /** Node id -> failed or skipped for failed dependencies. */
  const failedNodes = new Set<string>();
  const queued = new Map<string, PendingEvent[]>();
  /** Sends events along the node's refresh edges. */
  const send = (from: string, events: readonly PendingEvent[]): void => {
    if (events.length === 0) return;
    for (const target of graph.eventTargets.get(from) ?? []) {
      const list = queued.get(target) ?? [];
      list.push(...events);
      queued.set(target, list);
    }
  };
  const managed = (ref: string): boolean => catalog.byRef.has(ref) || byRef.has(ref);

  const evaluate = async (r: CatalogResource, pathPrefix: readonly string[], dependencyFailed: boolean, failedLeafDeps: readonly string[] = [], ownerRef?: string): Promise<ResourceStatus> => {
    const path = `/${[...pathPrefix, r.ref].join('/')}`;
    const origin = (property?: string) => ({ source: property ? `${path}/${property}` : path, tags: r.tags, file: r.file, line: r.line });
    const rlog: ResourceLog = {
      debug: (m, p) => log.debug(m, origin(p)), info: (m, p) => log.info(m, origin(p)),
      notice: (m, p) => log.notice(m, origin(p)), warning: (m, p) => log.warning(m, origin(p)), err: (m, p) => log.err(m, origin(p)),
      plain: (m, level = 'notice') => log.log(level, m),
    };
    const started = now();
    const status: ResourceStatus = {
      title: r.title, file: r.file, line: r.line, resource: r.ref, resource_type: r.type, provider_used: null,
      containment_path: [...pathPrefix, r.ref], evaluation_time: 0, tags: [...r.tags], time: reportTime(started),
      failed: false, failed_to_restart: false, changed: false, out_of_sync: false, skipped: false,
      change_count: 0, out_of_sync_count: 0, events: [], corrective_change: false,
    };
    statuses.push(status);
    byRef.set(r.ref, status);
    const addEvent = (e: Omit<ReportEvent, 'audited' | 'historical_value' | 'time' | 'redacted' | 'corrective_change'> & { redacted?: boolean }): void => {
      // sensitive in the manifest, or a property the provider always redacts (a user's password)
      const redacted = e.redacted || isSensitive(r, e.property) ? true : null;
      status.events.push({
        audited: false, property: e.property,
        previous_value: redacted ? '[redacted]' : e.previous_value, desired_value: redacted ? '[redacted]' : e.desired_value,
        historical_value: null, message: redacted && e.status !== 'failure' ? redactedMessage(e.status) : e.message, name: e.name, status: e.status, time: reportTime(now()),
        redacted, corrective_change: false,
      });
      if (e.status === 'failure') status.failed = true;
      else if (e.status === 'success') { status.change_count++; status.changed = true; }
      if (e.status !== 'audit') { status.out_of_sync_count++; status.out_of_sync = true; }
    };
    const finish = (): ResourceStatus => { status.evaluation_time = (now() - started) / 1000; return status; };

    if (o.skipTags.length > 0 && r.tags.some((t) => o.skipTags.includes(t))) {
      rlog.debug(`Skipping with skip tags ${o.skipTags.join(', ')}`);
      status.skipped = true;
      return finish();
    }
    if (o.tags.length > 0 && !r.tags.some((t) => o.tags.includes(t))) {
      rlog.debug(`Not tagged with ${o.tags.join(', ')}`);
      status.skipped = true;
      return finish();
    }
    if (dependencyFailed) {
      for (const dep of failedLeafDeps) rlog.notice(`Dependency ${dep} has failures: true`);
      rlog.warning('Skipping because of failed dependencies');
      status.skipped = true;
      return finish();
    }
    const factory = o.providerFor(r.type);
    if (!factory) {
      rlog.err(`Could not evaluate: Unknown resource type: '${r.type}'`);
      addEvent({ property: null, previous_value: null, desired_value: null, message: `Unknown resource type: '${r.type}'`, name: 'resource_error', status: 'failure' });
      return finish();
    }
    const noop = o.noop || isTrue(r.parameters.noop);
    const extraEvents: PendingEvent[] = [];
    const apply = !noop;
    try {
      const provider = factory({
        ...o.services, resource: r, params: unwrapSensitive(r.parameters) as Record<string, unknown>, catalog, log: rlog, isManaged: managed,
      });
      status.provider_used = provider.providerName;
      const children = provider.generate ? await provider.generate() : [];
      const changes = await provider.checkApply(apply);
      for (const c of changes) {
        const message = isSensitive(r, c.property) ? redactedMessage(apply ? 'success' : 'noop') : apply ? c.message : noopMessage(c);
        rlog.notice(message, c.property);
        addEvent({ property: c.property, previous_value: c.previous, desired_value: c.desired, message, name: c.name, status: apply ? 'success' : 'noop', redacted: c.redacted });
      }
      // Refresh events addressed to this resource.
      const incoming = queued.get(r.ref) ?? [];
      if (incoming.length > 0 && provider.refresh) {
        const count = incoming.length;
        const plural = count === 1 ? 'event' : 'events';
        if (noop || incoming.every((e) => e.status === 'noop')) {
          const msg = `Would have triggered 'refresh' from ${count} ${plural}`;
          rlog.notice(msg);
          // Puppet passes a noop_restart event on without recording it in the status.
          extraEvents.push({ status: 'noop' });
        } else {
          try {
            const callback = await provider.refresh(true);
            if (callback) {
              const msg = `Triggered '${callback}' from ${count} ${plural}`;
              rlog.notice(msg);
              addEvent({ property: null, previous_value: null, desired_value: null, message: msg, name: callback, status: 'success' });
            }
          } catch (err) {
            const msg = `Failed to call refresh: ${(err as Error).message}`;
            rlog.err(msg);
            status.failed_to_restart = true;
            addEvent({ property: null, previous_value: null, desired_value: null, message: msg, name: 'resource_error', status: 'failure' });
          }
        }
      }
      finish();
      for (const child of children) {
        const ref = `${child.type}[${child.title}]`;
        if (managed(ref)) continue;
        const childResource: CatalogResource = {
          type: child.type, title: child.title, ref, tags: r.tags, file: null, line: null, index: r.index,
          parameters: child.parameters, sensitiveParameters: new Set(),
        };
        await evaluate(childResource, pathPrefix, false, [], r.ref);
      }
    } catch (err) {
      const message = (err as Error).message;
      if (err instanceof PropertyChangeError) {
        const msg = `change from ${quoteValue(err.previous)} to ${quoteValue(err.desired)} failed: ${message}`;
        rlog.err(msg, err.property);
        addEvent({ property: err.property, previous_value: err.previous, desired_value: err.desired, message: msg, name: err.eventName, status: 'failure' });
        finish();
        return status;
      }
      rlog.err(`Could not evaluate: ${message}`);
      addEvent({ property: null, previous_value: null, desired_value: null, message, name: 'resource_error', status: 'failure' });
      finish();
    }
    // Events go to whoever subscribed and to the container; noop events too,
    // so they can say what they would have done. Generated children speak for their parent.
    send(ownerRef ?? r.ref, [...status.events.filter((e) => e.status === 'success' || e.status === 'noop'), ...extraEvents]);
    return status;
  };

  for (const node of graph.order) {
    if (o.signal?.aborted) return { statuses, completed: false };
    const deps = graph.dependencies.get(node.id) ?? [];
    const depFailed = deps.some((d) => failedNodes.has(d));
    if (node.whit) {
      if (depFailed) failedNodes.add(node.id);
      // A container (Puppet's whit) refreshes itself and passes one event on; in noop it says what it would have done.
      const events = queued.get(node.id) ?? [];
      if (events.length > 0) {
        const noopOnly = events.every((e) => e.status === 'noop');
        if (noopOnly) log.notice(`Would have triggered 'refresh' from ${events.length} ${events.length === 1 ? 'event' : 'events'}`, { source: whitName(node.resource) });
        send(node.id, [{ status: noopOnly ? 'noop' : 'success' }]);
      }
      continue;
    }
    // Puppet names the direct dependencies that failed themselves (not those skipped in turn).
    const failedLeafDeps = deps.filter((d) => !d.includes('#') && byRef.get(d)?.failed === true);
    const status = await evaluate(node.resource, graph.containmentPath.get(node.resource.ref) ?? [], depFailed, failedLeafDeps);
    if (status.failed || depFailed) failedNodes.add(node.id);
  }
  return { statuses, completed: true };
}
