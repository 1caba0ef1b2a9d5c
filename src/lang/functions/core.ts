// Built-ins about types, conversion (`new`, `Integer('1')`), assertions,
// failure and logging, and the catalog functions that need the compiler
// (include, contain, require, realize, tag, tagged, defined, epp, file).
import {
  PBinary, PDeferred, PIterator, PSemVerRange, PFloat, PHash, PRegexp, PSemVer, PSensitive, PTimespan, PTimestamp, TypeValue,
  isNumeric, numberOf, toPuppetString, type Value,
} from '../values.js';
import {
  ArrayType, EnumType, FloatType, HashType, IntegerType, PatternType, RegexpType,
  SimpleType, StringType, StructType, TupleType, TypeAliasType, VariantType, WrapperType,
} from '../types/types.js';
import { inferType, isInstance, generalize, reducedType } from '../types/instance.js';
import { describeMismatch } from '../types/mismatch.js';
import { UnprefixedNewError, UserError } from '../evaluator/errors.js';
import { ReturnSignal } from '../evaluator/evaluator.js';
import type { BuiltinFunction, LogLevel } from '../evaluator/runtime.js';
import { convertToString, puppetInspect } from './format.js';
import { toNumeric } from '../evaluator/operators.js';
import { fqdnRand } from './random.js';
import { parseTimespan, parseTimestamp, strftimeTimespan, strftimeTimestamp } from './time.js';

function resolve(t: TypeValue): TypeValue {
  return t instanceof TypeAliasType ? resolve(t.resolved) : t;
}

function toInteger(v: Value, radix: Value, abs: boolean): number {
  let n: number | undefined;
  if (typeof v === 'number') n = v;
  else if (v instanceof PFloat) n = Math.trunc(v.value);
  else if (typeof v === 'boolean') n = v ? 1 : 0;
  else if (typeof v === 'string') {
    const s = v.trim().replace(/_/g, '');
    const r = typeof radix === 'number' ? radix : undefined;
    if (r !== undefined) {
      const parsed = parseInt(s.replace(/^[-+]?0[xXbBoO]/, (p) => p.replace(/0[xXbBoO]/, '')), r);
      n = Number.isNaN(parsed) ? undefined : parsed;
    } else if (/^[-+]?0[xX][0-9a-fA-F]+$/.test(s)) n = parseInt(s, 16);
    else if (/^[-+]?0[bB][01]+$/.test(s)) n = (s.startsWith('-') ? -1 : 1) * parseInt(s.replace(/^[-+]?0[bB]/, ''), 2);
    else if (/^[-+]?0[0-7]+$/.test(s)) n = parseInt(s, 8);
    else if (/^[-+]?\d+$/.test(s)) n = Number(s);
    else {
      const f = toNumeric(s);
      if (f instanceof PFloat) n = Math.trunc(f.value);
    }
  }
  if (n === undefined) throw new UserError(`The string '${toPuppetString(v)}' cannot be converted to Integer`);
  return abs ? Math.abs(n) : n;
}

function toFloatValue(v: Value): PFloat {
  if (isNumeric(v)) return new PFloat(numberOf(v));
  if (typeof v === 'boolean') return new PFloat(v ? 1 : 0);
  if (typeof v === 'string') {
    const n = toNumeric(v);
    if (n !== undefined) return new PFloat(numberOf(n));
  }
  throw new UserError(`The string '${toPuppetString(v)}' cannot be converted to Float`);
}

function toBoolean(v: Value): boolean {
  if (typeof v === 'boolean') return v;
  if (isNumeric(v)) return numberOf(v) !== 0;
  if (typeof v === 'string') {
    const s = v.toLowerCase();
    if (['true', 'yes', 'y'].includes(s)) return true;
    if (['false', 'no', 'n', ''].includes(s)) return false;
  }
  throw new UserError(`The string '${toPuppetString(v)}' cannot be converted to Boolean`);
}

