// Built-in functions over collections and lambdas: each, map, filter, reduce,
// with, slice, step, reverse_each, any, all, lest, then, dig, keys, values,
// length, empty, flatten, unique, sort, min, max, and friends.
import {
  PBinary, PHash, PIterator, TypeValue, compareValues, isTruthy, numberOf, isNumeric, strictEquals, type Value, PFloat,
} from '../values.js';
import { IntegerType } from '../types/types.js';
import { UserError } from '../evaluator/errors.js';
import { BreakSignal, NextSignal } from '../evaluator/evaluator.js';
import type { BuiltinFunction, Callable, FunctionContext } from '../evaluator/runtime.js';
import { rubyInspect } from './format.js';
import { CALLABLE_2, T, checkDispatch, type Signature } from './dispatch.js';
import { toNumeric } from '../evaluator/operators.js';

function needBlock(name: string, ctx: FunctionContext): Callable {
  if (!ctx.block) throw new UserError(`'${name}' expects a block`);
  if (TWO_PARAM_BLOCKS.has(name) && ctx.block.minArgs > 2) {
    throw new UserError(`'${name}' block expects between 1 and 2 arguments, got ${ctx.block.parameters.length}`);
  }
  return ctx.block;
}

/** Iteration functions whose block takes a value, or a key/index and a value. */
const TWO_PARAM_BLOCKS = new Set(['each', 'map', 'filter', 'any', 'all']);

/** The elements an iteration visits: [index-or-key, value] pairs plus whether the source is a hash. */
function iterable(name: string, v: Value): { pairs: [Value, Value][]; hash: boolean } {
  if (Array.isArray(v)) return { pairs: v.map((x, i) => [i, x]), hash: false };
  if (v instanceof PHash) return { pairs: [...v], hash: true };
  if (v instanceof PIterator) return { pairs: v.items.map((x, i) => [i, x]), hash: false };
  if (typeof v === 'string') return { pairs: [...v].map((c, i) => [i, c]), hash: false };
  if (typeof v === 'number') {
    if (v < 0) return { pairs: [], hash: false };
    return { pairs: Array.from({ length: v }, (_x, i) => [i, i]), hash: false };
  }
  if (v instanceof IntegerType && v.from !== undefined && v.to !== undefined) {
    const out: [Value, Value][] = [];
    for (let i = v.from, k = 0; i <= v.to; i++, k++) out.push([k, i]);
    return { pairs: out, hash: false };
  }
  throw new UserError(`'${name}' expects an Iterable value, got ${v === undefined ? 'Undef' : typeof v === 'boolean' ? 'Boolean' : v instanceof TypeValue ? 'Type' : 'a non-iterable value'}`);
}

/** Calls the block with one or two arguments as its parameter count asks. */
function callBlock(block: Callable, pair: [Value, Value], hash: boolean): Value {
  try {
    if (block.maxArgs >= 2 && block.parameters.length >= 2) return block.call([pair[0], pair[1]]);
    return block.call([hash ? Object.freeze([pair[0], pair[1]]) : pair[1]]);
  } catch (sig) {
    if (sig instanceof NextSignal) return sig.value;
    throw sig;
  }
}

function loop(fn: () => void): boolean {
  try {
    fn();
    return false;
  } catch (sig) {
    if (sig instanceof BreakSignal) return true;
    throw sig;
  }
}

const each: BuiltinFunction = (ctx, [v]) => {
  const block = needBlock('each', ctx);
  const { pairs, hash } = iterable('each', v);
  loop(() => { for (const p of pairs) callBlock(block, p, hash); });
  return v;
};

const map: BuiltinFunction = (ctx, [v]) => {
  const block = needBlock('map', ctx);
  const { pairs, hash } = iterable('map', v);
  const out: Value[] = [];
  loop(() => { for (const p of pairs) out.push(callBlock(block, p, hash)); });
  return Object.freeze(out);
};

const filter: BuiltinFunction = (ctx, [v]) => {
  const block = needBlock('filter', ctx);
  const { pairs, hash } = iterable('filter', v);
  const kept: [Value, Value][] = [];
  loop(() => { for (const p of pairs) if (isTruthy(callBlock(block, p, hash))) kept.push(p); });
  return hash ? PHash.from(kept) : Object.freeze(kept.map((p) => p[1]));
};

