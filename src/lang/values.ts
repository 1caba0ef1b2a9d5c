// The one model of Puppet runtime values: how each kind is represented in
// JavaScript, equality and comparison as Puppet's operators define them,
// truthiness, and the two string forms (interpolation and inspect/%p).
//
// Representation (decided once; every other module relies on it):
// - undef         -> `undefined`
// - default       -> the `DEFAULT` singleton
// - Boolean       -> boolean
// - Integer       -> a JS number that is an integer when it is a safe integer
//                    (|n| <= 2^53), else a bigint; Puppet integers are 64-bit
//                    signed and arithmetic switches to BigInt past 2^53.
// - Float         -> `PFloat` (a boxed number) so that `1.0` stays a Float
// - String        -> string
// - Regexp        -> `PRegexp`
// - Array         -> a frozen JS array of values
// - Hash          -> `PHash` (insertion-ordered, keys of any value)
// - types, resource and class references -> subclasses of `TypeValue`
// - Sensitive, Binary, Timespan, Timestamp, SemVer, Deferred, Iterator -> classes below

import { translateRubyRegExp } from './ruby-regexp.js';

export class PDefault {
  toString(): string {
    return 'default';
  }
}
export const DEFAULT = new PDefault();

export class PFloat {
  constructor(readonly value: number) {}
}

export class PRegexp {
  readonly re: RegExp;
  constructor(readonly source: string) {
    this.re = toJsRegExp(source);
  }
}

/**
 * Converts a Ruby regexp source into a JS RegExp (see ruby-regexp.ts for what
 * is translated); `flags` takes JS's g and Ruby's i, m, x.
 */
export function toJsRegExp(source: string, flags = ''): RegExp {
  const translated = translateRubyRegExp(source, flags);
  return new RegExp(translated.source, translated.flags);
}

/** Base class of every type value (the types module defines the subclasses). */
export abstract class TypeValue {
  abstract readonly name: string;
  /** The type as Puppet prints it, e.g. `Integer[1, 2]`. */
  abstract toString(): string;
  /** What makes two types equal (the printed form, plus hidden parts such as an inferred String's value). */
  typeKey(): string {
    return this.toString();
  }
}

export class PSensitive {
  constructor(readonly value: Value) {}
  toString(): string {
    return 'Sensitive [value redacted]';
  }
}

export class PBinary {
  constructor(readonly bytes: Buffer) {}
  toString(): string {
    return this.bytes.toString('base64');
  }
}

/** A duration in nanoseconds held as seconds (float) for simplicity. */
export class PTimespan {
  constructor(readonly seconds: number) {}
  toString(): string {
    const neg = this.seconds < 0;
    let s = Math.abs(this.seconds);
    const days = Math.floor(s / 86400);
    s -= days * 86400;
    const h = Math.floor(s / 3600);
    s -= h * 3600;
    const m = Math.floor(s / 60);
    s -= m * 60;
    const sec = Math.floor(s);
    const frac = Math.round((s - sec) * 1000);
    const p2 = (n: number) => String(n).padStart(2, '0');
    return `${neg ? '-' : ''}${days}-${p2(h)}:${p2(m)}:${p2(sec)}.${frac === 0 ? '0' : String(frac).padStart(3, '0').replace(/0+$/, '')}`;
  }
}

/** A point in time: milliseconds since the epoch plus extra nanoseconds. */
export class PTimestamp {
  constructor(readonly epochMs: number, readonly nanos = 0) {}
  toString(): string {
    const iso = new Date(this.epochMs).toISOString(); // 2020-01-01T00:00:00.000Z
    const ms = iso.slice(20, 23);
    return `${iso.slice(0, 19)}.${ms}${String(this.nanos).padStart(6, '0')} UTC`;
  }
}

export class PSemVer {
  constructor(
    readonly major: number,
    readonly minor: number,
    readonly patch: number,
    readonly prerelease: string | undefined,
    readonly build: string | undefined,
  ) {}
  toString(): string {
    return `${this.major}.${this.minor}.${this.patch}${this.prerelease !== undefined ? `-${this.prerelease}` : ''}${this.build !== undefined ? `+${this.build}` : ''}`;
  }
  static parse(s: string): PSemVer | undefined {
    const m = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?$/.exec(s.trim());
    if (!m) return undefined;
    return new PSemVer(Number(m[1]), Number(m[2]), Number(m[3]), m[4], m[5]);
  }
  compare(o: PSemVer): number {
    const d = this.major - o.major || this.minor - o.minor || this.patch - o.patch;
    if (d !== 0) return Math.sign(d);
    if (this.prerelease === o.prerelease) return 0;
    if (this.prerelease === undefined) return 1;
    if (o.prerelease === undefined) return -1;
    const a = this.prerelease.split('.');
    const b = o.prerelease.split('.');
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (a[i] === undefined) return -1;
      if (b[i] === undefined) return 1;
      const an = /^\d+$/.test(a[i]);
      const bn = /^\d+$/.test(b[i]);
      if (an && bn) {
        const x = Number(a[i]) - Number(b[i]);
        if (x !== 0) return Math.sign(x);
      } else if (an) return -1;
      else if (bn) return 1;
      else if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
    }
    return 0;
  }
}

