// %{...} interpolation in hiera.yaml paths and in data values: scope
// variables with dotted digs, and the lookup/hiera/alias/literal/scope methods.
import { PHash, isArray, isHash, type Value } from '../lang/values.js';
import { HieraError, NotFound } from './errors.js';
import { rubyToS } from './explain.js';
import { subLookup, type Invocation } from './invocation.js';
import { splitKey } from './lookup-key.js';

/** Performs `lookup('key')` from inside a data value (a full lookup; '' when not found). */
export type SubLookupFn = (key: string, inv: Invocation) => Value;

const EMPTY_INTERPOLATIONS = new Set(['', '::', '""', "''", '"::"', "'::'"]);

export function interpolate(value: Value, inv: Invocation, allowMethods: boolean, lookup: SubLookupFn): Value {
  if (typeof value === 'string') return value.includes('%{') ? interpolateString(value, inv, allowMethods, lookup) : value;
  if (isArray(value)) return Object.freeze(value.map((v) => interpolate(v, inv, allowMethods, lookup)));
  if (isHash(value)) {
    return PHash.from([...value.entries()].map(([k, v]) => [interpolate(k, inv, allowMethods, lookup), interpolate(v, inv, allowMethods, lookup)] as const));
  }
  return value;
}

class AliasResult {
  constructor(readonly value: Value) {}
}

function interpolateString(subject: string, inv: Invocation, allowMethods: boolean, lookup: SubLookupFn): Value {
  return inv.with({ type: 'interpolate', expression: subject }, () => {
    try {
      return subject.replace(/%\{([^}]*)\}/g, (match, raw: string) => {
        const expr = raw.trim();
        if (EMPTY_INTERPOLATIONS.has(expr)) return '';
        const [method, key] = methodAndData(expr, allowMethods);
        if (method === 'alias' && subject !== match) {
          throw new HieraError("'alias' interpolation is only permitted if the expression is equal to the entire string", { issueCode: 'HIERA_INTERPOLATION_ALIAS_NOT_ENTIRE_STRING' });
        }
        let value = callMethod(method, key, inv, subject, lookup);
        if (method === 'alias') throw new AliasResult(value);
        value = inv.check(method === 'scope' ? `scope:${key}` : key, () => interpolate(value, inv, allowMethods, lookup));
        return rubyToS(value);
      });
    } catch (e) {
      if (e instanceof AliasResult) return e.value;
      throw e;
    }
  });
}

function methodAndData(expr: string, allowMethods: boolean): [string, string] {
  const m = /^(\w+)\((?:["]([^"]+)["]|[']([^']+)['])\)$/.exec(expr);
  if (!m) return ['scope', expr];
  if (!allowMethods) {
    throw new HieraError('Interpolation using method syntax is not allowed in this context', { issueCode: 'HIERA_INTERPOLATION_METHOD_SYNTAX_NOT_ALLOWED' });
  }
  return [m[1], m[2] ?? m[3]];
}

function callMethod(method: string, key: string, inv: Invocation, subject: string, lookup: SubLookupFn): Value {
  switch (method) {
    case 'lookup':
    case 'hiera':
    case 'alias':
      return lookup(key, inv);
    case 'literal':
      return key;
    case 'scope':
      return scopeLookup(key, inv, subject);
    default:
      throw new HieraError(`Unknown interpolation method '${method}'`, { issueCode: 'HIERA_INTERPOLATION_UNKNOWN_INTERPOLATION_METHOD' });
  }
}

/** A scope variable, dotted keys digging into hashes and arrays; undefined when unset. */
export function scopeLookup(key: string, inv: Invocation, subject: string): Value {
  const segments = splitKey(key, (problem) => new HieraError(`${problem} in string: ${subject}`));
  const root = String(segments.shift());
  let value = inv.with({ type: 'scope', name: 'Global Scope' }, () => {
    const v = inv.scope.variable(root.startsWith('::') ? root.slice(2) : root);
    return v === undefined ? undefined : inv.found(root, v);
  });
  if (value !== undefined && segments.length > 0) {
    try {
      value = subLookup(key, inv, segments, value);
    } catch (e) {
      if (e !== NotFound.INSTANCE) throw e;
      value = undefined;
    }
  }
  return value;
}
