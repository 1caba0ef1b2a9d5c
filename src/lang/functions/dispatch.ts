// Puppet's function dispatch check for built-ins that declare signatures:
// the first signature the arguments fit wins; otherwise the error lists what
// each signature rejected, in the dispatcher's words.
import { PRegexp, type TypeValue, type Value } from '../values.js';
import { builtinType, parameterize } from '../types/factory.js';
import { isInstance } from '../types/instance.js';
import { describeMismatch } from '../types/mismatch.js';
import { SimpleType } from '../types/types.js';
import { UserError } from '../evaluator/errors.js';
import type { Callable } from '../evaluator/runtime.js';

export interface Signature {
  readonly params: readonly { readonly name: string; readonly type: TypeValue; readonly optional?: boolean }[];
  /** A block parameter: its Callable type and whether it may be left out. */
  readonly block?: { readonly type: TypeValue; readonly optional: boolean };
}

/** Builds a type from a built-in name and parameters: `T('array', T('string'))`. */
export function T(name: string, ...params: Value[]): TypeValue {
  const base = builtinType(name);
  if (!base) throw new Error(`no built-in type ${name}`);
  return (params.length ? parameterize(base, params) : base) as TypeValue;
}

export const CALLABLE_2 = new SimpleType('Callable', [2, 2]);
export const re = (source: string) => new PRegexp(source);

function signatureText(sig: Signature): string {
  const parts = sig.params.map((p) => `${p.type.toString()} ${p.name}${p.optional ? '?' : ''}`);
  if (sig.block) parts.push(`${sig.block.type.toString()} block${sig.block.optional ? '?' : ''}`);
  return `(${parts.join(', ')})`;
}

function rangeText(min: number, max: number, zero: string): string {
  if (min === max) return min === 0 ? zero : String(min);
  if (min === 0) return max === Infinity ? 'unlimited' : `at most ${max}`;
  if (max === Infinity) return `at least ${min}`;
  return `between ${min} and ${max}`;
}

/** Why `sig` rejects the arguments, or undefined when it accepts them. */
function rejection(sig: Signature, args: readonly Value[]): string | undefined {
  const min = sig.params.filter((p) => !p.optional).length;
  const max = sig.params.length;
  if (args.length < min || args.length > max) {
    const suffix = (min === 1 && (max === 1 || max === Infinity)) || (min === 0 && max === 1) ? '' : 's';
    return `expects ${rangeText(min, max, 'no')} argument${suffix}, got ${rangeText(args.length, args.length, 'none')}`;
  }
  for (let i = 0; i < args.length; i++) {
    const p = sig.params[i];
    if (!isInstance(p.type, args[i])) return describeMismatch(`parameter '${p.name}'`, p.type, args[i]);
  }
  return undefined;
}

/** Throws Puppet's dispatch error unless one of the signatures accepts the arguments. */
export function checkDispatch(name: string, sigs: readonly Signature[], args: readonly Value[], block: Callable | undefined): void {
  const reasons: string[] = [];
  for (const sig of sigs) {
    const why = rejection(sig, args);
    if (why === undefined && (block === undefined || sig.block !== undefined)) return;
    reasons.push(why ?? 'does not expect a block');
  }
  if (sigs.length === 1) throw new UserError(`'${name}' ${reasons[0]}`);
  const lines = sigs.map((sig, i) => `  ${signatureText(sig)}\n    rejected: ${reasons[i]}`);
  throw new UserError(`The function '${name}' was called with arguments it does not accept. It expects one of:\n${lines.join('\n')}`);
}