/** A SemVer range such as `>=1.0 <2.0` or `~1.2`, kept as written. */
export class PSemVerRange {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** A function call to be resolved on the agent. */
export class PDeferred {
  constructor(readonly name: string, readonly args: readonly Value[]) {}
  toString(): string {
    return `Deferred({'name' => ${inspect(this.name)}${this.args.length ? `, 'arguments' => ${inspect(this.args)}` : ''}})`;
  }
}

/** An Iterator value (produced by `step`, `reverse_each` without a block); held eagerly. */
export class PIterator {
  constructor(readonly items: readonly Value[]) {}
  toString(): string {
    return 'Iterator-Value';
  }
}

export type Value =
  | undefined
  | boolean
  | number
  | bigint
  | string
  | PDefault
  | PFloat
  | PRegexp
  | readonly Value[]
  | PHash
  | TypeValue
  | PSensitive
  | PBinary
  | PTimespan
  | PTimestamp
  | PSemVer
  | PSemVerRange
  | PDeferred
  | PIterator;

/** The Map key used for a hash key: strings, integers, booleans and undef map to themselves. */
function keyOf(k: Value): unknown {
  if (k === undefined || typeof k === 'string' || typeof k === 'number' || typeof k === 'boolean') return k;
  if (typeof k === 'bigint') return Number.isSafeInteger(Number(k)) ? Number(k) : k;
  return `\u0000${inspect(k)}`;
}

/** An insertion-ordered hash whose keys may be any value; immutable once built. */
/** Records which key paths of a hash were read (for catalog caching keyed on the facts a compile used). */
export type ReadRecorder = (path: readonly string[]) => void;

export class PHash {
  private readonly map: Map<unknown, [Value, Value]>;
  private tracker: { readonly path: readonly string[]; readonly record: ReadRecorder } | undefined;

  private constructor(map: Map<unknown, [Value, Value]>) {
    this.map = map;
  }

  /** The same hash, reporting every read through `record` (nested hashes report their full key path). */
  static tracked(h: PHash, record: ReadRecorder, path: readonly string[] = []): PHash {
    const t = new PHash(h.map);
    t.tracker = { path, record };
    return t;
  }

  private noteWhole(): void {
    if (this.tracker) this.tracker.record(this.tracker.path);
  }

  static readonly EMPTY = new PHash(new Map());

  /** Later duplicates replace the value but keep the first position, as Ruby hashes do. */
  static from(entries: Iterable<readonly [Value, Value]>): PHash {
    const map = new Map<unknown, [Value, Value]>();
    for (const [k, v] of entries) {
      const key = keyOf(k);
      const old = map.get(key);
      if (old) old[1] = v;
      else map.set(key, [k, v]);
    }
    return new PHash(map);
  }

  static fromObject(obj: Record<string, Value>): PHash {
    return PHash.from(Object.entries(obj));
  }

