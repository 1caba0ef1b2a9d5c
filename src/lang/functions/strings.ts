// Built-in string functions: case, whitespace, split/join, regsubst, match,
// versioncmp, sprintf, digests and base64.
import { createHash } from 'node:crypto';
import { PBinary, PHash, PRegexp, toJsRegExp, toPuppetString, type Value } from '../values.js';
import { UserError } from '../evaluator/errors.js';
import type { BuiltinFunction } from '../evaluator/runtime.js';
import { sprintf } from './format.js';
import { T, checkDispatch, re, type Signature } from './dispatch.js';

/** Applies a string function to a string, or to each string of an array (as Puppet's do). */
function mapStrings(name: string, fn: (s: string) => string): BuiltinFunction {
  const apply = (v: Value): Value => {
    if (typeof v === 'string') return fn(v);
    if (Array.isArray(v)) return Object.freeze(v.map(apply));
    if (v instanceof PHash) return PHash.from([...v].map(([k, x]) => [apply(k), apply(x)]));
    if (typeof v === 'number' || typeof v === 'boolean' || v === undefined) return v;
    throw new UserError(`'${name}' expects a value of type String, Array, or Hash`);
  };
  return (_ctx, [v]) => apply(v);
}

const capitalize = (s: string) => (s.length ? s[0].toUpperCase() + s.slice(1).toLowerCase() : s);

/** Ruby's regexp replacement string: \0..\9 and \\ (and \k<name>). */
function rubyReplacement(repl: string): (m: string, ...groups: unknown[]) => string {
  return (...args: unknown[]) => {
    const m = args[0] as string;
    const nGroups = args.findIndex((a, i) => i > 0 && typeof a === 'number') - 1;
    const groups = args.slice(1, 1 + Math.max(0, nGroups)) as (string | undefined)[];
    return repl.replace(/\\(\d|\\|&)/g, (_x, d: string) => {
      if (d === '\\') return '\\';
      if (d === '&' || d === '0') return m;
      return groups[Number(d) - 1] ?? '';
    });
  };
}

const REGSUBST_SIGNATURES: Signature[] = [
  {
    params: [
      { name: 'target', type: T('variant', T('array', T('string')), T('string')) },
      { name: 'pattern', type: T('string') },
      { name: 'replacement', type: T('variant', T('string'), T('hash', T('string'), T('string'))) },
      { name: 'flags', type: T('pattern', re('^[GEIM]*$')), optional: true },
      { name: 'encoding', type: T('enum', 'E', 'N', 'S', 'U'), optional: true },
    ],
  },
  {
    params: [
      { name: 'target', type: T('variant', T('array', T('string')), T('string')) },
      { name: 'pattern', type: T('variant', T('regexp'), T('type', T('regexp'))) },
      { name: 'replacement', type: T('variant', T('string'), T('hash', T('string'), T('string'))) },
      { name: 'flags', type: T('pattern', re('^G?$')), optional: true },
    ],
  },
];

const regsubst: BuiltinFunction = (ctx, args) => {
  checkDispatch('regsubst', REGSUBST_SIGNATURES, args, ctx.block);
  const [target, pattern, replacement, flagsArg, enc] = args;
  void enc;
  const flags = typeof flagsArg === 'string' ? flagsArg : '';
  let re: RegExp;
  if (pattern instanceof PRegexp) re = toJsRegExp(pattern.source, flags.includes('G') ? 'g' : '');
  else if (typeof pattern === 'string') re = toJsRegExp(pattern, `${flags.includes('G') ? 'g' : ''}${flags.includes('I') ? 'i' : ''}`);
  else throw new UserError("'regsubst' parameter 'pattern' expects a value of type String or Regexp");
  if (typeof replacement !== 'string') throw new UserError("'regsubst' parameter 'replacement' expects a String value");
  const one = (s: Value): Value => {
    if (typeof s !== 'string') throw new UserError("'regsubst' parameter 'target' expects a value of type Array or String");
    return s.replace(re, rubyReplacement(replacement) as (m: string) => string);
  };
  return Array.isArray(target) ? Object.freeze(target.map(one)) : one(target);
};

const match: BuiltinFunction = (_ctx, [target, pattern]) => {
  let re: RegExp;
  if (pattern instanceof PRegexp) re = pattern.re;
  else if (typeof pattern === 'string') re = toJsRegExp(pattern);
  else throw new UserError("'match' parameter 'pattern' expects a value of type String or Regexp");
  const one = (s: Value): Value => {
    if (typeof s !== 'string') return undefined;
    re.lastIndex = 0;
    const m = re.exec(s);
    return m ? Object.freeze([...m].map((x) => x ?? undefined)) : undefined;
  };
  return Array.isArray(target) ? Object.freeze(target.map(one)) : one(target);
};

