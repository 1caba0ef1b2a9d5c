// The catalog model: resources in insertion order, containment edges, the
// classes list and catalog tags, as Puppet 7's compiler builds them.
import type { Value } from '../lang/values.js';

/** How Puppet classifies a resource in the catalog's `kind` field. */
export type ResourceKind = 'compilable_type' | 'defined_type' | 'class' | 'unknown';

/** An ordered set of lower-case tags. */
export class TagSet {
  private readonly set = new Set<string>();
  add(tag: string): void {
    this.set.add(tag);
  }
  addAll(tags: Iterable<string>): void {
    for (const t of tags) this.set.add(t);
  }
  has(tag: string): boolean {
    return this.set.has(tag);
  }
  toArray(): string[] {
    return [...this.set];
  }
  get size(): number {
    return this.set.size;
  }
}

/** A resource as it is placed into the catalog. Parameter values are Puppet values. */
export class CatalogResource {
  readonly tags = new TagSet();
  readonly parameters = new Map<string, Value>();
  file: string | undefined;
  line: number | undefined;
  exported = false;
  /** False for resources made by create_resources(), whose `exported` Puppet writes after `kind`. */
  exportedSet = true;
  virtual = false;
  kind: ResourceKind;

  constructor(readonly type: string, readonly title: string, kind: ResourceKind) {
    this.kind = kind;
  }

  /** `File[/tmp/x]`: the form used in edges and relationship parameters. */
  get ref(): string {
    return `${this.type}[${this.title}]`;
  }
}

export interface Edge {
  readonly source: string;
  readonly target: string;
}

export class Catalog {
  readonly resources: CatalogResource[] = [];
  private readonly byRef = new Map<string, CatalogResource>();
  readonly edges: Edge[] = [];
  readonly classes: string[] = [];
  readonly tags = new TagSet();
  version: number | string = 0;
  codeId: string | null = null;
  catalogUuid = '';

  constructor(readonly name: string, readonly environment: string) {}

  add(resource: CatalogResource): void {
    this.resources.push(resource);
    this.byRef.set(resource.ref, resource);
  }

  /** Makes `ref` (e.g. the namevar form `File[/tmp/x]`) find `resource` too. */
  alias(ref: string, resource: CatalogResource): void {
    if (!this.byRef.has(ref)) this.byRef.set(ref, resource);
  }

  /** Looks a resource up by its reference, e.g. `File[/tmp/x]`. Type names are matched as given (capitalized). */
  get(ref: string): CatalogResource | undefined {
    return this.byRef.get(ref);
  }

  addEdge(source: CatalogResource, target: CatalogResource): void {
    this.edges.push({ source: source.ref, target: target.ref });
  }
}
