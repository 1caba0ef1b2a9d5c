// An exported resource as the store keeps it: the catalog resource in the
// plain-JSON form PuppetDB stores (rich values stringified, sensitive
// parameters left out), and the conversion from a compiled catalog.
import { PFloat, PHash, PRegexp, PSensitive, TypeValue, toPuppetString, type Value } from '../lang/values.js';
import { ClassType, ResourceType } from '../lang/types/types.js';
import type { Catalog, CatalogResource } from '../catalog/catalog.js';

/** Plain JSON data. */
export type JsonData = null | boolean | number | string | readonly JsonData[] | { readonly [key: string]: JsonData };

export interface ExportedResource {
  /** Capitalized as in the catalog: `File`, `Concat::Fragment`. */
  readonly type: string;
  readonly title: string;
  /** The resource's tags in the exporting node's catalog (what `tag == x` queries match). */
  readonly tags: readonly string[];
  readonly file?: string;
  readonly line?: number;
  readonly parameters: Readonly<Record<string, JsonData>>;
}

/** An exported resource found by a search, with the node that exported it. */
export interface CollectedResource extends ExportedResource {
  readonly certname: string;
}

/**
 * A Puppet value as PuppetDB stores it: the catalog's data hash rendered with
 * `stringify_rich` (puppetdb's catalog terminus, munge_catalog), so resource
 * references become `File[/x]`, regexps `/re/`, other rich values their string
 * form. An undef value is null.
 */
export function toExportData(v: Value): JsonData {
  if (v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof PFloat) return v.value;
  if (Array.isArray(v)) return v.map(toExportData);
  if (v instanceof PHash) {
    const o: Record<string, JsonData> = {};
    for (const [k, x] of v) o[typeof k === 'string' ? k : toPuppetString(k)] = toExportData(x);
    return o;
  }
  if (v instanceof ResourceType && v.title !== undefined) return v.refString();
  if (v instanceof ClassType && v.className !== undefined) return v.refString();
  if (v instanceof TypeValue) return v.toString();
  if (v instanceof PRegexp) return `/${v.source}/`;
  return toPuppetString(v);
}

/** The store's form of one catalog resource; sensitive parameters are left out, as puppetdb's terminus redacts them. */
export function exportedResourceOf(r: CatalogResource): ExportedResource {
  const parameters: Record<string, JsonData> = {};
  for (const [name, value] of r.parameters) {
    if (value === undefined || value instanceof PSensitive) continue;
    parameters[name] = toExportData(value);
  }
  return {
    type: r.type,
    title: r.title,
    tags: r.tags.toArray(),
    ...(r.file !== undefined ? { file: r.file } : {}),
    ...(r.line !== undefined ? { line: r.line } : {}),
    parameters,
  };
}

/**
 * A node's exported resources in a compiled catalog: every resource declared
 * with `@@`, collected by the node itself or not (PuppetDB stores the whole
 * catalog before the agent's copy is filtered, and queries `exported = true`).
 */
export function exportedResourcesOf(catalog: Catalog): ExportedResource[] {
  return catalog.resources.filter((r) => r.exported).map(exportedResourceOf);
}