/** Puppet's versioncmp: compares dotted/dashed version strings segment by segment. */
export function versioncmp(a: string, b: string): number {
  const split = (s: string) => s.match(/\d+|[a-zA-Z]+|[-_.]/g) ?? [];
  const x = split(a);
  const y = split(b);
  while (x.length && y.length) {
    const p = x.shift()!;
    const q = y.shift()!;
    if (p === q) continue;
    if (p === '-' && q === '-') continue;
    if (p === '-') return -1;
    if (q === '-') return 1;
    if (p === '.') return -1;
    if (q === '.') return 1;
    if (/^\d+$/.test(p) && /^\d+$/.test(q)) {
      if (p.startsWith('0') || q.startsWith('0')) {
        const c = p.localeCompare(q);
        if (c !== 0) return Math.sign(p < q ? -1 : 1);
      } else {
        const d = Number(p) - Number(q);
        if (d !== 0) return Math.sign(d);
      }
    } else {
      const pu = p.toUpperCase();
      const qu = q.toUpperCase();
      if (pu !== qu) return pu < qu ? -1 : 1;
    }
  }
  if (x.length === y.length) return a === b ? 0 : a < b ? -1 : a > b ? 1 : 0;
  return x.length > y.length ? 1 : -1;
}

function digest(alg: string): BuiltinFunction {
  return (_ctx, [v]) => createHash(alg).update(v instanceof PBinary ? v.bytes : toPuppetString(v)).digest('hex');
}

export const stringFunctions: Record<string, BuiltinFunction> = {
  upcase: mapStrings('upcase', (s) => s.toUpperCase()),
  downcase: mapStrings('downcase', (s) => s.toLowerCase()),
  capitalize: mapStrings('capitalize', capitalize),
  camelcase: mapStrings('camelcase', (s) => s.split('_').map(capitalize).join('')),
  strip: mapStrings('strip', (s) => s.replace(/^[\s\0]+|[\s\0]+$/g, '')),
  lstrip: mapStrings('lstrip', (s) => s.replace(/^\s+/, '')),
  rstrip: mapStrings('rstrip', (s) => s.replace(/[\s\0]+$/, '')),
  chomp: mapStrings('chomp', (s) => s.replace(/(\r\n|\n|\r)$/, '')),
  chop: mapStrings('chop', (s) => (s.endsWith('\r\n') ? s.slice(0, -2) : [...s].slice(0, -1).join(''))),
  split: (_ctx, args) => {
    if (args.length !== 2) throw new UserError(`'split' expects 2 arguments, got ${args.length}`);
    const [s, sep] = args;
    if (typeof s !== 'string') throw new UserError("'split' parameter 'str' expects a String value");
    let re: RegExp | string;
    if (sep instanceof PRegexp) re = toJsRegExp(sep.source, '');
    else if (typeof sep === 'string') re = toJsRegExp(sep, '');
    else throw new UserError("'split' parameter 'pattern' expects a value of type String or Regexp");
    if (s === '') return Object.freeze([]);
    const parts = s.split(re);
    // Ruby's String#split drops trailing empty strings
    while (parts.length && parts[parts.length - 1] === '') parts.pop();
    return Object.freeze(parts.filter((p) => p !== undefined));
  },
  join: (_ctx, [arr, sep]) => {
    if (!Array.isArray(arr)) throw new UserError("'join' parameter 'arg' expects an Array value");
    const flat = (x: Value): Value[] => (Array.isArray(x) ? x.flatMap(flat) : [x]);
    return flat(arr).map((x) => toPuppetString(x)).join(sep === undefined ? '' : toPuppetString(sep));
  },
  regsubst,
  match,
  versioncmp: (_ctx, [a, b]) => {
    if (typeof a !== 'string' || typeof b !== 'string') throw new UserError("'versioncmp' expects two String values");
    return versioncmp(a, b);
  },
  sprintf: (_ctx, [fmt, ...rest]) => {
    if (typeof fmt !== 'string') throw new UserError("'sprintf' parameter 'format' expects a String value");
    return sprintf(fmt, rest);
  },
  md5: digest('md5'),
  sha1: digest('sha1'),
  sha256: digest('sha256'),
  base64: (_ctx, [action, s, method]) => {
    void method;
    if (action === 'encode') return Buffer.from(toPuppetString(s), 'utf8').toString('base64');
    if (action === 'decode') return Buffer.from(toPuppetString(s), 'base64').toString('utf8');
    throw new UserError("First argument must be either 'encode' or 'decode'");
  },
};