  get size(): number {
    this.noteWhole();
    return this.map.size;
  }
  get(k: Value): Value {
    const v = this.map.get(keyOf(k))?.[1];
    const t = this.tracker;
    if (t === undefined) return v;
    const path = [...t.path, toPuppetString(k)];
    if (v instanceof PHash) return PHash.tracked(v, t.record, path);
    t.record(path);
    return v;
  }
  has(k: Value): boolean {
    if (this.tracker) this.tracker.record([...this.tracker.path, toPuppetString(k)]);
    return this.map.has(keyOf(k));
  }
  *entries(): IterableIterator<[Value, Value]> {
    this.noteWhole();
    for (const e of this.map.values()) yield [e[0], e[1]];
  }
  keys(): Value[] {
    this.noteWhole();
    return [...this.map.values()].map((e) => e[0]);
  }
  values(): Value[] {
    this.noteWhole();
    return [...this.map.values()].map((e) => e[1]);
  }
  [Symbol.iterator](): IterableIterator<[Value, Value]> {
    return this.entries();
  }
  /** A new hash with the entries of `other` merged over these. */
  merge(other: PHash): PHash {
    return PHash.from([...this.entries(), ...other.entries()]);
  }
  without(keys: readonly Value[]): PHash {
    const drop = new Set(keys.map(keyOf));
    return PHash.from([...this.map.entries()].filter(([k]) => !drop.has(k)).map(([, e]) => e));
  }
}

export function isHash(v: Value): v is PHash {
  return v instanceof PHash;
}
export function isArray(v: Value): v is readonly Value[] {
  return Array.isArray(v);
}
export function isType(v: Value): v is TypeValue {
  return v instanceof TypeValue;
}
export function isInteger(v: Value): v is number | bigint {
  return typeof v === 'number' || typeof v === 'bigint';
}
export function isNumeric(v: Value): v is number | bigint | PFloat {
  return typeof v === 'number' || typeof v === 'bigint' || v instanceof PFloat;
}
/** The JS number of an Integer or Float value (approximate for 64-bit integers past 2^53). */
export function numberOf(v: number | bigint | PFloat): number {
  return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : v.value;
}
/** An integer result as a number when it is safe, else as a bigint. */
export function normalizeInteger(n: bigint): number | bigint {
  return n >= -(2n ** 53n) && n <= 2n ** 53n ? Number(n) : n;
}

/** Puppet truthiness: only undef and false are false. */
export function isTruthy(v: Value): boolean {
  return v !== undefined && v !== false;
}

/** `==` as Puppet defines it: strings case-insensitively, numbers across Integer/Float, deep for containers. */
export function puppetEquals(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (typeof a === 'string') return typeof b === 'string' && a.length === b.length && asciiLower(a) === asciiLower(b);
  if (isNumeric(a)) {
    if (!isNumeric(b)) return false;
    if (isInteger(a) && isInteger(b)) return BigInt(a) === BigInt(b);
    return numberOf(a) === numberOf(b);
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!puppetEquals(a[i], b[i])) return false;
    return true;
  }
  if (a instanceof PHash) {
    if (!(b instanceof PHash) || a.size !== b.size) return false;
    for (const [k, v] of a) {
      if (!b.has(k)) return false;
      if (!puppetEquals(v, b.get(k))) return false;
    }
    return true;
  }
  if (a instanceof PRegexp) return b instanceof PRegexp && a.source === b.source;
  if (a instanceof TypeValue) return b instanceof TypeValue && a.typeKey() === b.typeKey();
  if (a instanceof PSemVer) return b instanceof PSemVer && a.compare(b) === 0;
  if (a instanceof PTimespan) return b instanceof PTimespan && a.seconds === b.seconds;
  if (a instanceof PTimestamp) return b instanceof PTimestamp && a.epochMs === b.epochMs && a.nanos === b.nanos;
  if (a instanceof PBinary) return b instanceof PBinary && a.bytes.equals(b.bytes);
  if (a instanceof PDeferred) return b instanceof PDeferred && a.name === b.name && puppetEquals(a.args, b.args);
  return false;
}

/** Lower-cases ASCII letters only, as Ruby's casecmp does. */
export function asciiLower(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

/** Exact (case-sensitive) equality, as used for hash keys, `unique` and `in` on hashes. */
export function strictEquals(a: Value, b: Value): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if (isNumeric(a) && isNumeric(b)) return (typeof a === typeof b) && numberOf(a) === numberOf(b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => strictEquals(x, b[i]));
  if (a instanceof PHash && b instanceof PHash) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !strictEquals(v, b.get(k))) return false;
    return true;
  }
  return puppetEquals(a, b);
}

