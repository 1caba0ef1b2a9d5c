// Golden tests for the language front end. Each test/parser/cases/NAME.pp (or
// .epp) has NAME.out recorded from real Puppet 7 by test/parser/oracle.rb:
// Puppet's warnings and errors (code, line:column, message) and, for valid
// input, Puppet's own S-expression dump of the model. Our parser must produce
// the same text. NAME.pos holds the line:column Puppet gives every node; ours
// must agree (resource lines in catalogs and error locations depend on it).
// UPDATE_GOLDEN=1 rewrites NAME.out from our output instead
// (only for cases Puppet cannot record; review the diff like code).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { render, renderPositions } from '../parser/render.js';

const casesDir = new URL('../parser/cases/', import.meta.url).pathname;

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

  const posPath = join(casesDir, file.replace(/\.e?pp$/, '.pos'));
  if (existsSync(posPath)) {
    test(`parser positions: ${file}`, () => {
      const text = readFileSync(join(casesDir, file), 'utf8');
      assert.equal(renderPositions(text, `test/parser/cases/${file}`), readFileSync(posPath, 'utf8'));
    });
  }
}

// Code snippets from Puppet's own parser specs (spec/unit/pops/parser/*_spec.rb),
// each with what real Puppet 7.23 said about it (recorded by oracle.rb).
const snippetsPath = new URL('../parser/puppet-spec-snippets.jsonl', import.meta.url).pathname;
const snippets = readFileSync(snippetsPath, 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as { code: string; out: string; pos?: string });

test('Puppet spec snippets parse as Puppet parses them', () => {
  assert.ok(snippets.length > 300);
  for (const [i, s] of snippets.entries()) {
    const path = `snippet-${i}.pp`;
    assert.equal(render(s.code, path), s.out, `snippet ${i}: ${JSON.stringify(s.code)}`);
    if (s.pos !== undefined) assert.equal(renderPositions(s.code, path), s.pos, `positions of snippet ${i}: ${JSON.stringify(s.code)}`);
  }
});

// Mutated manifests (deleted and inserted characters) with Puppet's verdicts:
// syntax and lexical errors must be reported at Puppet's token with Puppet's text.
const mutants = readFileSync(new URL('../parser/puppet-mutants.jsonl', import.meta.url).pathname, 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as { code: string; out: string; pos?: string; epp?: boolean });

test('mutated manifests and templates give Puppet errors at Puppet positions', () => {
  assert.ok(mutants.length > 100);
  for (const [i, m] of mutants.entries()) {
    const path = m.epp ? `mutant-${i}.epp` : `mutant-${i}.pp`;
    assert.equal(render(m.code, path), m.out, `mutant ${i}: ${JSON.stringify(m.code.slice(0, 200))}`);
    if (m.pos !== undefined) assert.equal(renderPositions(m.code, path), m.pos, `positions of mutant ${i}`);
  }
});
