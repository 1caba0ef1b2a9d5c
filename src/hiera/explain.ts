// The explanation tree of a lookup and its text form, shaped like `puppet lookup --explain`.
import { PFloat, PHash, formatFloat, isArray, isHash, type Value } from '../lang/values.js';
import type { MergeStrategy } from './merge.js';

type Event = 'found' | 'not_found' | 'result' | 'location_not_found' | 'module_not_found' | 'module_provider_not_found' | undefined;

export type ExplainKind =
  | { readonly type: 'data' | 'meta'; readonly key: string }
  | { readonly type: 'invalid_key'; readonly key: string }
  | { readonly type: 'data_provider'; readonly name: string; readonly configPath?: string }
  | { readonly type: 'location'; readonly path: string; readonly original: string }
  | { readonly type: 'merge'; readonly strategy: MergeStrategy }
  | { readonly type: 'module'; readonly module: string }
  | { readonly type: 'interpolate'; readonly expression: string }
  | { readonly type: 'scope'; readonly name: string }
  | { readonly type: 'sub_lookup'; readonly segments: readonly (string | number)[] }
  | { readonly type: 'segment' }
  | { readonly type: 'merge_source'; readonly source: string };

export class ExplainNode {
  readonly branches: ExplainNode[] = [];
  texts: string[] | undefined;
  event: Event;
  key: string | undefined;
  value: Value;
  constructor(readonly parent: ExplainNode | undefined, readonly kind: ExplainKind | undefined) {}
}

/** Records the steps of one lookup (push/pop around each step, events on the current one). */
export class Explainer {
  readonly root = new ExplainNode(undefined, undefined);
  private current: ExplainNode = this.root;

  push(kind: ExplainKind): void {
    const node = new ExplainNode(this.current, kind);
    this.current.branches.push(node);
    this.current = node;
  }
  pop(): void {
    if (this.current.parent) this.current = this.current.parent;
  }
  found(key: string | number, value: Value): void {
    this.current.key = String(key);
    this.current.value = value;
    this.current.event = 'found';
  }
  notFound(key: string | number): void {
    this.current.key = String(key);
    this.current.event = 'not_found';
  }
  result(value: Value): void {
    this.current.value = value;
    this.current.event = 'result';
  }
  locationNotFound(): void {
    this.current.event = 'location_not_found';
  }
  moduleEvent(module: string, event: 'module_not_found' | 'module_provider_not_found'): void {
    this.push({ type: 'module', module });
    this.current.event = event;
    this.pop();
  }
  mergeSource(source: string): void {
    this.current.branches.push(new ExplainNode(this.current, { type: 'merge_source', source }));
  }
  text(text: string): void {
    (this.current.texts ??= []).push(text);
  }

  /** The explanation as `puppet lookup --explain` prints it. */
  toString(): string {
    const out: string[] = [];
    for (const b of this.root.branches) dump(b, out, '', '');
    dumpTexts(this.root, out, '');
    return out.join('');
  }
}

const inc = (indent: string): string => `${indent}  `;

function dumpTexts(n: ExplainNode, out: string[], indent: string): void {
  for (const t of n.texts ?? []) out.push(`${indent}${t}\n`);
}

function dumpOutcome(n: ExplainNode, out: string[], indent: string): void {
  if (n.event === 'not_found') out.push(`${indent}No such key: "${n.key}"\n`);
  else if (n.event === 'found') out.push(`${indent}Found key: "${n.key}" value: ${dumpValue(n.value, indent)}\n`);
  dumpTexts(n, out, indent);
}

function dumpChildren(n: ExplainNode, out: string[], indent: string): void {
  for (const b of n.branches) dump(b, out, indent, indent);
}

