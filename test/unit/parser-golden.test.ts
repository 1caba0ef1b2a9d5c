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

// JSON-lines corpora, each line a source text with what real Puppet 7.23 said
// about it (recorded by oracle.rb): snippets from Puppet's own parser specs
// (spec/unit/pops/parser/*_spec.rb), mutated manifests and templates (syntax
// and lexical errors at Puppet's token, with Puppet's text), and one case per
// validation rule.
const corpora: Record<string, number> = {
  'puppet-spec-snippets.jsonl': 300,
  'puppet-mutants.jsonl': 1000,
  'puppet-validation.jsonl': 130,
};

for (const [name, atLeast] of Object.entries(corpora)) {
  test(`corpus ${name} is read as Puppet reads it`, () => {
    const entries = readFileSync(new URL(`../parser/${name}`, import.meta.url).pathname, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { code: string; out: string; pos?: string; epp?: boolean });
    assert.ok(entries.length >= atLeast, `${name}: expected at least ${atLeast} entries`);
    for (const [i, e] of entries.entries()) {
      const path = e.epp ? `case-${i}.epp` : `case-${i}.pp`;
      assert.equal(render(e.code, path), e.out, `${name} #${i}: ${JSON.stringify(e.code.slice(0, 200))}`);
      if (e.pos !== undefined) assert.equal(renderPositions(e.code, path), e.pos, `${name} #${i} positions`);
    }
  });
}
