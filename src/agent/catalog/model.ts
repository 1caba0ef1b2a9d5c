// The agent's catalog model: resources in manifest order, containment edges,
// static-catalog file metadata, parsed from the catalog JSON the server sends.
import { decodeRichData } from './rich-data.js';

export interface CatalogResource {
  readonly type: string;
  readonly title: string;
  /** `Type[title]` */
  readonly ref: string;
  readonly tags: readonly string[];
  readonly file: string | null;
  readonly line: number | null;
  /** Position in the catalog's resource list: Puppet's manifest-order priority. */
  readonly index: number;
  readonly kind?: string;
  /** Decoded parameters; may hold DeferredCall and SensitiveValue markers until resolved. */
  parameters: Record<string, unknown>;
  readonly sensitiveParameters: ReadonlySet<string>;
}

export interface AgentCatalog {
  readonly name: string;
  readonly version: string | number | null;
  readonly codeId: string | null;
  readonly catalogUuid: string | null;
  readonly environment: string;
  readonly resources: readonly CatalogResource[];
  readonly byRef: ReadonlyMap<string, CatalogResource>;
  /** Containment only: container ref -> contained refs. */
  readonly contains: ReadonlyMap<string, readonly string[]>;
  readonly classes: readonly string[];
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly recursiveMetadata: Readonly<Record<string, Record<string, unknown[]>>>;
}

/** Puppet's reference form: type segments capitalised. */
export function canonicalRef(type: string, title: string): string {
  return `${capitalizeType(type)}[${title}]`;
}

export function capitalizeType(type: string): string {
  return type.split('::').map((s) => (s === '' ? s : s[0]!.toUpperCase() + s.slice(1).toLowerCase())).join('::');
}

/** Splits `File[/tmp/x]` into its type and title; undefined when it is not a reference. */
export function parseRef(ref: string): { type: string; title: string } | undefined {
  const m = /^([A-Za-z][\w:]*)\[(.*)\]$/s.exec(ref.trim());
  return m ? { type: capitalizeType(m[1]!), title: m[2]! } : undefined;
}

function asObject(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** Parses catalog JSON (text or already parsed) into the agent's model. */
export function parseCatalog(input: string | Record<string, unknown>): AgentCatalog {
  const data = typeof input === 'string' ? (JSON.parse(input) as Record<string, unknown>) : input;
  if (!Array.isArray(data.resources)) throw new Error(`Cannot parse catalog for "${String(data.name)}": "resources" is not an array`);
  const resources: CatalogResource[] = [];
  const byRef = new Map<string, CatalogResource>();
  data.resources.forEach((raw, index) => {
    const r = asObject(raw);
    if (r.exported === true) return;
    const type = capitalizeType(String(r.type));
    const title = String(r.title);
    const params = asObject(decodeRichData(r.parameters ?? {}));
    const res: CatalogResource = {
      type, title, ref: `${type}[${title}]`,
      tags: Array.isArray(r.tags) ? r.tags.map(String) : [],
      file: typeof r.file === 'string' ? r.file : null,
      line: typeof r.line === 'number' ? r.line : null,
      index,
      kind: typeof r.kind === 'string' ? r.kind : undefined,
      parameters: params,
      sensitiveParameters: new Set(Array.isArray(r.sensitive_parameters) ? r.sensitive_parameters.map(String) : []),
    };
    resources.push(res);
    byRef.set(res.ref, res);
  });
  const contains = new Map<string, string[]>();
  for (const raw of Array.isArray(data.edges) ? data.edges : []) {
    const e = asObject(raw);
    const s = parseRef(String(e.source));
    const t = parseRef(String(e.target));
    if (!s || !t) continue;
    const sref = `${s.type}[${s.title}]`;
    const list = contains.get(sref) ?? [];
    list.push(`${t.type}[${t.title}]`);
    contains.set(sref, list);
  }
  return {
    name: String(data.name ?? ''),
    version: (data.version as string | number | undefined) ?? null,
    codeId: typeof data.code_id === 'string' ? data.code_id : null,
    catalogUuid: typeof data.catalog_uuid === 'string' ? data.catalog_uuid : null,
    environment: String(data.environment ?? 'production'),
    resources, byRef, contains,
    classes: Array.isArray(data.classes) ? data.classes.map(String) : [],
    metadata: asObject(data.metadata),
    recursiveMetadata: asObject(data.recursive_metadata) as Record<string, Record<string, unknown[]>>,
  };
}

/** The references a relationship metaparameter names (scalar or array, nested arrays flattened). */
export function refsOf(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap(refsOf);
  const s = String(value);
  const p = parseRef(s);
  return p ? [`${p.type}[${p.title}]`] : [];
}
