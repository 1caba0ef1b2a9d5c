// Renders what our front end says about a file in the format test/parser/oracle.rb
// records from real Puppet: warnings and errors (code, line:column, message),
// then `---` and the tree dump when there is no error.
import { parse } from '../../src/lang/parser.js';
import { parseEpp } from '../../src/lang/epp.js';
import { dump } from '../../src/lang/dump.js';
import type { Diagnostic } from '../../src/lang/diagnostics.js';

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