const reduce: BuiltinFunction = (ctx, args) => {
  const block = needBlock('reduce', ctx);
  const { pairs, hash } = iterable('reduce', args[0]);
  const items = pairs.map((p) => (hash ? Object.freeze([p[0], p[1]]) : p[1]));
  let memo: Value;
  let start = 0;
  if (args.length > 1) memo = args[1];
  else {
    if (items.length === 0) return undefined;
    memo = items[0];
    start = 1;
  }
  loop(() => {
    for (let i = start; i < items.length; i++) {
      try {
        memo = block.call([memo, items[i]]);
      } catch (sig) {
        if (sig instanceof NextSignal) memo = sig.value;
        else throw sig;
      }
    }
  });
  return memo;
};

const anyFn: BuiltinFunction = (ctx, [v]) => {
  const block = needBlock('any', ctx);
  const { pairs, hash } = iterable('any', v);
  let found = false;
  loop(() => { for (const p of pairs) if (isTruthy(callBlock(block, p, hash))) { found = true; break; } });
  return found;
};

const allFn: BuiltinFunction = (ctx, [v]) => {
  const block = needBlock('all', ctx);
  const { pairs, hash } = iterable('all', v);
  let ok = true;
  loop(() => { for (const p of pairs) if (!isTruthy(callBlock(block, p, hash))) { ok = false; break; } });
  return ok;
};

const withFn: BuiltinFunction = (ctx, args) => needBlock('with', ctx).call(args);

const slice: BuiltinFunction = (ctx, [v, n]) => {
  if (typeof n !== 'number' || n < 1) throw new UserError(`'slice' expects a positive Integer slice size`);
  const { pairs, hash } = iterable('slice', v);
  const items = pairs.map((p) => (hash ? Object.freeze([p[0], p[1]]) : p[1]));
  const chunks: Value[] = [];
  for (let i = 0; i < items.length; i += n) chunks.push(Object.freeze(items.slice(i, i + n)));
  if (!ctx.block) return Object.freeze(chunks);
  const block = ctx.block;
  loop(() => {
    for (const c of chunks) {
      if (block.parameters.length > 1 && !block.parameters[0].capturesRest) block.call(c as Value[]);
      else block.call([c]);
    }
  });
  return v;
};

const step: BuiltinFunction = (ctx, [v, n]) => {
  if (typeof n !== 'number' || n < 1) throw new UserError(`'step' expects a positive Integer step`);
  const { pairs } = iterable('step', v);
  const items = pairs.filter((_p, i) => i % n === 0).map((p) => p[1]);
  if (!ctx.block) return new PIterator(items);
  const block = ctx.block;
  loop(() => { for (const x of items) block.call([x]); });
  return v;
};

const reverseEach: BuiltinFunction = (ctx, [v]) => {
  const { pairs } = iterable('reverse_each', v);
  const items = pairs.map((p) => p[1]).reverse();
  if (!ctx.block) return new PIterator(items);
  const block = ctx.block;
  loop(() => { for (const x of items) block.call([x]); });
  return v;
};

const lest: BuiltinFunction = (ctx, [v]) => (v === undefined ? needBlock('lest', ctx).call([]) : v);
const then: BuiltinFunction = (ctx, [v]) => (v === undefined ? undefined : needBlock('then', ctx).call([v]));

const dig: BuiltinFunction = (_ctx, [v, ...path]) => {
  let cur = v;
  for (const k of path) {
    if (cur === undefined) return undefined;
    if (Array.isArray(cur)) {
      if (typeof k !== 'number') throw new UserError(`The given data does not contain a Collection at ${JSON.stringify(path.slice(0, path.indexOf(k)))}, got 'Array'`);
      cur = cur[k < 0 ? cur.length + k : k];
    } else if (cur instanceof PHash) cur = cur.get(k);
    else throw new UserError(`The given data does not contain a Collection at ${rubyInspect(Object.freeze(path.slice(0, path.indexOf(k))))}, got '${typeof cur === 'string' ? 'String' : kindName(cur)}'`);
  }
  return cur;
};

const keys: BuiltinFunction = (_ctx, [h]) => {
  if (!(h instanceof PHash)) throw new UserError("'keys' parameter 'hsh' expects a Hash value");
  return Object.freeze(h.keys());
};
const values: BuiltinFunction = (_ctx, [h]) => {
  if (!(h instanceof PHash)) throw new UserError("'values' parameter 'hsh' expects a Hash value");
  return Object.freeze(h.values());
};

