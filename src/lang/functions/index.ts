// The table of built-in functions by name, assembled from the function
// families. Immutable; a compile looks names up here before trying
// Puppet-language functions from modules.
import type { BuiltinFunction } from '../evaluator/runtime.js';
import { UserError } from '../evaluator/errors.js';
import { coreFunctions } from './core.js';
import { iterationFunctions } from './iteration.js';
import { stringFunctions } from './strings.js';

/** Argument counts of built-ins with a single fixed signature: [min, max]. */
const ARITY: Record<string, [number, number]> = {
  upcase: [1, 1], downcase: [1, 1], capitalize: [1, 1], camelcase: [1, 1], strip: [1, 1], lstrip: [1, 1], rstrip: [1, 1],
  chomp: [1, 1], chop: [1, 1], keys: [1, 1], values: [1, 1], length: [1, 1], size: [1, 1], empty: [1, 1], abs: [1, 1],
  floor: [1, 1], ceiling: [1, 1], round: [1, 1], join: [1, 2], versioncmp: [2, 2], type: [1, 2], md5: [1, 1], sha1: [1, 1],
  sha256: [1, 1], each: [1, 1], map: [1, 1], filter: [1, 1], reduce: [1, 2], any: [1, 1], all: [1, 1], lest: [1, 1],
  then: [1, 1], reverse_each: [1, 1], step: [2, 2], slice: [2, 2], assert_type: [2, 2], match: [2, 2], unique: [1, 1],
  flatten: [1, Infinity], dig: [1, Infinity], index: [1, 2], partition: [1, 1], compare: [2, 3],
};

function countText(min: number, max: number, zero: string): string {
  if (min === max) return min === 0 ? zero : String(min);
  if (min === 0) return max === Infinity ? 'unlimited' : `at most ${max}`;
  if (max === Infinity) return `at least ${min}`;
  return `between ${min} and ${max}`;
}

/** Wraps a built-in with Puppet's argument count check ("'upcase' expects 1 argument, got 2"). */
function withArity(name: string, fn: BuiltinFunction): BuiltinFunction {
  const arity = ARITY[name];
  if (!arity) return fn;
  const [min, max] = arity;
  return (ctx, args) => {
    if (args.length < min || args.length > max) {
      const suffix = (min === 1 && (max === 1 || max === Infinity)) || (min === 0 && max === 1) ? '' : 's';
      throw new UserError(`'${name}' expects ${countText(min, max, 'no')} argument${suffix}, got ${countText(args.length, args.length, 'none')}`);
    }
    return fn(ctx, args);
  };
}

export const builtinFunctions: ReadonlyMap<string, BuiltinFunction> = new Map(
  Object.entries({ ...iterationFunctions, ...stringFunctions, ...coreFunctions }).map(([name, fn]) => [name, withArity(name, fn)]),
);
