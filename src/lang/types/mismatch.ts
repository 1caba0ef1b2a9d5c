// Describes why a value does not match a type, in the words of Puppet's
// TypeMismatchDescriber ("parameter 'x' expects an Integer value, got String").
import { PHash, TypeValue, type Value } from '../values.js';
import { inferType, isAssignable, isInstance } from './instance.js';
import {
  ANY, ArrayType, EnumType, HashType, IntegerType, PatternType, SimpleType, StructType, TupleType, TypeAliasType,
  VariantType, WrapperType, FloatType, StringType, RegexpType, CollectionType, ResourceType, ClassType,
} from './types.js';

interface Mismatch {
  readonly path: string[];
  readonly kind: 'type' | 'pattern' | 'size' | 'missing' | 'extra';
  readonly expected: TypeValue[];
  readonly optional: boolean;
  readonly actual: Value;
  readonly key?: string;
  readonly sizeExpected?: [number, number];
  readonly sizeActual?: number;
}

/** `a` or `an` as Puppet's LabelProvider chooses it (vowels include y). */
export function article(text: string): string {
  const first = text.replace(/^["']/, '')[0]?.toLowerCase() ?? '';
  return 'aeiouy'.includes(first) && first !== '' ? 'an' : 'a';
}

function sameFamily(e: TypeValue, a: TypeValue): boolean {
  if (e.constructor !== a.constructor) {
    return (e instanceof StructType && a instanceof HashType) || (e instanceof TupleType && a instanceof ArrayType);
  }
  if (e instanceof SimpleType && a instanceof SimpleType) return e.name === a.name;
  if (e instanceof WrapperType && a instanceof WrapperType) return e.name === a.name;
  return true;
}

function defaultOf(e: TypeValue): TypeValue {
  if (e instanceof IntegerType) return new IntegerType();
  if (e instanceof FloatType) return new FloatType();
  if (e instanceof StringType) return new StringType();
  if (e instanceof ArrayType) return new ArrayType();
  if (e instanceof HashType) return new HashType();
  if (e instanceof TupleType) return new TupleType([]);
  if (e instanceof StructType) return new StructType([]);
  if (e instanceof EnumType) return new EnumType([]);
  if (e instanceof PatternType) return new PatternType([]);
  if (e instanceof RegexpType) return new RegexpType();
  if (e instanceof CollectionType) return new CollectionType();
  if (e instanceof ResourceType) return new ResourceType(undefined);
  if (e instanceof ClassType) return new ClassType();
  if (e instanceof WrapperType) return new WrapperType(e.name, undefined);
  if (e instanceof VariantType) return ANY;
  return e;
}

function shortName(t: TypeValue): string {
  if (t instanceof WrapperType && t.inner !== undefined && !(t.inner instanceof SimpleType && t.inner.name === 'Any')) {
    return `${t.name}[${t.inner.name}]`;
  }
  return t.name;
}

function resolve(t: TypeValue): TypeValue {
  return t instanceof TypeAliasType ? resolve(t.resolved) : t;
}

function typeMessage(m: Mismatch): string {
  const actual = inferType(m.actual);
  const es = m.expected.map(resolve);
  const detailed = es.some((e) => sameFamily(e, actual)) || es.some((e) => isAssignable(defaultOf(e), actual));
  let names: string[];
  let a: string;
  if (detailed) {
    names = m.expected.map((t) => (t instanceof TypeAliasType ? t.name : String(t)));
    const always = es.some((e) => sameFamily(e, actual));
    a = always ? actual.toString() : actual.name;
  } else {
    names = [...new Set(m.expected.map(shortName))];
    a = shortName(actual);
  }
  if (m.optional) names.unshift('Undef');
  const multi = names.length > 1;
  const e = names.length === 1 ? names[0] : names.length === 2 ? `${names[0]} or ${names[1]}` : `${names.slice(0, -1).join(', ')}, or ${names[names.length - 1]}`;
  return multi ? `expects a value of type ${e}, got ${a}` : `expects ${article(e)} ${e} value, got ${a}`;
}

function rangeText(min: number, max: number, zero: string): string {
  if (min === max) return min === 0 ? zero : String(min);
  if (min === 0) return max === Infinity ? 'unlimited' : `at most ${max}`;
  if (max === Infinity) return `at least ${min}`;
  return `between ${min} and ${max}`;
}

function format(m: Mismatch): string {
  const pos = m.path.join(' ');
  const prefix = pos ? `${pos} ` : '';
  switch (m.kind) {
    case 'missing': return `${prefix}expects a value for key '${m.key}'`;
    case 'extra': return `${prefix}unrecognized key '${m.key}'`;
    case 'size': return `${prefix}expects size to be ${rangeText(m.sizeExpected![0], m.sizeExpected![1], '0')}, got ${rangeText(m.sizeActual!, m.sizeActual!, '0')}`;
    case 'pattern': {
      const got = typeof m.actual === 'string' ? `'${m.actual}'` : shortName(inferType(m.actual));
      return `${prefix}expects ${m.optional ? 'an undef value or ' : ''}a match for ${m.expected[0].toString()}, got ${got}`;
    }
    default: return `${prefix}${typeMessage(m)}`;
  }
}

function describe(expected: TypeValue, actual: Value, path: string[], optional = false, original?: TypeValue): Mismatch[] {
  const orig = original ?? expected;
  if (expected instanceof TypeAliasType) {
    const r = describe(expected.resolved, actual, path, optional, expected);
    if (r.length > 1 || (r.length === 1 && r[0].path.length > path.length)) return r;
    if (r.length === 1 && r[0].kind === 'pattern') return [{ ...r[0], expected: [expected] }];
    return r.length ? [{ path, kind: 'type', expected: [expected], optional, actual }] : [];
  }
  if (isInstance(expected, actual)) return [];
  if (expected instanceof WrapperType && expected.name === 'Optional') {
    if (actual === undefined || expected.inner === undefined) return [];
    return describe(expected.inner, actual, path, true, original);
  }
  if (expected instanceof VariantType) {
    const all: Mismatch[][] = [];
    for (const t of expected.types) {
      const d = describe(t, actual, path);
      if (d.length === 0) return [];
      all.push(d);
    }
    const flat = all.flat();
    // a PatternMismatch is a TypeMismatch too, so mismatches of all variants at this path merge into one
    if (flat.every((d) => (d.kind === 'type' || d.kind === 'pattern') && d.path.join() === path.join()) && flat.length === all.length) {
      return [{ path, kind: 'type', expected: flat.flatMap((d) => d.expected), optional: optional || flat.some((d) => d.optional), actual }];
    }
    if (original instanceof TypeAliasType) return [{ path, kind: 'type', expected: [original], optional, actual }];
    return flat;
  }
  if (expected instanceof EnumType || expected instanceof PatternType) {
    return [{ path, kind: 'pattern', expected: [orig instanceof WrapperType ? expected : expected], optional, actual }];
  }
  if (expected instanceof ArrayType && Array.isArray(actual)) {
    const min = expected.min ?? 0;
    const max = expected.max ?? Infinity;
    if (actual.length < min || actual.length > max) return [{ path, kind: 'size', expected: [expected], optional, actual, sizeExpected: [min, max], sizeActual: actual.length }];
    const elem = expected.elem ?? ANY;
    return actual.flatMap((x, i) => describe(elem, x, [...path, `index ${i}`]));
  }
  if (expected instanceof TupleType && Array.isArray(actual) && expected.types.length > 0) {
    const min = expected.min ?? expected.types.length;
    const max = expected.max ?? expected.types.length;
    if (actual.length < min || actual.length > max) return [{ path, kind: 'size', expected: [expected], optional, actual, sizeExpected: [min, max], sizeActual: actual.length }];
    return actual.flatMap((x, i) => describe(expected.types[Math.min(i, expected.types.length - 1)], x, [...path, `index ${i}`]));
  }
  if (expected instanceof HashType && actual instanceof PHash) {
    const min = expected.min ?? 0;
    const max = expected.max ?? Infinity;
    if (actual.size < min || actual.size > max) return [{ path, kind: 'size', expected: [expected], optional, actual, sizeExpected: [min, max], sizeActual: actual.size }];
    const out: Mismatch[] = [];
    for (const [k, v] of actual) {
      out.push(...describe(expected.key ?? ANY, k, [...path, `key of entry '${String(k)}'`]));
      out.push(...describe(expected.value ?? ANY, v, [...path, `entry '${String(k)}'`]));
    }
    return out;
  }
  if (expected instanceof StructType && actual instanceof PHash) {
    const out: Mismatch[] = [];
    const seen = new Set<string>();
    for (const m of expected.members) {
      seen.add(m.key);
      if (!actual.has(m.key)) {
        if (!m.optional) out.push({ path, kind: 'missing', expected: [], optional, actual, key: m.key });
      } else out.push(...describe(m.type, actual.get(m.key), [...path, `entry '${m.key}'`]));
    }
    for (const k of actual.keys()) if (typeof k !== 'string' || !seen.has(k)) out.push({ path, kind: 'extra', expected: [], optional, actual, key: String(k) });
    return out;
  }
  return [{ path, kind: 'type', expected: [orig instanceof WrapperType && orig.name === 'Optional' ? expected : expected], optional, actual }];
}

/**
 * The mismatch text for `value` against `type`, prefixed by `subject`
 * (e.g. "parameter 'x'"), or undefined when the value matches. Several
 * mismatches are joined with newlines, as Puppet does.
 */
export function describeMismatch(subject: string, type: TypeValue, value: Value): string | undefined {
  const ms = describe(type, value, subject ? [subject] : []);
  if (ms.length === 0) return undefined;
  return ms.map(format).join('\n');
}

/**
 * `Subject: mismatch`, or for several mismatches Puppet's multi-line form
 * `Subject:\n  mismatch 1\n  mismatch 2`.
 */
export function describeMismatches(subject: string, parts: readonly string[]): string {
  const lines = parts.flatMap((p) => p.split('\n'));
  return lines.length === 1 ? `${subject}: ${lines[0]}` : `${subject}:\n${lines.map((l) => `  ${l}`).join('\n')}`;
}