function dump(n: ExplainNode, out: string[], indent: string, first: string): void {
  const k = n.kind;
  if (!k) return;
  switch (k.type) {
    case 'data':
    case 'meta':
      out.push(`${first}Searching for "${k.key}"\n`);
      dumpChildren(n, out, inc(indent));
      return;
    case 'invalid_key':
      out.push(`${first}Invalid key "${k.key}"\n`);
      return;
    case 'merge_source':
      out.push(`${first}Using merge options from "${k.source}" hash\n`);
      return;
    case 'module':
      if (n.event === 'module_not_found') out.push(`${indent}Module "${k.module}" not found\n`);
      else if (n.event === 'module_provider_not_found') out.push(`${indent}Module data provider for module "${k.module}" not found\n`);
      return;
    case 'interpolate':
      out.push(`${first}Interpolation on "${k.expression}"\n`);
      dumpChildren(n, out, inc(indent));
      return;
    case 'merge': {
      if (n.branches.length === 0) return;
      if (n.branches.length === 1) {
        dump(n.branches[0], out, indent, first);
        return;
      }
      out.push(`${first}Merge strategy ${strategyKey(k.strategy)}\n`);
      const ind = inc(indent);
      const opts = optionsWithoutStrategy(k.strategy);
      if (opts) out.push(`${ind}Options: ${dumpValue(opts, ind)}\n`);
      dumpChildren(n, out, ind);
      if (n.event === 'result') out.push(`${ind}Merged result: ${dumpValue(n.value, ind)}\n`);
      return;
    }
    case 'data_provider': {
      out.push(`${first}${k.name}\n`);
      const ind = inc(indent);
      if (k.configPath !== undefined) out.push(`${ind}Using configuration "${k.configPath}"\n`);
      dumpChildren(n, out, ind);
      dumpOutcome(n, out, ind);
      return;
    }
    case 'location': {
      out.push(`${indent}Path "${k.path}"\n`);
      const ind = inc(indent);
      out.push(`${ind}Original path: "${k.original}"\n`);
      dumpChildren(n, out, ind);
      if (n.event === 'location_not_found') out.push(`${ind}Path not found\n`);
      dumpOutcome(n, out, ind);
      return;
    }
    case 'sub_lookup': {
      out.push(`${indent}Sub key: "${k.segments.join('.')}"\n`);
      const ind = inc(indent);
      dumpChildren(n, out, ind);
      dumpOutcome(n, out, ind);
      return;
    }
    case 'segment':
      dumpOutcome(n, out, indent);
      return;
    case 'scope': {
      out.push(`${indent}${k.name}\n`);
      const ind = inc(indent);
      dumpChildren(n, out, ind);
      dumpOutcome(n, out, ind);
      return;
    }
  }
}

function strategyKey(s: MergeStrategy): string {
  return s.name === 'default' ? 'default' : s.name;
}

function optionsWithoutStrategy(s: MergeStrategy): PHash | undefined {
  if (!isHash(s.configuration)) return undefined;
  const h = s.configuration.without(['strategy']);
  return h.size === 0 ? undefined : h;
}

/** A value as the explainer prints it (Ruby inspect, containers one element a line). */
export function dumpValue(v: Value, indent: string): string {
  if (isHash(v)) {
    if (v.size === 0) return '{}';
    const inner = inc(indent);
    const parts = [...v.entries()].map(([k, x]) => `${inner}${dumpValue(k, inner)} => ${dumpValue(x, inner)}`);
    return `{\n${parts.join(',\n')}\n${indent}}`;
  }
  if (isArray(v)) {
    if (v.length === 0) return '[]';
    const inner = inc(indent);
    return `[\n${v.map((x) => `${inner}${dumpValue(x, inner)}`).join(',\n')}\n${indent}]`;
  }
  return rubyInspect(v);
}

/** Ruby's `inspect` of a data value. */
export function rubyInspect(v: Value): string {
  if (v === undefined) return 'nil';
  if (typeof v === 'string') return rubyString(v);
  if (v instanceof PFloat) return rubyFloat(v.value);
  if (isArray(v)) return `[${v.map(rubyInspect).join(', ')}]`;
  if (isHash(v)) return `{${[...v.entries()].map(([k, x]) => `${rubyInspect(k)}=>${rubyInspect(x)}`).join(', ')}}`;
  return String(v);
}

/** Ruby's `to_s` of a data value (used when interpolating into a string). */
export function rubyToS(v: Value): string {
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
  if (v instanceof PFloat) return rubyFloat(v.value);
  if (isArray(v) || isHash(v)) return rubyInspect(v);
  return String(v);
}

function rubyFloat(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  const abs = Math.abs(n);
  if (abs !== 0 && (abs >= 1e16 || abs < 1e-4)) {
    const [m, e] = n.toExponential().split('e');
    const mant = m.includes('.') ? m : `${m}.0`;
    const exp = Number(e);
    return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  const s = formatFloat(n);
  return s.includes('.') || s.includes('e') ? s : `${s}.0`;
}

function rubyString(s: string): string {
  let out = '"';
  for (const ch of s) {
    switch (ch) {
      case '"': out += '\\"'; break;
      case '\\': out += '\\\\'; break;
      case '\n': out += '\\n'; break;
      case '\t': out += '\\t'; break;
      case '\r': out += '\\r'; break;
      case '\u001b': out += '\\e'; break;
      case '#': out += '#'; break;
      default: {
        const c = ch.codePointAt(0) ?? 0;
        out += c < 0x20 ? `\\x${c.toString(16).toUpperCase().padStart(2, '0')}` : ch;
      }
    }
  }
  out = out.replace(/#(?=[{$@])/g, '\\#');
  return `${out}"`;
}
