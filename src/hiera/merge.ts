// Merge strategies (first, unique, hash, deep and v3's reverse deep) as
// Puppet's MergeStrategy and the deep_merge gem define them.
import { PHash, isArray, isHash, puppetEquals, strictEquals, compareValues, toPuppetString, type Value } from '../lang/values.js';
import { HieraError } from './errors.js';

export type StrategyName = 'first' | 'unique' | 'hash' | 'deep' | 'reverse_deep' | 'unconstrained_deep' | 'default';

export interface MergeStrategy {
  readonly name: StrategyName;
  readonly knockoutPrefix?: string;
  readonly sortMergedArrays?: boolean;
  readonly mergeHashArrays?: boolean;
  /** As given (string or hash), for explain output. */
  readonly configuration: Value;
}

export const FIRST: MergeStrategy = { name: 'default', configuration: 'default' };

const KNOWN = new Set(['first', 'unique', 'hash', 'deep', 'reverse_deep', 'unconstrained_deep', 'default']);

/** Builds a strategy from a lookup `merge` argument (undefined, a name, or a hash with 'strategy'). */
export function mergeStrategy(merge: Value | MergeStrategy): MergeStrategy {
  if (merge === undefined) return FIRST;
  if (typeof merge === 'object' && merge !== null && 'name' in merge && 'configuration' in merge) return merge as MergeStrategy;
  let name: Value;
  let options: PHash | undefined;
  if (isHash(merge as Value)) {
    const h = merge as PHash;
    name = h.get('strategy');
    if (name === undefined) throw new HieraError("The hash given as 'merge' must contain the name of a strategy in string form for the key 'strategy'");
    options = h.size > 1 ? h : undefined;
  } else {
    name = merge as Value;
  }
  const n = toPuppetString(name);
  if (!KNOWN.has(n)) throw new HieraError(`Unknown merge strategy: '${n}'`, { issueCode: 'TYPE_MISMATCH' });
  if (options === undefined) return { name: n as StrategyName, configuration: n };
  const allowed = n === 'deep' ? ['strategy', 'knockout_prefix', 'merge_debug', 'merge_hash_arrays', 'sort_merged_arrays'] : n.endsWith('_deep') ? undefined : ['strategy'];
  if (allowed) {
    for (const k of options.keys()) {
      if (typeof k !== 'string' || !allowed.includes(k)) {
        throw new HieraError(`The merge options has wrong type, unrecognized key '${toPuppetString(k)}'`, { issueCode: 'TYPE_MISMATCH' });
      }
    }
  }
  const ko = options.get('knockout_prefix');
  return {
    name: n as StrategyName,
    knockoutPrefix: typeof ko === 'string' ? ko : undefined,
    sortMergedArrays: options.get('sort_merged_arrays') === true,
    mergeHashArrays: options.get('merge_hash_arrays') === true,
    configuration: options,
  };
}

export function isFirst(s: MergeStrategy): boolean {
  return s.name === 'first' || s.name === 'default';
}

/** The value a strategy starts a merge with (unique flattens). */
export function convertValue(s: MergeStrategy, v: Value): Value {
  if (s.name === 'unique') return isArray(v) ? Object.freeze(flatten(v)) : Object.freeze([v]);
  return v;
}

/** The value of a strategy when found in only one place (unique removes duplicates). */
export function mergeSingle(s: MergeStrategy, v: Value): Value {
  if (s.name === 'unique' && isArray(v)) return Object.freeze(uniq(v));
  return v;
}

/** Merges `lower` into `higher` (higher priority first, as Puppet's memo/value order). */
export function mergeValues(s: MergeStrategy, higher: Value, lower: Value): Value {
  switch (s.name) {
    case 'hash':
      assertHash('The first element of the merge', higher);
      assertHash('The second element of the merge', lower);
      // e2.merge(e1): lower's order, higher's values win
      return (lower as PHash).merge(higher as PHash);
    case 'unique':
      return Object.freeze(uniq([...(convertValue(s, higher) as Value[]), ...(convertValue(s, lower) as Value[])]));
    case 'deep':
    case 'unconstrained_deep':
      return deepMerge(higher, deepClone(lower), s);
    case 'reverse_deep':
      return deepMerge(lower, deepClone(higher), s);
    default:
      return higher;
  }
}

function assertHash(what: string, v: Value): void {
  if (!isHash(v)) throw new HieraError(`${what} has wrong type, expects a Hash value, got ${isArray(v) ? 'Tuple' : typeName(v)}`, { issueCode: 'TYPE_MISMATCH' });
}

export function typeName(v: Value): string {
  if (isArray(v)) return 'Array';
  if (isHash(v)) return 'Hash';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'number' || typeof v === 'bigint') return 'Integer';
  if (typeof v === 'boolean') return 'Boolean';
  if (v === undefined) return 'Undef';
  return 'Float';
}

