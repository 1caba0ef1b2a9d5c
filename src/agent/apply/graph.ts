// The relationship graph of one catalog: containers become a start and an end
// node (Puppet's admissible/completed whits), relationship metaparameters and
// autorequires become edges between them, and the apply order is a
// topological sort with the manifest order as tie break (ordering=manifest).
import type { AgentCatalog, CatalogResource } from '../catalog/model.js';
import { refsOf } from '../catalog/model.js';

const CONTAINER_TYPES = new Set(['Class', 'Stage', 'Node']);

/** A node of the graph: a leaf resource, or one end of a container. */
export interface GraphNode {
  readonly id: string;
  readonly resource: CatalogResource;
  /** Undefined for leaves; 'start'/'end' for the two whits of a container. */
  readonly whit?: 'start' | 'end';
  readonly priority: number;
}

export interface RelationshipGraph {
  /** Every node in apply order. */
  readonly order: readonly GraphNode[];
  /** Node id -> ids of the nodes it waits for. */
  readonly dependencies: ReadonlyMap<string, readonly string[]>;
  /**
   * Node id -> the nodes its events go to (edges with Puppet's refresh
   * callback): notify/subscribe, a resource to its container's end, and a
   * container's start to its contents. Containers pass one event on.
   */
  readonly eventTargets: ReadonlyMap<string, readonly string[]>;
  /** Leaf ref -> its containers, outermost first, as Puppet prints them. */
  readonly containmentPath: ReadonlyMap<string, readonly string[]>;
  /** Ref -> the ref of its closest container. */
  readonly parent: ReadonlyMap<string, string>;
}

export class DependencyCycleError extends Error {}

/** Autorequired references of a resource (only the ones present in the catalog count). */
export type Autorequirer = (resource: CatalogResource, catalog: AgentCatalog) => readonly string[];

export function isContainer(r: CatalogResource, catalog: AgentCatalog): boolean {
  return CONTAINER_TYPES.has(r.type) || r.kind === 'defined_type' || catalog.contains.has(r.ref);
}

/** `Demo` for Class[Demo], else the reference itself: the segment of a resource path. */
export function pathSegment(r: CatalogResource): string {
  if (r.type !== 'Class') return r.ref;
  return r.title.split('::').map((s) => (s === '' ? s : s[0]!.toUpperCase() + s.slice(1))).join('::');
}

