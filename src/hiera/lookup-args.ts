// The argument forms of Puppet's lookup() function, sorted into one call shape
// for Hiera. Type checking of the result and the lambda stay with the caller.
import { PHash, TypeValue, isArray, isHash, type Value } from '../lang/values.js';
import { HieraError } from './errors.js';

export interface LookupCall {
  readonly names: readonly string[];
  /** The value_type argument (a type value) to assert the result against, if any. */
  readonly valueType: TypeValue | undefined;
  readonly merge: Value;
  readonly defaultValue: Value;
  readonly hasDefault: boolean;
  /** Values used instead of looking names up (options hash `override`). */
  readonly override: PHash | undefined;
  /** Values used when no name is found (options hash `default_values_hash`). */
  readonly defaultValuesHash: PHash | undefined;
}

function namesOf(v: Value): string[] {
  if (typeof v === 'string') return [v];
  if (isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  throw new HieraError(`'lookup' parameter 'name' expects a value of type String or Array, got ${describe(v)}`);
}

function describe(v: Value): string {
  if (v === undefined) return 'Undef';
  if (isHash(v)) return 'Hash';
  if (isArray(v)) return 'Array';
  return typeof v === 'number' ? 'Integer' : typeof v === 'boolean' ? 'Boolean' : 'value';
}

function typeOf(v: Value): TypeValue | undefined {
  if (v === undefined) return undefined;
  if (v instanceof TypeValue) return v;
  throw new HieraError(`'lookup' parameter 'value_type' expects a Type value, got ${describe(v)}`);
}

/**
 * lookup(name [, value_type [, merge]]), lookup(name, value_type, merge, default),
 * lookup(options_hash), lookup(name, options_hash); the block form passes the
 * same arguments (the caller calls the lambda when `found` is false).
 */
export function parseLookupArgs(args: readonly Value[]): LookupCall {
  const base = { override: undefined, defaultValuesHash: undefined };
  if (args.length === 1 && isHash(args[0])) return fromOptions(namesOf(args[0].get('name')), args[0]);
  if (args.length === 2 && isHash(args[1])) return fromOptions(namesOf(args[0]), args[1]);
  if (args.length < 1 || args.length > 4) throw new HieraError(`'lookup' expects between 1 and 4 arguments, got ${args.length}`);
  return {
    ...base,
    names: namesOf(args[0]),
    valueType: typeOf(args[1]),
    merge: args[2],
    defaultValue: args[3],
    hasDefault: args.length === 4,
  };
}

function fromOptions(names: string[], o: PHash): LookupCall {
  const h = (k: string): PHash | undefined => {
    const v = o.get(k);
    return isHash(v) ? v : undefined;
  };
  return {
    names,
    valueType: typeOf(o.get('value_type')),
    merge: o.get('merge'),
    defaultValue: o.get('default_value'),
    hasDefault: o.has('default_value'),
    override: h('override'),
    defaultValuesHash: h('default_values_hash'),
  };
}