const length: BuiltinFunction = (_ctx, [v]) => {
  if (Array.isArray(v)) return v.length;
  if (v instanceof PHash) return v.size;
  if (typeof v === 'string') return [...v].length;
  if (v instanceof PIterator) return v.items.length;
  if (v instanceof PBinary) return v.bytes.length;
  throw new UserError(`'length' expects a value of type Collection, String, or Binary, got ${v === undefined ? 'Undef' : typeof v}`);
};

const empty: BuiltinFunction = (_ctx, [v]) => {
  if (Array.isArray(v)) return v.length === 0;
  if (v instanceof PHash) return v.size === 0;
  if (typeof v === 'string') return v.length === 0;
  if (v === undefined) return true;
  if (isNumeric(v)) return false;
  throw new UserError(`'empty' expects a value of type Collection, String, Numeric, or Undef`);
};

const flatten: BuiltinFunction = (_ctx, args) => {
  const flat = (x: Value): Value[] => (Array.isArray(x) ? x.flatMap(flat) : [x]);
  return Object.freeze(args.flatMap(flat));
};

const unique: BuiltinFunction = (ctx, [v]) => {
  if (v instanceof PHash) {
    // keys grouped by their (unique) values: {[k1, k2] => [v]}
    const groups: [Value, Value[]][] = [];
    for (const [k, x] of v) {
      const key = ctx.block ? ctx.block.call([x]) : x;
      const g = groups.find(([gk]) => strictEquals(gk, key));
      if (g) g[1].push(k);
      else groups.push([key, [k]]);
    }
    return PHash.from(groups.map(([, keys]) => [Object.freeze(keys), Object.freeze([v.get(keys[0])])]));
  }
  const items = Array.isArray(v) ? v : v instanceof PHash ? v.values() : typeof v === 'string' ? [...v] : undefined;
  if (!items) throw new UserError(`'unique' expects an Iterable value`);
  const keyOf = (x: Value) => (ctx.block ? ctx.block.call([x]) : x);
  const out: Value[] = [];
  const seen: Value[] = [];
  for (const x of items) {
    const k = keyOf(x);
    if (!seen.some((s) => strictEquals(s, k))) {
      seen.push(k);
      out.push(x);
    }
  }
  if (typeof v === 'string') return out.join('');
  return Object.freeze(out);
};

function kindName(v: Value): string {
  return v === undefined ? 'NilClass' : typeof v === 'string' ? 'String' : typeof v === 'number' ? 'Integer' : v instanceof PFloat ? 'Float' : typeof v === 'boolean' ? (v ? 'TrueClass' : 'FalseClass') : Array.isArray(v) ? 'Array' : v instanceof PHash ? 'Hash' : 'Object';
}

/** Ruby's <=> as sort uses it: strings case-sensitively, numbers numerically, otherwise an error. */
function sortCompare(a: Value, b: Value): number {
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (isNumeric(a) && isNumeric(b)) return Math.sign(numberOf(a) - numberOf(b));
  try {
    return compareValues(a, b);
  } catch {
    throw new UserError(`comparison of ${kindName(a)} with ${kindName(b)} failed`);
  }
}

/** A stable merge sort that always compares (left, right), so error messages name the operands in Ruby's order. */
function mergeSort(items: Value[], cmp: (a: Value, b: Value) => number): Value[] {
  if (items.length < 2) return items;
  const mid = items.length >> 1;
  const left = mergeSort(items.slice(0, mid), cmp);
  const right = mergeSort(items.slice(mid), cmp);
  const out: Value[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) out.push(cmp(left[i], right[j]) <= 0 ? left[i++] : right[j++]);
  return [...out, ...left.slice(i), ...right.slice(j)];
}

