// `value[keys]` on strings, arrays and hashes (types are parameterized elsewhere).
import { PHash, PSensitive, isNumeric, numberOf, type Value } from '../values.js';
import { UserError } from './errors.js';

function index(v: Value, what: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (isNumeric(v)) return Math.trunc(numberOf(v));
  throw new UserError(`${what} index must be an Integer, got ${v === undefined ? 'Undef' : typeof v === 'string' ? 'String' : 'a value'}`);
}

function sliceRange(len: number, start: number, count: number | undefined): [number, number] | undefined {
  let s = start < 0 ? len + start : start;
  if (count === undefined) return s < 0 || s >= len ? undefined : [s, s + 1];
  let end: number;
  if (count < 0) end = len + count + 1;
  else end = s + count;
  if (s < 0) s = 0;
  if (end > len) end = len;
  return [s, Math.max(s, end)];
}

export function accessValue(left: Value, keys: readonly Value[]): Value {
  if (typeof left === 'string') {
    if (keys.length < 1 || keys.length > 2) throw new UserError(`String supports [] with one or two arguments. Got ${keys.length}`);
    const chars = [...left];
    const r = sliceRange(chars.length, index(keys[0], 'String'), keys.length > 1 ? index(keys[1], 'String') : undefined);
    if (!r) return '';
    return chars.slice(r[0], r[1]).join('');
  }
  if (Array.isArray(left)) {
    if (keys.length < 1 || keys.length > 2) throw new UserError(`Array supports [] with one or two arguments. Got ${keys.length}`);
    const start = index(keys[0], 'Array');
    if (keys.length === 1) {
      const i = start < 0 ? left.length + start : start;
      return left[i];
    }
    const r = sliceRange(left.length, start, index(keys[1], 'Array'));
    if (!r) return Object.freeze([]);
    return Object.freeze(left.slice(r[0], r[1]));
  }
  if (left instanceof PHash) {
    if (keys.length === 1) return left.get(keys[0]);
    if (keys.length === 0) throw new UserError('Hash supports [] with one or more arguments. Got 0');
    return Object.freeze(keys.filter((k) => left.has(k)).map((k) => left.get(k)));
  }
  if (left instanceof PSensitive) throw new UserError('A Sensitive value cannot be accessed with []');
  if (left === undefined) throw new UserError('Operator \'[]\' is not applicable to an Undef Value.');
  throw new UserError(`Operator '[]' is not applicable to ${typeof left === 'number' ? 'an Integer' : typeof left === 'boolean' ? 'a Boolean' : 'this value'}.`);
}