function flatten(a: readonly Value[]): Value[] {
  const out: Value[] = [];
  for (const x of a) {
    if (isArray(x)) out.push(...flatten(x));
    else out.push(x);
  }
  return out;
}

function uniq(a: readonly Value[]): Value[] {
  const out: Value[] = [];
  for (const x of a) if (!out.some((y) => strictEquals(x, y))) out.push(x);
  return out;
}

// deep_merge works on mutable structures; we use a mutable mirror and freeze at the end.
type M = undefined | boolean | number | bigint | string | Value | MHash | M[];
class MHash {
  readonly map = new Map<unknown, [Value, M]>();
  get(k: Value): M {
    return this.map.get(keyOf(k))?.[1];
  }
  set(k: Value, v: M): void {
    const e = this.map.get(keyOf(k));
    if (e) e[1] = v;
    else this.map.set(keyOf(k), [k, v]);
  }
}

function keyOf(k: Value): unknown {
  return typeof k === 'string' || typeof k === 'number' || typeof k === 'boolean' || k === undefined ? k : `\u0000${toPuppetString(k)}`;
}

function toMutable(v: Value): M {
  if (isHash(v)) {
    const h = new MHash();
    for (const [k, x] of v.entries()) h.set(k, toMutable(x));
    return h;
  }
  if (isArray(v)) return v.map(toMutable);
  return v;
}

function fromMutable(m: M): Value {
  if (m instanceof MHash) return PHash.from([...m.map.values()].map(([k, v]) => [k, fromMutable(v)] as const));
  if (Array.isArray(m)) return Object.freeze(m.map(fromMutable));
  return m as Value;
}

function deepClone(v: Value): Value {
  return v;
}

function deepMerge(source: Value, dest: Value, s: MergeStrategy): Value {
  return fromMutable(dm(toMutable(source), toMutable(dest), s));
}

function truthy(m: M): boolean {
  return m !== undefined && m !== false;
}

function eq(a: M, b: M): boolean {
  return strictEquals(fromMutable(a), fromMutable(b));
}

function dm(source: M, dest: M, s: MergeStrategy): M {
  const ko = s.knockoutPrefix;
  if (source === undefined) return dest;
  if (!truthy(dest)) return source;
  if (source instanceof MHash) {
    for (const [, [k, sv]] of source.map) {
      if (dest instanceof MHash) {
        const dv = dest.get(k);
        if (truthy(dv)) dest.set(k, dm(sv, dv, s));
        else dest.set(k, dm(sv, dupOf(sv), s));
      } else {
        dest = overwriteUnmergeables(source, dest, s);
      }
    }
    return dest;
  }
  if (Array.isArray(source)) {
    let src = source;
    if (ko !== undefined && src.some((x) => x === ko)) {
      dest = Array.isArray(dest) ? [] : dest instanceof MHash ? new MHash() : undefined;
      src = src.filter((x) => x !== ko);
    }
    if (Array.isArray(dest)) {
      let d = dest;
      if (ko !== undefined) {
        src = src.filter((item) => {
          if (typeof item === 'string' && item.startsWith(ko)) {
            const stripped = item.slice(ko.length);
            d = d.filter((x) => !eq(x, stripped) && !eq(x, item));
            return false;
          }
          return true;
        });
      }
      const srcAllHashes = src.every((x) => x instanceof MHash);
      const destAllHashes = d.every((x) => x instanceof MHash);
      if (s.mergeHashArrays && srcAllHashes && destAllHashes) {
        const list: M[] = d.map((x, i) => dm(src[i] ?? new MHash(), x, s));
        if (src.length > d.length) list.push(...src.slice(d.length));
        d = list;
      } else {
        const out: M[] = [];
        for (const x of [...d, ...src]) if (!out.some((y) => eq(x, y))) out.push(x);
        d = out;
      }
      if (s.sortMergedArrays) d = [...d].sort((a, b) => compareValues(fromMutable(a), fromMutable(b)));
      return d;
    }
    return overwriteUnmergeables(src, dest, s);
  }
  return overwriteUnmergeables(source, dest, s);
}

function dupOf(m: M): M {
  if (m instanceof MHash) {
    const h = new MHash();
    for (const [, [k, v]] of m.map) h.set(k, v);
    return h;
  }
  if (Array.isArray(m)) return [...m];
  return m;
}

function overwriteUnmergeables(source: M, dest: M, s: MergeStrategy): M {
  const ko = s.knockoutPrefix;
  if (ko === undefined) return source;
  if (typeof source === 'string') {
    const tmp = source.startsWith(ko) ? source.slice(ko.length) : source;
    return tmp === source ? source : '';
  }
  if (Array.isArray(source)) {
    const tmp = source.filter((x) => !(typeof x === 'string' && x.startsWith(ko)));
    return tmp.length === source.length ? source : '';
  }
  void dest;
  return source;
}

export { puppetEquals };
