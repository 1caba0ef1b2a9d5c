// Arithmetic as Puppet defines it: Integer/Float promotion, Ruby's floored
// division and modulo, numeric strings, array concatenation and deletion,
// hash merge and key removal, and `<<` append.
import { DEFAULT, PFloat, PHash, PTimespan, PTimestamp, isNumeric, normalizeInteger, numberOf, strictEquals, toPuppetString, type Value } from '../values.js';
import type { ArithmeticOperator } from '../ast.js';
import { UserError } from './errors.js';
import { timeArithmetic } from '../functions/time.js';

/** Converts a numeric value or numeric string; undefined when it is not numeric. */
export function toNumeric(v: Value): number | bigint | PFloat | undefined {
  if (isNumeric(v)) return v;
  if (typeof v === 'string') {
    const s = v.trim();
    if (/^[-+]?0[xX][0-9a-fA-F]+$/.test(s)) return parseInt(s, 16);
    if (/^[-+]?0[0-7]+$/.test(s)) return parseInt(s, 8);
    if (/^[-+]?\d+$/.test(s)) return Number(s);
    if (/^[-+]?(\d+\.\d+([eE][-+]?\d+)?|\d+[eE][-+]?\d+)$/.test(s)) return new PFloat(Number(s));
  }
  return undefined;
}

/** An arithmetic error that Puppet locates at one of the operands. */
export class OperandError extends UserError {
  constructor(message: string, readonly side: 'left' | 'right') {
    super(message);
  }
}

function num(op: string, v: Value, left: boolean): number | bigint | PFloat {
  const n = toNumeric(v);
  if (n === undefined) {
    if (v !== undefined && v !== DEFAULT) throw new OperandError(`The value '${toPuppetString(v)}' cannot be converted to Numeric.`, left ? 'left' : 'right');
    throw new OperandError(`Operator '${op}' is not applicable to ${article(v)}.`, left ? 'left' : 'right');
  }
  return n;
}

function article(v: Value): string {
  if (v === undefined) return 'an Undef Value';
  if (typeof v === 'string') return 'a String';
  if (typeof v === 'boolean') return 'a Boolean';
  if (Array.isArray(v)) return 'an Array';
  if (v instanceof PHash) return 'a Hash';
  return `a ${toPuppetString(v)}`;
}

const INT64_MAX = 2 ** 63;

function make(n: number, float: boolean, op: string): number | PFloat {
  if (float) {
    if (!Number.isFinite(n)) throw new UserError(`The result of the ${op} expression is ${n > 0 ? 'Infinity' : n < 0 ? '-Infinity' : 'NaN'}`);
    return new PFloat(n);
  }
  if (n >= INT64_MAX || n < -INT64_MAX) {
    const hex = BigInt(n) < 0n ? `-0x${(-BigInt(n)).toString(16)}` : `+0x${BigInt(n).toString(16)}`;
    throw new UserError(`A '${op}' expression resulted in a value outside of Puppet Integer max range, got '${hex}'`);
  }
  return n;
}

const INT64_MIN = -(2n ** 63n);
const INT64_LIMIT = 2n ** 63n - 1n;

/** Integer arithmetic done exactly (Ruby floors division and modulo), with Puppet's 64-bit range check. */
function bigArithmetic(op: ArithmeticOperator, x: bigint, y: bigint): number | bigint | undefined {
  let n: bigint;
  switch (op) {
    case '+': n = x + y; break;
    case '-': n = x - y; break;
    case '*': n = x * y; break;
    case '/': {
      if (y === 0n) throw new OperandError('Division by 0', 'right');
      const q = x / y;
      n = (x % y !== 0n) && ((x < 0n) !== (y < 0n)) ? q - 1n : q;
      break;
    }
    case '%': {
      if (y === 0n) throw new OperandError('Division by 0', 'right');
      const m = x % y;
      n = m !== 0n && (m < 0n) !== (y < 0n) ? m + y : m;
      break;
    }
    case '<<': n = y >= 0n ? x << y : x >> -y; break;
    case '>>': n = y >= 0n ? x >> y : x << -y; break;
    default: return undefined;
  }
  if (n > INT64_LIMIT || n < INT64_MIN) {
    const hex = n < 0n ? `-0x${(-n).toString(16)}` : `+0x${n.toString(16)}`;
    throw new UserError(`A '${op}' expression resulted in a value outside of Puppet Integer max range, got '${hex}'`);
  }
  return normalizeInteger(n);
}