/** `Type.new(value, ...)` for the convertible types. */
export function newInstance(t: TypeValue, args: readonly Value[]): Value {
  const rt = resolve(t);
  const [v, second] = args;
  let result: Value;
  if (rt instanceof IntegerType) result = toInteger(v, second, args[2] === true);
  else if (rt instanceof FloatType) result = toFloatValue(v);
  else if (rt instanceof SimpleType && rt.name === 'Numeric') {
    const n = typeof v === 'boolean' ? (v ? 1 : 0) : toNumeric(v);
    if (n === undefined) throw new UserError(`The string '${toPuppetString(v)}' cannot be converted to Numeric`);
    result = n;
  } else if (rt instanceof StringType) result = convertToString(v, second);
  else if (rt instanceof SimpleType && rt.name === 'Boolean') result = toBoolean(v);
  else if (rt instanceof ArrayType || rt instanceof TupleType) {
    if (Array.isArray(v)) result = v;
    else if (v instanceof PIterator) result = Object.freeze([...v.items]);
    else if (v instanceof IntegerType && v.from !== undefined && v.to !== undefined) {
      const out: number[] = [];
      for (let i = v.from; i <= v.to; i++) out.push(i);
      result = Object.freeze(out);
    } else if (v instanceof PHash) result = Object.freeze([...v].map((e) => Object.freeze(e)));
    else if (second === true || v === undefined) result = Object.freeze([v]);
    else if (typeof v === 'string') result = Object.freeze([...v]);
    else result = Object.freeze([v]);
  } else if (rt instanceof HashType || rt instanceof StructType) {
    if (v instanceof PHash) result = v;
    else if (Array.isArray(v)) {
      if (v.every((e) => Array.isArray(e) && e.length === 2)) result = PHash.from(v.map((e) => [(e as Value[])[0], (e as Value[])[1]]));
      else {
        if (v.length % 2 !== 0) throw new UnprefixedNewError('odd number of arguments for Hash');
        const entries: [Value, Value][] = [];
        for (let i = 0; i < v.length; i += 2) entries.push([v[i], v[i + 1]]);
        result = PHash.from(entries);
      }
    } else throw new UserError(`Cannot convert ${toPuppetString(v)} to Hash`);
  } else if (rt instanceof WrapperType && rt.name === 'Sensitive') result = new PSensitive(v);
  else if (rt instanceof WrapperType && rt.name === 'Optional' && rt.inner) result = v === undefined ? undefined : newInstance(rt.inner, args);
  else if (rt instanceof RegexpType) result = v instanceof PRegexp ? v : new PRegexp(toPuppetString(v));
  else if (rt instanceof SimpleType && rt.name === 'Binary') {
    if (typeof v !== 'string') throw new UserError('Binary.new expects a String');
    result = new PBinary(Buffer.from(v, second === '%s' ? 'utf8' : 'base64'));
  } else if (rt instanceof SimpleType && rt.name === 'SemVer') {
    const s = PSemVer.parse(toPuppetString(v));
    if (!s) throw new UserError(`The string '${toPuppetString(v)}' cannot be converted to SemVer`);
    result = s;
  } else if (rt instanceof SimpleType && rt.name === 'SemVerRange') {
    result = new PSemVerRange(toPuppetString(v));
  } else if (rt instanceof SimpleType && rt.name === 'Timespan') {
    if (isNumeric(v)) result = new PTimespan(numberOf(v));
    else if (v instanceof PTimespan) result = v;
    else result = parseTimespan(toPuppetString(v));
  } else if (rt instanceof SimpleType && rt.name === 'Timestamp') {
    if (v === undefined) result = new PTimestamp(Date.now());
    else if (isNumeric(v)) result = new PTimestamp(numberOf(v) * 1000);
    else if (v instanceof PTimestamp) result = v;
    else result = parseTimestamp(toPuppetString(v));
  } else if (rt instanceof SimpleType && rt.name === 'Deferred') {
    result = new PDeferred(toPuppetString(v), Array.isArray(second) ? second : []);
  } else if (rt instanceof EnumType || rt instanceof PatternType || rt instanceof VariantType) {
    result = v;
  } else {
    throw new UserError(`Creation of new instance of type '${t.toString()}' is not supported`);
  }
  if (!isInstance(t, result)) {
    const msg = describeMismatch('', t, result);
    throw new UserError(`Converted value from ${t.name}.new() has wrong type, ${msg ?? 'got a mismatch'}`);
  }
  return result;
}

function logFn(level: LogLevel): BuiltinFunction {
  return (ctx, args) => {
    ctx.ops.log(level, args.map((a) => toPuppetString(a)).join(' '), ctx.scope);
    return undefined;
  };
}

