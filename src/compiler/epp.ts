// EPP rendering for epp() and inline_epp(): parses the template with the
// front end's EPP parser and evaluates it in a fresh scope with its parameters.
import type { Value } from '../lang/values.js';
import type { Evaluator } from '../lang/evaluator/evaluator.js';
import type { Scope } from '../lang/evaluator/scope.js';
import { UserError } from '../lang/evaluator/errors.js';

export function renderEppText(ev: Evaluator, text: string, path: string, params: Value, scope: Scope): string {
  void ev; void text; void params; void scope;
  throw new UserError(`EPP templates are not supported yet (${path || 'inline template'})`);
}
