// EPP rendering for epp() and inline_epp(): parses the template with the
// front end's EPP parser and calls it like a lambda with named arguments.
// epp() templates see only the global scope; inline_epp() sees the caller's.
import { parseEpp } from '../lang/epp.js';
import type { ParseResult } from '../lang/parser.js';
import { formatPuppetStyle } from '../lang/diagnostics.js';
import type * as A from '../lang/ast.js';
import { PHash, TypeValue, toPuppetString, type Value } from '../lang/values.js';
import type { Evaluator } from '../lang/evaluator/evaluator.js';
import { Scope } from '../lang/evaluator/scope.js';
import { UserError } from '../lang/evaluator/errors.js';
import { describeMismatch } from '../lang/types/mismatch.js';

/** The file name Puppet shows for inline templates. */
const INLINE_NAME = 'inlined-epp-text';

/** Parses a template: `path` its file, undefined for inline text (shown as `inlineName`). */
export type EppParser = (text: string, path: string | undefined, inlineName: string) => ParseResult;

const parseUncached: EppParser = (text, path, inlineName) => parseEpp(text, path ?? inlineName);

export function renderEppText(ev: Evaluator, text: string, path: string | undefined, params: Value, scope: Scope, parser: EppParser = parseUncached): string {
  const fn = path === undefined ? 'inline_epp' : 'epp';
  const { ast, diagnostics } = parser(text, path, INLINE_NAME);
  const error = diagnostics.find((d) => d.severity === 'error');
  if (error) throw new UserError(`${fn}(): Invalid EPP: ${formatPuppetStyle(error)}`);
  const lambda = ast.body as A.LambdaExpression | undefined;
  if (!lambda || lambda.kind !== 'LambdaExpression') return '';
  if (params !== undefined && !(params instanceof PHash)) throw new UserError(`${fn}(): the template arguments must be a Hash`);
  const args = params ?? PHash.EMPTY;
  const parent = path === undefined ? scope : ev.topScope;
  const local = new Scope('lambda', parent, scope.resource);
  const epp = lambda.body as A.EppExpression | undefined;
  return ev.withSource(ast.source, () => {
    if (epp?.parametersSpecified || lambda.parameters.length > 0) {
      const declared = new Set(lambda.parameters.map((p) => p.name));
      for (const k of args.keys()) if (!declared.has(toPuppetString(k))) throw new UserError(`lambda: has no parameter named '${toPuppetString(k)}'`);
      for (const p of lambda.parameters) {
        let v: Value;
        if (args.has(p.name)) v = args.get(p.name);
        else if (p.value !== undefined) v = ev.evaluate(p.value, local);
        else throw new UserError(`lambda: expects a value for parameter '${p.name}'`);
        if (p.typeExpr) {
          const t = ev.evaluate(p.typeExpr, local);
          if (t instanceof TypeValue) {
            const msg = describeMismatch(`parameter '${p.name}'`, t, v);
            if (msg !== undefined) throw new UserError(`lambda: ${msg}`);
          }
        }
        local.set(p.name, v);
      }
    } else {
      // a template without a parameter list sees its arguments as local variables
      for (const [k, v] of args) local.set(toPuppetString(k), v);
    }
    ev.renderStack.push([]);
    try {
      ev.evaluate(epp, local);
      return ev.renderStack[ev.renderStack.length - 1].join('');
    } finally {
      ev.renderStack.pop();
    }
  });
}
