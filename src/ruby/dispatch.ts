// Picks the dispatch of a Ruby 4.x function that accepts a call's arguments
// and block, as Puppet's dispatcher does (the first in declaration order), and
// otherwise builds Puppet's error text (TypeMismatchDescriber.describe_signatures):
// one merged reason when every signature fails the same way, else the list of
// signatures each with what rejected the call.
import { TypeValue, type Value } from '../lang/values.js';
import { isInstance } from '../lang/types/instance.js';
import { describeMismatch } from '../lang/types/mismatch.js';
import { SimpleType, VariantType, WrapperType } from '../lang/types/types.js';

export type ParamKind = 'required' | 'optional' | 'repeated' | 'required_repeated';

/** A dispatch as the Ruby shim reports it (`dispatch :m do ... end`). */
export interface DispatchDecl {
  readonly method: string;
  /** Declared with `argument_mismatch`: matching it fails the call with the method's answer. */
  readonly mismatch: boolean;
  readonly params: readonly { readonly name: string; readonly type: string; readonly kind: ParamKind }[];
  readonly block: { readonly name: string; readonly type: string; readonly optional: boolean } | null;
  readonly returnType: string | null;
  /** Positions (among the parameters) where `scope_param` injects the scope. */
  readonly scopeAt: readonly number[];
}

/** A dispatch with its types resolved. */
export interface Signature {
  readonly decl: DispatchDecl;
  readonly types: readonly TypeValue[];
  readonly min: number;
  readonly max: number;
  readonly block: { readonly type: TypeValue; readonly optional: boolean; readonly min: number; readonly max: number } | undefined;
  readonly returnType: TypeValue | undefined;
}

/** The arity of the lambda given to the call. */
export interface BlockArity {
  readonly minArgs: number;
  readonly maxArgs: number;
}

export function resolveSignature(decl: DispatchDecl, parseType: (text: string) => TypeValue): Signature {
  const types = decl.params.map((p) => parseType(p.type));
  const min = decl.params.filter((p) => p.kind === 'required' || p.kind === 'required_repeated').length;
  const repeated = decl.params.some((p) => p.kind === 'repeated' || p.kind === 'required_repeated');
  let block: Signature['block'];
  if (decl.block) {
    const type = parseType(decl.block.type);
    block = { type, optional: decl.block.optional, ...callableArity(type) };
  }
  return {
    decl,
    types,
    min,
    max: repeated ? Infinity : decl.params.length,
    block,
    returnType: decl.returnType === null ? undefined : parseType(decl.returnType),
  };
}

/** Marks a Callable that constrains no argument count. */
const ANY_ARITY = { min: -1, max: -1 };

/** The argument counts a Callable type accepts: `Callable[2,2]`, `Callable[String, String]`, `Callable`. */
function callableArity(t: TypeValue): { min: number; max: number } {
  if (t instanceof WrapperType && t.inner) return callableArity(t.inner);
  if (!(t instanceof SimpleType) || t.name !== 'Callable' || t.params.length === 0) return ANY_ARITY;
  const types = t.params.filter((p) => p instanceof TypeValue);
  // A Callable with only a block type, or none at all, takes any lambda.
  const counts = t.params.filter((p): p is number => typeof p === 'number');
  if (counts.length === 0) return { min: types.length, max: types.length };
  return { min: counts[0], max: counts.length > 1 ? counts[1] : Infinity };
}

export type DispatchResult =
  | { readonly ok: true; readonly signature: Signature }
  | { readonly ok: false; readonly message: string };

/** The first signature accepting the call, or Puppet's message for why none does (without the function name's quote). */
export function selectDispatch(name: string, sigs: readonly Signature[], args: readonly Value[], block: BlockArity | undefined): DispatchResult {
  for (const sig of sigs) {
    if (argumentErrors(sig, args).length === 0 && blockErrors(sig, block).length === 0) return { ok: true, signature: sig };
  }
  return { ok: false, message: describeSignatures(`'${name}'`, sigs.filter((s) => !s.decl.mismatch), args, block) };
}

interface Reason {
  readonly kind: 'count' | 'type' | 'missing_block' | 'unexpected_block';
  /** Where the reason applies ('' for the whole call, "parameter 'x'", "block"): reasons merge only at the same place. */
  readonly at: string;
  readonly text: string;
  readonly range?: [number, number];
  readonly actual?: number;
  readonly type?: TypeValue;
  readonly value?: Value;
}

function argumentErrors(sig: Signature, args: readonly Value[]): Reason[] {
  if (args.length < sig.min || args.length > sig.max) {
    return [{ kind: 'count', at: '', text: countText(sig.min, sig.max, args.length), range: [sig.min, sig.max], actual: args.length }];
  }
  for (let i = 0; i < args.length; i++) {
    const at = Math.min(i, sig.types.length - 1);
    const type = sig.types[at];
    if (isInstance(type, args[i])) continue;
    const where = `parameter '${sig.decl.params[at].name}'`;
    const text = describeMismatch(where, normalized(type), args[i]) ?? `${where} expects a ${type.toString()} value`;
    return text.split('\n').map((line) => ({ kind: 'type', at: where, text: line, type, value: args[i] }));
  }
  return [];
}