export function arithmetic(op: ArithmeticOperator, l: Value, r: Value): Value {
  if (l instanceof PTimespan || l instanceof PTimestamp || r instanceof PTimespan || r instanceof PTimestamp) {
    const t = timeArithmetic(op, l, r);
    if (t !== undefined) return t;
  }
  if (Array.isArray(l)) {
    switch (op) {
      case '+':
        if (Array.isArray(r)) return Object.freeze([...l, ...r]);
        if (r instanceof PHash) return Object.freeze([...l, ...[...r].map((e) => Object.freeze(e))]);
        return Object.freeze([...l, r]);
      case '-': {
        const drop = Array.isArray(r) ? r : r instanceof PHash ? [...r].map((e) => Object.freeze(e)) : [r];
        return Object.freeze(l.filter((x) => !drop.some((d) => strictEquals(x, d))));
      }
      case '<<': return Object.freeze([...l, r]);
      case '*': {
        throw new UserError(`Operator '*' is not applicable to an Array.`);
      }
    }
  }
  if (l instanceof PHash) {
    switch (op) {
      case '+':
        if (r instanceof PHash) return l.merge(r);
        if (Array.isArray(r)) {
          if (r.length % 2 === 0 && !r.every(Array.isArray)) {
            const entries: [Value, Value][] = [];
            for (let i = 0; i < r.length; i += 2) entries.push([r[i], r[i + 1]]);
            return l.merge(PHash.from(entries));
          }
          return l.merge(PHash.from(r.map((e) => [(e as Value[])[0], (e as Value[])[1]] as [Value, Value])));
        }
        throw new UserError(`Operator '+' is not applicable to a Hash and ${article(r)}.`);
      case '-':
        if (r instanceof PHash) return l.without(r.keys());
        if (Array.isArray(r)) return l.without(r);
        return l.without([r]);
    }
    throw new UserError(`Operator '${op}' is not applicable to a Hash.`);
  }
  const a = num(op, l, true);
  const b = num(op, r, false);
  const float = a instanceof PFloat || b instanceof PFloat;
  if (!float) {
    const big = bigArithmetic(op, BigInt(a as number | bigint), BigInt(b as number | bigint));
    if (big !== undefined) return big;
  }
  const x = numberOf(a);
  const y = numberOf(b);
  switch (op) {
    case '+': return make(x + y, float, op);
    case '-': return make(x - y, float, op);
    case '*': return make(x * y, float, op);
    case '/':
      if (y === 0 && !float) throw new OperandError('Division by 0', 'right');
      return float ? make(x / y, true, op) : Math.floor(x / y);
    case '%': {
      if (float) throw new OperandError("Operator '%' is not applicable to a Float.", a instanceof PFloat ? 'left' : 'right');
      if (y === 0) throw new OperandError('Division by 0', 'right');
      const m = x % y;
      return m !== 0 && (m < 0) !== (y < 0) ? m + y : m;
    }
    case '<<':
      if (float) throw new UserError("Operator '<<' is not applicable to a Float.");
      return y >= 0 ? x * 2 ** y : Math.floor(x / 2 ** -y);
    case '>>':
      if (float) throw new UserError("Operator '>>' is not applicable to a Float.");
      return y >= 0 ? Math.floor(x / 2 ** y) : x * 2 ** -y;
  }
}