/** Puppet's compare(a, b, ignore_case = true). */
export function compareFn(a: Value, b: Value, ignoreCase: Value = true): number {
  if (typeof a === 'string' && typeof b === 'string') {
    const x = ignoreCase === false ? a : a.toLowerCase();
    const y = ignoreCase === false ? b : b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (isNumeric(a) && isNumeric(b)) return Math.sign(numberOf(a) - numberOf(b));
  try {
    return compareValues(a, b);
  } catch {
    throw new UserError(`compare(): Can only compare values of the same type (or for Timestamp/Timespan also against Numeric). Got ${kindName(a)} and ${kindName(b)}`);
  }
}

const SORT_SIGNATURES: Signature[] = [
  { params: [{ name: 'string_value', type: T('string') }], block: { type: CALLABLE_2, optional: true } },
  { params: [{ name: 'array_value', type: T('array') }], block: { type: CALLABLE_2, optional: true } },
];

const sort: BuiltinFunction = (ctx, args) => {
  checkDispatch('sort', SORT_SIGNATURES, args, ctx.block);
  const [v] = args;
  const cmp = ctx.block ? (a: Value, b: Value) => numberOf(ctx.block!.call([a, b]) as number) : sortCompare;
  if (typeof v === 'string') return [...v].sort((a, b) => cmp(a, b)).join('');
  if (!Array.isArray(v)) throw new UserError(`'sort' expects an Array or a String`);
  return Object.freeze(mergeSort([...v], cmp));
};

function minmax(name: string, sign: number): BuiltinFunction {
  return (ctx, args) => {
    const items = args.length === 1 && Array.isArray(args[0]) ? (args[0] as Value[]) : args;
    if (items.length === 0) throw new UserError(`${name}(): Wrong number of arguments need at least one`);
    const cmp = ctx.block
      ? (a: Value, b: Value) => numberOf(ctx.block!.call([a, b]) as number)
      : (a: Value, b: Value) => {
          // numeric strings compare as numbers (Puppet's deprecated but still active behaviour)
          const x = typeof a === 'string' ? toNumeric(a) ?? a : a;
          const y = typeof b === 'string' ? toNumeric(b) ?? b : b;
          return compareFn(x, y, true);
        };
    let best = items[0];
    for (const x of items.slice(1)) if (cmp(x, best) * sign > 0) best = x;
    return best;
  };
}

export const iterationFunctions: Record<string, BuiltinFunction> = {
  each, map, filter, reduce, any: anyFn, all: allFn, with: withFn, slice, step, reverse_each: reverseEach,
  lest, then, dig, keys, values, length, size: length, count: (ctx, [v]) => {
    const { pairs, hash } = iterable('count', v);
    return ctx.block ? pairs.filter((p) => isTruthy(callBlock(ctx.block!, p, hash))).length : pairs.filter((p) => p[1] !== undefined).length;
  },
  empty, flatten, unique, sort, min: minmax('min', -1), max: minmax('max', 1),
  index: (ctx, [v, needle]) => {
    if (typeof v === 'string' && typeof needle === 'string') {
      const i = v.indexOf(needle);
      return i === -1 ? undefined : [...v.slice(0, i)].length;
    }
    const { pairs, hash } = iterable('index', v);
    for (const p of pairs) {
      // index() gives a one-parameter block the value, also for hashes
      const hit = ctx.block ? isTruthy(ctx.block.parameters.length > 1 ? ctx.block.call([p[0], p[1]]) : ctx.block.call([p[1]])) : strictEquals(p[1], needle);
      if (hit) return p[0];
    }
    return undefined;
  },
  reverse: (_ctx, [v]) => (typeof v === 'string' ? [...v].reverse().join('') : Array.isArray(v) ? Object.freeze([...v].reverse()) : v),
  break: () => { throw new BreakSignal(); },
  next: (_ctx, [v]) => { throw new NextSignal(v); },
  tree_each: (ctx, [v]) => {
    const entries: [Value[], Value][] = [];
    const walk = (x: Value, path: Value[]) => {
      entries.push([path, x]);
      if (Array.isArray(x)) x.forEach((y, i) => walk(y, [...path, i]));
      else if (x instanceof PHash) for (const [k, y] of x) walk(y, [...path, k]);
    };
    walk(v, []);
    if (!ctx.block) return new PIterator(entries.map(([p, x]) => Object.freeze([Object.freeze(p), x])));
    const block = ctx.block;
    loop(() => {
      for (const [p, x] of entries) block.call(block.parameters.length > 1 ? [Object.freeze(p), x] : [Object.freeze([Object.freeze(p), x])]);
    });
    return v;
  },
  partition: (ctx, [v]) => {
    const block = needBlock('partition', ctx);
    const { pairs, hash } = iterable('partition', v);
    const yes: Value[] = [];
    const no: Value[] = [];
    for (const p of pairs) (isTruthy(callBlock(block, p, hash)) ? yes : no).push(hash ? Object.freeze([p[0], p[1]]) : p[1]);
    return Object.freeze([Object.freeze(yes), Object.freeze(no)]);
  },
  compare: (_ctx, [a, b, ic]) => compareFn(a, b, ic),
};