export function buildGraph(catalog: AgentCatalog, autorequire: Autorequirer): RelationshipGraph {
  const nodes = new Map<string, GraphNode>();
  const startOf = (r: CatalogResource): string => (isContainer(r, catalog) ? `${r.ref}#start` : r.ref);
  const endOf = (r: CatalogResource): string => (isContainer(r, catalog) ? `${r.ref}#end` : r.ref);
  for (const r of catalog.resources) {
    if (isContainer(r, catalog)) {
      nodes.set(`${r.ref}#start`, { id: `${r.ref}#start`, resource: r, whit: 'start', priority: r.index });
      nodes.set(`${r.ref}#end`, { id: `${r.ref}#end`, resource: r, whit: 'end', priority: r.index + 0.5 });
    } else {
      nodes.set(r.ref, { id: r.ref, resource: r, priority: r.index });
    }
  }
  const preds = new Map<string, Set<string>>();
  for (const id of nodes.keys()) preds.set(id, new Set());
  const edge = (from: string, to: string): void => {
    if (from !== to && nodes.has(from) && nodes.has(to)) preds.get(to)!.add(from);
  };
  const events = new Map<string, Set<string>>();
  const eventEdge = (from: string, to: string): void => {
    if (from === to || !nodes.has(from) || !nodes.has(to)) return;
    const set = events.get(from) ?? new Set<string>();
    set.add(to);
    events.set(from, set);
  };

  // Containment, and each resource's containers for its path.
  const parent = new Map<string, string>();
  for (const [container, children] of catalog.contains) {
    const c = catalog.byRef.get(container);
    if (!c) continue;
    for (const childRef of children) {
      const child = catalog.byRef.get(childRef);
      if (!child) continue;
      edge(startOf(c), startOf(child));
      edge(endOf(child), endOf(c));
      eventEdge(startOf(c), startOf(child));
      eventEdge(endOf(child), endOf(c));
      // A class contained by both its stage and a class: the class is the closer container.
      const prev = parent.get(childRef);
      if (prev === undefined || catalog.byRef.get(prev)?.type === 'Stage') parent.set(childRef, container);
    }
  }
  for (const r of catalog.resources) if (isContainer(r, catalog)) edge(startOf(r), endOf(r));

  // Relationship metaparameters and autorequires.
  for (const r of catalog.resources) {
    const p = r.parameters;
    for (const ref of refsOf(p.before)) { const t = catalog.byRef.get(ref); if (t) edge(endOf(r), startOf(t)); }
    for (const ref of refsOf(p.notify)) { const t = catalog.byRef.get(ref); if (t) { edge(endOf(r), startOf(t)); eventEdge(endOf(r), startOf(t)); } }
    for (const ref of refsOf(p.require)) { const s = catalog.byRef.get(ref); if (s) edge(endOf(s), startOf(r)); }
    for (const ref of refsOf(p.subscribe)) { const s = catalog.byRef.get(ref); if (s) { edge(endOf(s), startOf(r)); eventEdge(endOf(s), startOf(r)); } }
    if (!isContainer(r, catalog)) {
      for (const ref of autorequire(r, catalog)) {
        const s = catalog.byRef.get(ref);
        if (s && s !== r) edge(endOf(s), startOf(r));
      }
    }
  }

  const order = topologicalOrder(nodes, preds);
  const containmentPath = new Map<string, string[]>();
  for (const r of catalog.resources) {
    const path: string[] = [];
    for (let at = parent.get(r.ref); at !== undefined; at = parent.get(at)) {
      const c = catalog.byRef.get(at)!;
      path.unshift(pathSegment(c));
    }
    containmentPath.set(r.ref, path);
  }
  const dependencies = new Map<string, string[]>();
  for (const [id, set] of preds) dependencies.set(id, [...set]);
  const eventTargets = new Map<string, string[]>();
  for (const [k, v] of events) eventTargets.set(k, [...v]);
  return { order, dependencies, eventTargets, containmentPath, parent };
}

/** Kahn's algorithm, always taking the ready node of lowest priority (manifest order). */
function topologicalOrder(nodes: Map<string, GraphNode>, preds: Map<string, Set<string>>): GraphNode[] {
  const succs = new Map<string, string[]>();
  const indegree = new Map<string, number>();
  for (const [id, set] of preds) {
    indegree.set(id, set.size);
    for (const p of set) {
      const list = succs.get(p) ?? [];
      list.push(id);
      succs.set(p, list);
    }
  }
  const ready: GraphNode[] = [];
  const push = (n: GraphNode): void => {
    let i = ready.length;
    while (i > 0 && ready[i - 1]!.priority > n.priority) i--;
    ready.splice(i, 0, n);
  };
  for (const [id, n] of indegree) if (n === 0) push(nodes.get(id)!);
  const order: GraphNode[] = [];
  while (ready.length > 0) {
    const n = ready.shift()!;
    order.push(n);
    for (const s of succs.get(n.id) ?? []) {
      const left = indegree.get(s)! - 1;
      indegree.set(s, left);
      if (left === 0) push(nodes.get(s)!);
    }
  }
  if (order.length < nodes.size) {
    const stuck = [...indegree].filter(([, n]) => n > 0).map(([id]) => id.replace(/#(start|end)$/, ''));
    const unique = [...new Set(stuck)].filter((ref) => !/^(Stage|Class|Node)\[/.test(ref));
    throw new DependencyCycleError(`Found 1 dependency cycle: (${(unique.length > 0 ? unique : [...new Set(stuck)]).join(' => ')})`);
  }
  return order;
}
