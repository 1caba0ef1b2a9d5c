import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { RubyRuntime } from './runtime.js';
import { renderErb, inlineErb, ErbError } from './erb.js';
import { erbtScope } from '../../test/fixtures/erb/scope.js';

const fixtures = new URL('../../test/fixtures/erb/', import.meta.url);
const templates = new URL('env/production/modules/erbt/templates/', fixtures);
const expected = new URL('expected/', fixtures);
const ENV = '/erb-env';
const runtime = new RubyRuntime();
after(() => runtime.close());

function template(name: string): { name: string; path: string; source: string } {
  return {
    name: `erbt/${name}.erb`,
    path: `${ENV}/modules/erbt/templates/${name}.erb`,
    source: readFileSync(new URL(`${name}.erb`, templates), 'utf8'),
  };
}

const rendered = readdirSync(expected)
  .filter((f) => f.endsWith('.out'))
  .map((f) => f.slice(0, -4))
  .filter((n) => n !== 'multi' && n !== 'inline');

for (const name of rendered) {
  test(`template erbt/${name}.erb renders as Puppet 7 renders it`, () => {
    const want = readFileSync(new URL(`${name}.out`, expected), 'utf8');
    assert.equal(renderErb(runtime, template(name), erbtScope()), want);
  });
}

test('template() with several names concatenates them as Puppet does', () => {
  const want = readFileSync(new URL('multi.out', expected), 'utf8');
  const got = ['loops', 'legacy.conf'].map((n) => renderErb(runtime, template(n), erbtScope())).join('');
  assert.equal(got, want);
});

test('inline_template() renders strings as Puppet 7 does', () => {
  const want = readFileSync(new URL('inline.out', expected), 'utf8');
  const got = ["<%= @port %>-<%= @servers.join(',') %>\n", '<%- if @t -%>\nyes\n<%- end -%>\n']
    .map((s) => inlineErb(runtime, s, erbtScope()))
    .join('');
  assert.equal(got, want);
});

const errors = JSON.parse(readFileSync(new URL('errors.json', expected), 'utf8')) as Record<string, string>;

// Puppet's text is "Evaluation Error: Error while evaluating a Function Call, <ours> (file: ..."
function functionMessage(puppetText: string): string {
  const m = /^Evaluation Error: Error while evaluating a Function Call, ([\s\S]*?) \(file: [^)]*\) on node \S+$/.exec(puppetText);
  assert.ok(m, `unexpected oracle text ${puppetText}`);
  return m[1].replaceAll('<ENV>', ENV);
}

for (const name of ['err_method', 'err_raise']) {
  test(`template erbt/${name}.erb fails with Puppet's message, file and line`, () => {
    assert.throws(() => renderErb(runtime, template(name), erbtScope()), (e: unknown) => {
      assert.ok(e instanceof ErbError);
      assert.equal(e.message, functionMessage(errors[name]));
      return true;
    });
  });
}

test("inline_template() fails with Puppet's message (Ruby 3.1's NoMethodError wording)", () => {
  assert.throws(() => inlineErb(runtime, '<%= @u.foo %>', erbtScope()), (e: unknown) => {
    assert.ok(e instanceof ErbError);
    assert.equal(e.message, functionMessage(errors.inline_error));
    return true;
  });
});

test('a template with a Ruby syntax error fails naming the template and the line', () => {
  assert.throws(() => renderErb(runtime, template('err_syntax'), erbtScope()), (e: unknown) => {
    assert.ok(e instanceof ErbError);
    assert.match(e.message, /^Failed to parse template erbt\/err_syntax\.erb: syntax error, unexpected end-of-input.* \(line \d\)$/);
    return true;
  });
});

test('an error thrown by a function the template calls becomes the template error', () => {
  const scope = { ...erbtScope(), callFunction: () => { throw new Error('sprintf(): boom'); } };
  assert.throws(() => inlineErb(runtime, "<%= scope.call_function('sprintf', ['x']) %>", scope), {
    message: 'Failed to parse inline template: sprintf(): boom',
  });
});

test('values cross back from Ruby to a function faithfully', () => {
  let seen: unknown;
  const scope = { ...erbtScope(), callFunction: (_n: string, args: readonly unknown[]) => { seen = args; return 'ok'; } };
  const out = inlineErb(runtime, "<%= scope.call_function('f', [1, 2**70, 1.0, nil, :undef, 'é', {'a' => [true]}, @secret]) %>", scope);
  assert.equal(out, 'ok');
  assert.deepEqual(seen, [
    1,
    2n ** 70n,
    { type: 'float', value: 1 },
    undefined,
    { type: 'symbol', name: 'undef' },
    'é',
    new Map([['a', [true]]]),
    { type: 'sensitive', value: 's3cret' },
  ]);
});

test('3.x calls check their argument array as Puppet does', () => {
  assert.throws(() => inlineErb(runtime, "<%= scope.function_upcase('x') %>", erbtScope()), {
    message: /^Failed to parse inline template: custom functions must be called with a single array/,
  });
});
