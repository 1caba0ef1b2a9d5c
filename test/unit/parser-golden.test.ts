// Golden tests for the language front end. Each test/parser/cases/NAME.pp (or
// .epp) has NAME.out recorded from real Puppet 7 by test/parser/oracle.rb:
// Puppet's warnings and errors (code, line:column, message) and, for valid
// input, Puppet's own S-expression dump of the model. Our parser must produce
// the same text. UPDATE_GOLDEN=1 rewrites NAME.out from our output instead
// (only for cases Puppet cannot record; review the diff like code).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '../../src/lang/parser.js';
import { parseEpp } from '../../src/lang/epp.js';
import { dump } from '../../src/lang/dump.js';
import type { Diagnostic } from '../../src/lang/diagnostics.js';

const casesDir = new URL('../parser/cases/', import.meta.url).pathname;

/** Lexer warnings are logged by Puppet without an issue code. */
const LOGGED_WITHOUT_CODE = new Set(['UNRECOGNIZED_ESCAPE', 'ILLEGAL_UNICODE_ESCAPE']);

function describe(d: Diagnostic): string {
  const where = d.noPosition ? '-:-' : `${d.source.lineOf(d.span.start)}:${d.source.columnOf(d.span.start)}`;
  const code = d.severity === 'warning' && LOGGED_WITHOUT_CODE.has(d.code) ? '-' : d.code;
  return `${d.severity} ${code} ${where} ${d.message}`;
}

export function render(text: string, path: string): string {
  const result = path.endsWith('.epp') ? parseEpp(text, path) : parse(text, path);
  const lines = result.diagnostics.map(describe);
  let out = lines.join('\n');
  if (out !== '') out += '\n';
  if (!result.diagnostics.some((d) => d.severity === 'error')) out += `---\n${dump(result.ast)}\n`;
  return out;
}

const files = readdirSync(casesDir).filter((f) => f.endsWith('.pp') || f.endsWith('.epp')).sort();

test('the golden corpus is not empty', () => {
  assert.ok(files.length > 50, `expected many cases in ${casesDir}, found ${files.length}`);
});

for (const file of files) {
  test(`parser golden: ${file}`, () => {
    const path = `test/parser/cases/${file}`;
    const text = readFileSync(join(casesDir, file), 'utf8');
    const expectedPath = join(casesDir, file.replace(/\.e?pp$/, '.out'));
    const actual = render(text, path);
    if (process.env.UPDATE_GOLDEN === '1') {
      writeFileSync(expectedPath, actual);
      return;
    }
    const expected = readFileSync(expectedPath, 'utf8');
    assert.equal(actual, expected);
  });
}
