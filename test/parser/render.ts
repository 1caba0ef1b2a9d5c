// Renders what our front end says about a file in the format test/parser/oracle.rb
// records from real Puppet: warnings and errors (code, line:column, message),
// then `---` and the tree dump when there is no error.
import { parse } from '../../src/lang/parser.js';
import { parseEpp } from '../../src/lang/epp.js';
import { dump } from '../../src/lang/dump.js';
import type { Diagnostic } from '../../src/lang/diagnostics.js';
import type { Node } from '../../src/lang/ast.js';
import { children } from '../../src/lang/validator.js';

/** Lexer warnings are logged by Puppet without an issue code. */
const LOGGED_WITHOUT_CODE = new Set(['UNRECOGNIZED_ESCAPE', 'ILLEGAL_UNICODE_ESCAPE']);

export function describeDiagnostic(d: Diagnostic): string {
  const where = d.noPosition ? '-:-' : `${d.source.lineOf(d.span.start)}:${d.source.columnOf(d.span.start)}`;
  const code = d.severity === 'warning' && LOGGED_WITHOUT_CODE.has(d.code) ? '-' : d.code;
  return `${d.severity} ${code} ${where} ${d.message}`;
}

export function render(text: string, path: string): string {
  const result = path.endsWith('.epp') ? parseEpp(text, path) : parse(text, path);
  let out = result.diagnostics.map(describeDiagnostic).join('\n');
  if (out !== '') out += '\n';
  if (!result.diagnostics.some((d) => d.severity === 'error')) out += `---\n${dump(result.ast)}\n`;
  return out;
}

/**
 * Every node's kind and line:column in pre-order (children in Puppet's
 * attribute order), as the oracle records Puppet's; empty when parsing fails.
 */
export function renderPositions(text: string, path: string): string | undefined {
  const result = path.endsWith('.epp') ? parseEpp(text, path, { validate: false }) : parse(text, path, { validate: false });
  if (result.diagnostics.some((d) => d.severity === 'error')) return undefined;
  const src = result.ast.source;
  const lines: string[] = [];
  const walk = (n: Node): void => {
    lines.push(`${n.kind} ${src.lineOf(n.span.start)}:${src.columnOf(n.span.start)}`);
    for (const c of children(n)) walk(c);
  };
  if (result.ast.body) walk(result.ast.body);
  return `${lines.join('\n')}\n`;
}
