// The catalog's JSON as puppetserver 7 sends it: key order, Ruby's float
// format, and rich-data (`__ptype`) encoding of values JSON cannot carry.
import {
  DEFAULT, PBinary, PDeferred, PFloat, PHash, PRegexp, PSemVer, PSemVerRange, PSensitive, PTimespan, PTimestamp, TypeValue,
  formatFloat, toPuppetString, type Value,
} from '../lang/values.js';
import {
  ArrayType, ClassType, CollectionType, EnumType, FloatType, HashType, IntegerType, PatternType, RegexpType, ResourceType,
  SimpleType, StringType, StructType, TupleType, TypeAliasType, VariantType, WrapperType,
} from '../lang/types/types.js';
import type { Catalog, CatalogResource } from './catalog.js';

export interface CatalogJsonOptions {
  /** Encode non-JSON values as `__ptype` objects (application/vnd.puppet.rich+json); otherwise stringify them. */
  readonly richData: boolean;
}

/** A JSON tree whose object keys keep insertion order even when they look like integers. */
type Json = null | boolean | number | string | RawNumber | Json[] | JsonObject;
class JsonObject {
  readonly entries: [string, Json][] = [];
  set(k: string, v: Json): this {
    this.entries.push([k, v]);
    return this;
  }
}
class RawNumber {
  constructor(readonly text: string) {}
}

function write(j: Json, out: string[]): void {
  if (j === null) out.push('null');
  else if (typeof j === 'string') out.push(JSON.stringify(j));
  else if (typeof j === 'number' || typeof j === 'boolean') out.push(String(j));
  else if (j instanceof RawNumber) out.push(j.text);
  else if (Array.isArray(j)) {
    out.push('[');
    j.forEach((x, i) => {
      if (i) out.push(',');
      write(x, out);
    });
    out.push(']');
  } else {
    out.push('{');
    j.entries.forEach(([k, v], i) => {
      if (i) out.push(',');
      out.push(JSON.stringify(k), ':');
      write(v, out);
    });
    out.push('}');
  }
}

function writePretty(j: Json, indent: string, out: string[]): void {
  const inner = `${indent}  `;
  if (Array.isArray(j)) {
    if (j.length === 0) return void out.push('[]');
    out.push('[\n');
    j.forEach((x, i) => {
      out.push(inner);
      writePretty(x, inner, out);
      out.push(i < j.length - 1 ? ',\n' : '\n');
    });
    out.push(`${indent}]`);
  } else if (j instanceof JsonObject) {
    if (j.entries.length === 0) return void out.push('{}');
    out.push('{\n');
    j.entries.forEach(([k, v], i) => {
      out.push(`${inner}${JSON.stringify(k)}: `);
      writePretty(v, inner, out);
      out.push(i < j.entries.length - 1 ? ',\n' : '\n');
    });
    out.push(`${indent}}`);
  } else write(j, out);
}

function ptype(name: string, value?: Json): JsonObject {
  const o = new JsonObject().set('__ptype', name);
  if (value !== undefined) o.set('__pvalue', value);
  return o;
}