// Puppet normalizes a signature's types before describing a mismatch: a
// Variant with Undef among its types is an Optional of the others (so the
// message lists Undef first). Signatures themselves print as declared.
function normalized(t: TypeValue): TypeValue {
  if (!(t instanceof VariantType)) return t;
  const isUndef = (x: TypeValue) => x instanceof SimpleType && x.name === 'Undef';
  if (!t.types.some(isUndef)) return t;
  const rest = t.types.filter((x) => !isUndef(x));
  return new WrapperType('Optional', rest.length === 1 ? rest[0] : new VariantType(rest));
}

function blockErrors(sig: Signature, block: BlockArity | undefined): Reason[] {
  if (block === undefined) {
    return sig.block && !sig.block.optional ? [{ kind: 'missing_block', at: '', text: 'expects a block' }] : [];
  }
  if (!sig.block) return [{ kind: 'unexpected_block', at: '', text: 'does not expect a block' }];
  // The lambda must accept every argument count the declared Callable may pass it.
  if (sig.block.min === ANY_ARITY.min || (block.minArgs <= sig.block.min && block.maxArgs >= sig.block.max)) return [];
  const text = `block ${countText(sig.block.min, sig.block.max, block.minArgs, block.maxArgs)}`;
  return [{ kind: 'count', at: 'block', text, range: [sig.block.min, sig.block.max], actual: block.minArgs }];
}

function describeSignatures(label: string, sigs: readonly Signature[], args: readonly Value[], block: BlockArity | undefined): string {
  let errors = sigs.map((s) => argumentErrors(s, args));
  if (!errors.every((e) => e.length > 0)) {
    const blocks = sigs.map((s) => blockErrors(s, block));
    const failing = blocks.filter((b) => b.length > 0).length;
    if (failing === blocks.length) errors = blocks;
    else if (failing > 0) errors = errors.map((e, i) => (e.length === 0 ? blocks[i] : e));
  }
  const merged = mergeReasons(errors);
  if (merged.length === 1) return `${label} ${merged[0]}`;
  if (sigs.length === 1) {
    return [`${label} expects (${signatureText(sigs[0])})`, ...errors[0].map((r) => `  rejected: ${r.text}`)].join('\n');
  }
  const lines = [`The function ${label} was called with arguments it does not accept. It expects one of:`];
  sigs.forEach((s, i) => {
    lines.push(`  (${signatureText(s)})`);
    for (const r of errors[i]) lines.push(`    rejected: ${r.text}`);
  });
  return lines.join('\n');
}

// Puppet merges the reasons of all signatures into one when each signature
// failed for the same kind of reason at the same place.
function mergeReasons(errors: readonly Reason[][]): string[] {
  const all = errors.flat();
  for (const kind of ['count', 'missing_block', 'unexpected_block', 'type'] as const) {
    const same = all.filter((r) => r.kind === kind);
    if (same.length !== errors.length || !same.every((r) => r.at === same[0].at)) continue;
    const first = same[0];
    if (kind === 'count') {
      const min = Math.min(...same.map((r) => r.range![0]));
      const max = Math.max(...same.map((r) => r.range![1]));
      const prefix = first.at ? `${first.at} ` : '';
      return [`${prefix}${countText(min, max, first.actual!)}`];
    }
    if (kind === 'type') {
      const types = [...new Map(same.map((r) => [r.type!.toString(), r.type!])).values()];
      const type = types.length === 1 ? types[0] : new VariantType(types);
      return [describeMismatch(first.at, type, first.value) ?? first.text];
    }
    return [first.text];
  }
  const unique = [...new Set(all.map((r) => r.text))];
  return unique;
}

function rangeText(min: number, max: number, zero: string): string {
  if (min === max) return min === 0 ? zero : String(min);
  if (min === 0) return max === Infinity ? 'unlimited' : `at most ${max}`;
  if (max === Infinity) return `at least ${min}`;
  return `between ${min} and ${max}`;
}

function countText(min: number, max: number, actualMin: number, actualMax = actualMin): string {
  const suffix = (min === 1 && (max === 1 || max === Infinity)) || (min === 0 && max === 1) ? '' : 's';
  return `expects ${rangeText(min, max, 'no')} argument${suffix}, got ${rangeText(actualMin, actualMax, 'none')}`;
}

/** A signature as Puppet prints it: `String s, Integer n?, Numeric rest*, Callable[2, 2] block`. */
function signatureText(sig: Signature): string {
  const params = sig.decl.params;
  const parts = params.map((p, i) => {
    let type = sig.types[i];
    let indicator = '';
    if (sig.max === Infinity && i === params.length - 1) indicator = sig.min === params.length ? '+' : '*';
    else if (i + 1 > sig.min) {
      indicator = '?';
      if (type instanceof WrapperType && type.name === 'Optional' && type.inner) type = type.inner;
    }
    return `${type.toString()} ${p.name}${indicator}`;
  });
  if (sig.block && sig.decl.block) parts.push(`${sig.block.type.toString()} ${sig.decl.block.name}${sig.block.optional ? '?' : ''}`);
  return parts.join(', ');
}