/** Ruby's Float#to_s. */
export function formatFloat(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  const [mant, expStr] = n.toExponential().split('e');
  const exp = Number(expStr);
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  let out: string;
  if (exp >= -4 && exp < 15) {
    if (exp >= 0) {
      const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
      const frac = digits.slice(exp + 1);
      out = `${intPart}.${frac === '' ? '0' : frac}`;
    } else {
      out = `0.${'0'.repeat(-exp - 1)}${digits}`;
    }
  } else {
    const frac = digits.slice(1);
    out = `${digits[0]}.${frac === '' ? '0' : frac}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return neg ? `-${out}` : out;
}

/** The string a value interpolates to (`"${v}"`, notice, String concatenation). */
export function toPuppetString(v: Value): string {
  if (typeof v === 'string') return v;
  if (v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v instanceof PFloat) return formatFloat(v.value);
  if (Array.isArray(v)) return `[${v.map(toPuppetString).join(', ')}]`;
  if (v instanceof PHash) return `{${[...v].map(([k, x]) => `${toPuppetString(k)} => ${toPuppetString(x)}`).join(', ')}}`;
  if (v instanceof PRegexp) return regexpWithDelimiters(v.source);
  return String(v);
}

/** `/source/` with unescaped slashes escaped, as Puppet prints a Regexp. */
export function regexpWithDelimiters(source: string): string {
  return `/${source.replace(/(^|[^\\])((?:\\\\)*)\//g, '$1$2\\/')}/`;
}

/** Puppet's quoting of a string for the %p format. */
export function puppetQuote(str: string): string {
  let out = "'";
  let escaped = false;
  for (const ch of str) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20) return puppetDoubleQuote(str);
    if (escaped) {
      out += `\\${ch}`;
      escaped = false;
    } else if (cp === 0x27) out += "\\'";
    else if (cp === 0x5c) escaped = true;
    else out += ch;
  }
  if (escaped) out += '\\';
  return `${out}'`;
}

function puppetDoubleQuote(str: string): string {
  let out = '"';
  for (const ch of str) {
    const cp = ch.codePointAt(0)!;
    switch (cp) {
      case 0x09: out += '\\t'; break;
      case 0x0a: out += '\\n'; break;
      case 0x0d: out += '\\r'; break;
      case 0x22: out += '\\"'; break;
      case 0x24: out += '\\$'; break;
      case 0x5c: out += '\\\\'; break;
      default: out += cp < 0x20 ? `\\u{${cp.toString(16).toUpperCase()}}` : ch;
    }
  }
  return `${out}"`;
}

/** The %p (inspect) form: strings quoted, undef as `undef`, used in messages and String(v, '%p'). */
export function inspect(v: Value): string {
  if (typeof v === 'string') return puppetQuote(v);
  if (v === undefined) return 'undef';
  if (Array.isArray(v)) return `[${v.map(inspect).join(', ')}]`;
  if (v instanceof PHash) return `{${[...v].map(([k, x]) => `${inspect(k)} => ${inspect(x)}`).join(', ')}}`;
  if (v instanceof PSensitive) return 'Sensitive [value redacted]';
  if (v instanceof PTimespan || v instanceof PTimestamp || v instanceof PSemVer || v instanceof PSemVerRange) return `'${v.toString()}'`;
  if (v instanceof PBinary) return `'${v.toString()}'`;
  return toPuppetString(v);
}

/** Compares for `<`, `>`, sort: numbers, strings case-insensitively, and the ordered rich types. */
export function compareValues(a: Value, b: Value): number {
  if (isInteger(a) && isInteger(b)) {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (isNumeric(a) && isNumeric(b)) return Math.sign(numberOf(a) - numberOf(b));
  if (typeof a === 'string' && typeof b === 'string') {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (a instanceof PSemVer && b instanceof PSemVer) return a.compare(b);
  if (a instanceof PTimespan && b instanceof PTimespan) return Math.sign(a.seconds - b.seconds);
  if (a instanceof PTimestamp && b instanceof PTimestamp) return Math.sign(a.epochMs - b.epochMs || a.nanos - b.nanos);
  throw new ComparisonError(a, b);
}

export class ComparisonError extends Error {
  constructor(readonly left: Value, readonly right: Value) {
    super('Values are not comparable');
  }
}

/** The name of a value's kind as Puppet's messages use it ("a String", "an Integer"). */
export function valueKind(v: Value): string {
  if (v === undefined) return 'Undef';
  if (v === DEFAULT) return 'Default';
  if (typeof v === 'boolean') return 'Boolean';
  if (typeof v === 'number' || typeof v === 'bigint') return 'Integer';
  if (typeof v === 'string') return 'String';
  if (v instanceof PFloat) return 'Float';
  if (v instanceof PRegexp) return 'Regexp';
  if (Array.isArray(v)) return 'Array';
  if (v instanceof PHash) return 'Hash';
  if (v instanceof TypeValue) return 'Type';
  if (v instanceof PSensitive) return 'Sensitive';
  if (v instanceof PBinary) return 'Binary';
  if (v instanceof PTimespan) return 'Timespan';
  if (v instanceof PTimestamp) return 'Timestamp';
  if (v instanceof PSemVer) return 'SemVer';
  if (v instanceof PSemVerRange) return 'SemVerRange';
  if (v instanceof PDeferred) return 'Deferred';
  return 'Iterator';
}

/** Converts plain JSON data (facts, parsed JSON) into values. */
export function fromJson(x: unknown): Value {
  if (x === null || x === undefined) return undefined;
  if (typeof x === 'string' || typeof x === 'boolean') return x;
  if (typeof x === 'number') return Number.isInteger(x) && !Object.is(x, -0) ? x : new PFloat(x);
  if (Array.isArray(x)) return Object.freeze(x.map(fromJson));
  if (typeof x === 'object') return PHash.from(Object.entries(x as Record<string, unknown>).map(([k, v]) => [k, fromJson(v)]));
  return undefined;
}
