// Evaluation errors carry Puppet's message, the label of the statement kind
// that failed ("Function Call", "Resource Statement") and the source location;
// the compiler prints them as Puppet does, with "on node X".
import type { Span } from '../ast.js';
import type { SourceFile } from '../source.js';
import { CompileError } from '../../compiler/errors.js';

/** Raised for errors in user code while evaluating; the location is the failing expression's. */
export class EvalError extends CompileError {
  constructor(
    message: string,
    source?: SourceFile,
    span?: Span,
    /** Puppet's "Error while evaluating a <label>" prefix, when the error came from a call or statement. */
    readonly label?: string,
  ) {
    super(
      message,
      source && span
        ? { file: source.path || undefined, line: source.lineOf(span.start), column: source.columnOf(span.start) }
        : undefined,
    );
  }
}

/** An evaluation error located at a file and line only (Puppet's form for lazily evaluated resources). */
export function evalErrorAtLine(message: string, file: string | undefined, line: number | undefined, label?: string): EvalError {
  const e = new EvalError(message, undefined, undefined, label);
  Object.defineProperty(e, 'location', { value: { file, line, column: undefined } });
  return e;
}

/** The full text Puppet shows for an evaluation error, without the node suffix. */
export function evalErrorText(err: EvalError): string {
  const prefix = err.label ? `Evaluation Error: Error while evaluating a ${err.label}, ` : 'Evaluation Error: ';
  return `${prefix}${err.puppetMessage}`;
}

/** Thrown by functions and catalog operations without a location; the evaluator adds the call's location and label. */
export class UserError extends Error {}

/** A UserError from `new` whose message Puppet shows without the "'new'" prefix. */
export class UnprefixedNewError extends UserError {}