function names(args: Value[]): Value[] {
  return args.flat(Infinity as 1) as Value[];
}

export const coreFunctions: Record<string, BuiltinFunction> = {
  new: (_ctx, [t, ...rest]) => {
    if (!(t instanceof TypeValue)) throw new UserError("'new' expects a Type as its first argument");
    if (rest.length === 0 && !(t instanceof SimpleType && t.name === 'Timestamp')) {
      throw new UnprefixedNewError(`'new_${t.name.toLowerCase()}' expects between 1 and 2 arguments, got none`);
    }
    return newInstance(t, rest);
  },
  type: (_ctx, [v, mode]) => {
    if (mode === 'reduced') return reducedType(v);
    const t = inferType(v);
    return mode === 'generalized' ? generalize(t) : t;
  },
  assert_type: (ctx, [t, v]) => {
    const type = typeof t === 'string' ? undefined : t;
    if (!(type instanceof TypeValue)) throw new UserError("'assert_type' expects a Type");
    if (isInstance(type, v)) return v;
    if (ctx.block) return ctx.block.call([type, inferType(v)]);
    throw new UserError(`assert_type(): ${describeMismatch('', type, v)?.replace(/^expects/, 'expects')}`.replace('assert_type(): ', 'assert_type(): '));
  },
  fail: (_ctx, args) => {
    throw new UserError(args.map((a) => toPuppetString(a)).join(' '));
  },
  debug: logFn('debug'), info: logFn('info'), notice: logFn('notice'), warning: logFn('warning'),
  err: logFn('err'), alert: logFn('alert'), emerg: logFn('emerg'), crit: logFn('crit'),
  abs: (_ctx, [v]) => {
    if (v instanceof PFloat) return new PFloat(Math.abs(v.value));
    if (typeof v === 'number') return Math.abs(v);
    if (typeof v === 'bigint') return v < 0n ? -v : v;
    if (typeof v === 'string') {
      const n = toNumeric(v);
      if (n === undefined) throw new UserError('abs(): Requires float or integer to work with - was given non decimal string');
      return n instanceof PFloat ? new PFloat(Math.abs(n.value)) : typeof n === 'bigint' ? (n < 0n ? -n : n) : Math.abs(n);
    }
    throw new UserError("'abs' expects a Numeric value");
  },
  round: (_ctx, [v]) => (isNumeric(v) ? Math.sign(numberOf(v)) * Math.round(Math.abs(numberOf(v))) : (() => { throw new UserError("'round' expects a Numeric value"); })()),
  floor: (_ctx, [v]) => (isNumeric(v) ? Math.floor(numberOf(v)) : (() => { throw new UserError("'floor' expects a Numeric value"); })()),
  ceiling: (_ctx, [v]) => (isNumeric(v) ? Math.ceil(numberOf(v)) : (() => { throw new UserError("'ceiling' expects a Numeric value"); })()),
  return: (ctx, [v]) => {
    const src = ctx.ops.currentSource();
    throw new ReturnSignal(v, src?.path, src?.lineOf(ctx.callSpan.start));
  },
  unwrap: (ctx, [v]) => {
    const inner = v instanceof PSensitive ? v.value : v;
    return ctx.block ? ctx.block.call([inner]) : inner;
  },
  include: (ctx, args) => { ctx.ops.includeClasses(names(args), ctx.scope, 'include'); return undefined; },
  contain: (ctx, args) => { ctx.ops.includeClasses(names(args), ctx.scope, 'contain'); return undefined; },
  require: (ctx, args) => { ctx.ops.includeClasses(names(args), ctx.scope, 'require'); return undefined; },
  realize: (ctx, args) => { ctx.ops.realize(names(args), ctx.scope); return undefined; },
  tag: (ctx, args) => { ctx.ops.tag(names(args).map((v) => toPuppetString(v)), ctx.scope); return undefined; },
  tagged: (ctx, args) => ctx.ops.tagged(names(args).map((v) => toPuppetString(v)), ctx.scope),
  defined: (ctx, args) => ctx.ops.defined(args, ctx.scope),
  file: (ctx, args) => {
    for (const a of args) {
      const s = toPuppetString(a);
      if (s.startsWith('/')) continue;
      const f = ctx.ops.moduleFile(s, 'files');
      if (f) return f.text;
    }
    throw new UserError(`Could not find any files from ${args.map((a) => toPuppetString(a)).join(', ')}`);
  },
  epp: (ctx, [spec, params]) => {
    const s = toPuppetString(spec);
    const f = ctx.ops.moduleFile(s, 'templates');
    if (!f) throw new UserError(`Could not find template '${s}'`);
    return ctx.ops.renderEpp(f.text, f.path, params, ctx.scope);
  },
  inline_epp: (ctx, [text, params]) => ctx.ops.renderEpp(toPuppetString(text), undefined, params, ctx.scope),
  // template, inline_template, lookup and the hiera functions need the
  // compile's Hiera and Ruby: src/compiler/data-functions.ts adds them.
  create_resources: (ctx, [type, instances, defaults]) => ctx.ops.createResources(toPuppetString(type), instances, defaults, ctx.scope, ctx.callSpan),
  call: (ctx, [name, ...rest]) => ctx.call(toPuppetString(name), rest, ctx.block),
  find_file: (ctx, args) => {
    for (const a of args.flat(Infinity as 1) as Value[]) {
      const p = ctx.ops.findFile(toPuppetString(a));
      if (p !== undefined) return p;
    }
    return undefined;
  },
  module_directory: (ctx, args) => {
    for (const a of args.flat(Infinity as 1) as Value[]) {
      const d = ctx.ops.moduleDirectory(toPuppetString(a));
      if (d !== undefined) return d;
    }
    return undefined;
  },
  deferred: (_ctx, [name, args]) => new PDeferred(toPuppetString(name), Array.isArray(args) ? args : []),
  getvar: (ctx, [path, dflt]) => {
    const [name, ...rest] = toPuppetString(path).split('.');
    const r = ctx.ops.lookupVariable(name, ctx.scope);
    if (!r.found) return dflt;
    let cur = r.value;
    for (const seg of rest) {
      if (cur instanceof PHash) cur = cur.get(seg);
      else if (Array.isArray(cur) && /^\d+$/.test(seg)) cur = cur[Number(seg)];
      else return dflt;
      if (cur === undefined) return dflt;
    }
    return cur;
  },
  strftime: (_ctx, [t, fmt]) => {
    if (t instanceof PTimestamp) return strftimeTimestamp(t, toPuppetString(fmt));
    if (t instanceof PTimespan) return strftimeTimespan(t, toPuppetString(fmt));
    throw new UserError("'strftime' expects a Timestamp or a Timespan");
  },
  fqdn_rand: (ctx, [max, seed, downcase]) => {
    const facts = ctx.ops.lookupVariable('facts', ctx.scope).value;
    const net = facts instanceof PHash ? facts.get('networking') : undefined;
    let fqdn = net instanceof PHash ? toPuppetString(net.get('fqdn')) : '';
    if (downcase === true) fqdn = fqdn.toLowerCase();
    const n = typeof max === 'number' ? max : parseInt(toPuppetString(max), 10) || 0;
    return fqdnRand(fqdn, n, seed === undefined ? '' : toPuppetString(seed));
  },
  shellquote: (_ctx, args) => {
    const safe = /^[a-zA-Z0-9@%_+=:,./-]+$/;
    const dangerous = /[!"`$\\]/;
    return (args.flat(Infinity as 1) as Value[]).map((a) => {
      const w = toPuppetString(a);
      if (w.length && safe.test(w)) return w;
      if (!dangerous.test(w)) return `"${w}"`;
      if (!w.includes("'")) return `'${w}'`;
      return `"${w.replace(/[!"`$\\]/g, (c) => `\\${c}`)}"`;
    }).join(' ');
  },
  get: (_ctx, [v, path, dflt]) => {
    let cur = v;
    for (const seg of toPuppetString(path).split('.').filter((s) => s !== '')) {
      if (cur instanceof PHash) cur = cur.get(seg);
      else if (Array.isArray(cur) && /^\d+$/.test(seg)) cur = cur[Number(seg)];
      else return dflt;
      if (cur === undefined) return dflt;
    }
    return cur;
  },
  convert_to: (_ctx, [v, t]) => {
    if (!(t instanceof TypeValue)) throw new UserError("'convert_to' expects a Type");
    return newInstance(t, [v]);
  },
};
