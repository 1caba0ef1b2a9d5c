// The table of built-in functions by name, assembled from the function
// families. Immutable; a compile looks names up here before trying
// Puppet-language functions from modules.
import type { BuiltinFunction } from '../evaluator/runtime.js';
import { coreFunctions } from './core.js';
import { iterationFunctions } from './iteration.js';
import { stringFunctions } from './strings.js';

export const builtinFunctions: ReadonlyMap<string, BuiltinFunction> = new Map(
  Object.entries({ ...iterationFunctions, ...stringFunctions, ...coreFunctions }),
);