/** A Pcore object for a type value: `{"__ptype":"Pcore::IntegerType","from":1,"to":2}`; default attributes are left out. */
function pcoreType(t: TypeValue): JsonObject {
  const o = new JsonObject().set('__ptype', `Pcore::${t.name}Type`);
  const size = (min: number | undefined, max: number | undefined) => {
    if (min === undefined && max === undefined) return;
    o.set('size_type', pcoreType(new IntegerType(min, max)));
  };
  if (t instanceof IntegerType || t instanceof FloatType) {
    if (t.from !== undefined) o.set('from', valueToJson(t instanceof FloatType ? new PFloat(t.from) : t.from, true));
    if (t.to !== undefined) o.set('to', valueToJson(t instanceof FloatType ? new PFloat(t.to) : t.to, true));
  } else if (t instanceof StringType) {
    if (t.min !== undefined || t.max !== undefined) o.set('size_type_or_value', pcoreType(new IntegerType(t.min, t.max)));
  } else if (t instanceof EnumType) {
    if (t.values.length) o.set('values', [...t.values]);
    if (t.caseInsensitive) o.set('case_insensitive', true);
  } else if (t instanceof PatternType) {
    if (t.patterns.length) o.set('patterns', t.patterns.map((p) => new JsonObject().set('__ptype', 'Pcore::RegexpType').set('pattern', p.source)));
  } else if (t instanceof RegexpType) {
    if (t.pattern) o.set('pattern', t.pattern.source);
  } else if (t instanceof ArrayType) {
    if (t.elem) o.set('element_type', pcoreType(t.elem));
    size(t.min, t.max);
  } else if (t instanceof HashType) {
    if (t.key) o.set('key_type', pcoreType(t.key));
    if (t.value) o.set('value_type', pcoreType(t.value));
    size(t.min, t.max);
  } else if (t instanceof TupleType) {
    o.set('types', t.types.map(pcoreType));
    size(t.min, t.max);
  } else if (t instanceof StructType) {
    const keyType = (key: string) => new JsonObject().set('__ptype', 'Pcore::StringType').set('size_type_or_value', key);
    o.set('elements', t.members.map((m) => new JsonObject().set('__ptype', 'Pcore::StructElement')
      .set('key_type', m.keyForm === 'optional'
        ? new JsonObject().set('__ptype', 'Pcore::OptionalType').set('type', keyType(m.key))
        : m.keyForm === 'notundef' ? new JsonObject().set('__ptype', 'Pcore::NotUndefType').set('type', keyType(m.key)) : keyType(m.key))
      .set('value_type', pcoreType(m.type))));
  } else if (t instanceof WrapperType) {
    if (t.inner) o.set('type', pcoreType(t.inner));
  } else if (t instanceof VariantType) {
    o.set('types', t.types.map(pcoreType));
  } else if (t instanceof CollectionType) {
    size(t.min, t.max);
  } else if (t instanceof ResourceType) {
    if (t.typeName) o.set('type_name', t.typeName);
    if (t.title !== undefined) o.set('title', t.title);
  } else if (t instanceof ClassType) {
    if (t.className) o.set('class_name', t.className);
  } else if (t instanceof TypeAliasType) {
    return new JsonObject().set('__ptype', 'Pcore::TypeAliasType').set('name', t.name).set('type_expr', null).set('resolved_type', pcoreType(t.resolved));
  } else if (t instanceof SimpleType && t.name === 'Boolean' && t.params.length === 1) {
    o.set('value', t.params[0] as boolean);
  }
  return o;
}

function typeToJson(t: TypeValue, rich: boolean): Json {
  if (t instanceof ResourceType && t.title !== undefined) return t.refString();
  if (t instanceof ClassType && t.className !== undefined) return t.refString();
  if (!rich) return t.toString();
  return pcoreType(t);
}

/** Converts a parameter value into JSON (rich or stringified). */
export function valueToJson(v: Value, rich: boolean): Json {
  if (v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return new RawNumber(String(v));
  if (v instanceof PFloat) return Number.isFinite(v.value) ? new RawNumber(formatFloat(v.value)) : formatFloat(v.value);
  if (Array.isArray(v)) return v.map((x) => valueToJson(x, rich));
  if (v instanceof PHash) {
    const stringKeys = v.keys().every((k) => typeof k === 'string');
    if (stringKeys) {
      const o = new JsonObject();
      for (const [k, x] of v) o.set(k as string, valueToJson(x, rich));
      return o;
    }
    if (!rich) {
      const o = new JsonObject();
      for (const [k, x] of v) o.set(typeof k === 'string' ? k : toPuppetString(k), valueToJson(x, rich));
      return o;
    }
    const flat: Json[] = [];
    for (const [k, x] of v) flat.push(valueToJson(k, rich), valueToJson(x, rich));
    return ptype('Hash', flat);
  }
  if (v instanceof TypeValue) return typeToJson(v, rich);
  if (!rich) return v instanceof PRegexp ? `/${v.source}/` : toPuppetString(v);
  if (v === DEFAULT) return ptype('Default');
  if (v instanceof PRegexp) return ptype('Regexp', v.source);
  if (v instanceof PSensitive) return ptype('Sensitive', valueToJson(v.value, rich));
  if (v instanceof PBinary) return ptype('Binary', v.bytes.toString('base64'));
  if (v instanceof PTimespan) return ptype('Timespan', v.toString());
  if (v instanceof PTimestamp) return ptype('Timestamp', v.toString());
  if (v instanceof PSemVer) return ptype('SemVer', v.toString());
  if (v instanceof PSemVerRange) return ptype('SemVerRange', v.toString());
  if (v instanceof PDeferred) {
    const o = new JsonObject().set('__ptype', 'Deferred').set('name', v.name);
    if (v.args.length) o.set('arguments', v.args.map((a) => valueToJson(a, rich)));
    return o;
  }
  return toPuppetString(v);
}

function resourceToJson(r: CatalogResource, rich: boolean): JsonObject {
  const o = new JsonObject().set('type', r.type).set('title', r.title).set('tags', r.tags.toArray());
  if (r.file !== undefined) o.set('file', r.file);
  if (r.line !== undefined) o.set('line', r.line);
  if (r.exportedSet) {
    o.set('exported', r.exported);
    o.set('kind', r.kind);
  } else {
    o.set('kind', r.kind);
    o.set('exported', r.exported);
  }
  const params = new JsonObject();
  const sensitive: string[] = [];
  for (const [name, value] of r.parameters) {
    if (value === undefined) continue;
    if (value instanceof PSensitive) {
      sensitive.push(name);
      params.set(name, valueToJson(value.value, rich));
    } else params.set(name, valueToJson(value, rich));
  }
  if (params.entries.length) o.set('parameters', params);
  if (sensitive.length) o.set('sensitive_parameters', sensitive);
  return o;
}

/**
 * Puppet's graph lists edges grouped by target, targets in the order they were
 * added to the catalog, and each target's edges in the order they were added.
 * A stable bucket sort: edges whose target is not a catalog resource come last.
 */
function edgesInGraphOrder(c: Catalog): Catalog['edges'] {
  const index = new Map<string, number>();
  c.resources.forEach((r, i) => index.set(r.ref, i));
  const buckets: (Catalog['edges'][number][] | undefined)[] = new Array(c.resources.length);
  const unknown: Catalog['edges'][number][] = [];
  for (const e of c.edges) {
    const t = index.get(e.target);
    if (t === undefined) unknown.push(e);
    else (buckets[t] ??= []).push(e);
  }
  const out: Catalog['edges'][number][] = [];
  for (const b of buckets) if (b) for (const e of b) out.push(e);
  for (const e of unknown) out.push(e);
  return out;
}

function visibleEdges(c: Catalog): Catalog['edges'] {
  return edgesInGraphOrder(c).filter((e) => !(c.get(e.source)?.virtual || c.get(e.target)?.virtual));
}

function catalogTree(c: Catalog, opts: CatalogJsonOptions): JsonObject {
  return new JsonObject()
    .set('tags', c.tags.toArray())
    .set('name', c.name)
    .set('version', c.version)
    .set('code_id', c.codeId)
    .set('catalog_uuid', c.catalogUuid)
    .set('catalog_format', 2)
    .set('environment', c.environment)
    .set('resources', c.resources.filter((r) => !r.virtual).map((r) => resourceToJson(r, opts.richData)))
    .set('edges', visibleEdges(c).map((e) => new JsonObject().set('source', e.source).set('target', e.target)))
    .set('classes', [...c.classes]);
}

/**
 * UTF-8 bytes in 64 KB blocks, joined once at the end. The catalog writer
 * moves its text here a chunk at a time: one rope for a whole large catalog
 * kept every piece alive until the end, long enough to be promoted into the
 * old generation (about 12 MB of garbage there per 5,000-resource catalog),
 * where chunks die young. Fixed blocks rather than a doubling buffer: a series
 * of ever larger allocations left the C heap fragmented (RSS 5 MB higher).
 */
class Utf8Sink {
  private readonly blocks: Buffer[] = [];
  private block = Buffer.allocUnsafeSlow(BLOCK_BYTES);
  private used = 0;
  private total = 0;

  write(s: string): void {
    // a UTF-16 code unit takes at most 3 bytes in UTF-8
    if (this.used + s.length * 3 > this.block.length) {
      this.blocks.push(this.block.subarray(0, this.used));
      this.block = Buffer.allocUnsafeSlow(Math.max(BLOCK_BYTES, s.length * 3));
      this.used = 0;
    }
    const n = this.block.write(s, this.used, 'utf8');
    this.used += n;
    this.total += n;
  }

  result(): Buffer {
    return Buffer.concat([...this.blocks, this.block.subarray(0, this.used)], this.total);
  }
}

const BLOCK_BYTES = 64 * 1024;

/** Text is moved from the writer's current chunk into the sink once the chunk is this long. */
const CHUNK_CHARS = 16 * 1024;

/*
 * The compact writer: the hot path of every catalog request. It appends to a
 * string chunk (V8 concatenates into ropes), moved into a UTF-8 buffer at each
 * resource once it is long, straight from the catalog model, without the
 * intermediate JsonObject tree the pretty printer uses. Its output must stay
 * byte-identical to write(catalogTree(...)): the plain cases are written here,
 * and every rarer value (types, rich-data objects, stringified values) goes
 * through valueToJson and write().
 */
class CompactWriter {
  text = '';
  private readonly sink = new Utf8Sink();
  constructor(private readonly rich: boolean) {}

  private spill(): void {
    if (this.text.length < CHUNK_CHARS) return;
    this.sink.write(this.text);
    this.text = '';
  }

  value(v: Value): void {
    if (typeof v === 'string') this.text += JSON.stringify(v);
    else if (typeof v === 'number' || typeof v === 'boolean') this.text += String(v);
    else if (v === undefined) this.text += 'null';
    else if (Array.isArray(v)) this.array(v);
    else if (v instanceof PHash && v.keys().every((k) => typeof k === 'string')) {
      let first = true;
      this.text += '{';
      for (const [k, x] of v) {
        this.text += first ? JSON.stringify(k) : `,${JSON.stringify(k)}`;
        this.text += ':';
        first = false;
        this.value(x);
      }
      this.text += '}';
    } else this.tree(valueToJson(v, this.rich));
  }

  array(vs: readonly Value[]): void {
    this.text += '[';
    for (let i = 0; i < vs.length; i++) {
      if (i) this.text += ',';
      this.value(vs[i]);
    }
    this.text += ']';
  }

  strings(vs: readonly string[]): void {
    this.text += '[';
    for (let i = 0; i < vs.length; i++) this.text += i ? `,${JSON.stringify(vs[i])}` : JSON.stringify(vs[i]);
    this.text += ']';
  }

  tree(j: Json): void {
    const out: string[] = [];
    write(j, out);
    this.text += out.join('');
  }

  resource(r: CatalogResource): void {
    this.text += `{"type":${JSON.stringify(r.type)},"title":${JSON.stringify(r.title)},"tags":`;
    this.strings(r.tags.toArray());
    if (r.file !== undefined) this.text += `,"file":${JSON.stringify(r.file)}`;
    if (r.line !== undefined) this.text += `,"line":${String(r.line)}`;
    const kind = JSON.stringify(r.kind);
    this.text += r.exportedSet ? `,"exported":${String(r.exported)},"kind":${kind}` : `,"kind":${kind},"exported":${String(r.exported)}`;
    let sensitive: string[] | undefined;
    let first = true;
    for (const [name, value] of r.parameters) {
      if (value === undefined) continue;
      this.text += first ? `,"parameters":{${JSON.stringify(name)}:` : `,${JSON.stringify(name)}:`;
      first = false;
      if (value instanceof PSensitive) {
        (sensitive ??= []).push(name);
        this.value(value.value);
      } else this.value(value);
    }
    if (!first) this.text += '}';
    if (sensitive) {
      this.text += ',"sensitive_parameters":';
      this.strings(sensitive);
    }
    this.text += '}';
  }

  catalog(c: Catalog): Buffer {
    this.text += '{"tags":';
    this.strings(c.tags.toArray());
    this.text += `,"name":${JSON.stringify(c.name)},"version":`;
    this.value(c.version);
    this.text += `,"code_id":${c.codeId === null ? 'null' : JSON.stringify(c.codeId)}`;
    this.text += `,"catalog_uuid":${JSON.stringify(c.catalogUuid)},"catalog_format":2,"environment":${JSON.stringify(c.environment)},"resources":[`;
    let first = true;
    for (const r of c.resources) {
      if (r.virtual) continue;
      if (!first) this.text += ',';
      first = false;
      this.resource(r);
      this.spill();
    }
    this.text += '],"edges":[';
    first = true;
    for (const e of visibleEdges(c)) {
      this.text += `${first ? '' : ','}{"source":${JSON.stringify(e.source)},"target":${JSON.stringify(e.target)}}`;
      first = false;
      this.spill();
    }
    this.text += '],"classes":';
    this.strings(c.classes);
    this.text += '}';
    this.sink.write(this.text);
    this.text = '';
    return this.sink.result();
  }
}

/** The catalog as puppetserver sends it (compact JSON, no trailing newline). */
export function catalogToJson(c: Catalog, opts: CatalogJsonOptions = { richData: true }): string {
  return catalogToJsonBuffer(c, opts).toString('utf8');
}

/** catalogToJson's text as UTF-8 bytes, for the server to send without another copy. */
export function catalogToJsonBuffer(c: Catalog, opts: CatalogJsonOptions = { richData: true }): Buffer {
  return new CompactWriter(opts.richData).catalog(c);
}

/** The same document indented by two spaces, as Ruby's JSON.pretty_generate prints it. */
export function catalogToPrettyJson(c: Catalog, opts: CatalogJsonOptions = { richData: true }): string {
  const out: string[] = [];
  writePretty(catalogTree(c, opts), '', out);
  return out.join('');
}
