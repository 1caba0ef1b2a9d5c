import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromRubyJson, rubyFloat, rubySensitive, rubyString, rubySymbol, toRubyLiteral } from './values.js';

test('strings become double-quoted Ruby literals with interpolation and escapes neutralised', () => {
  assert.equal(rubyString('a"b\\c#{x}'), '"a\\"b\\\\c\\#{x}"');
  assert.equal(rubyString('tab\tnl\n'), '"tab\\u{9}nl\\u{a}"');
  assert.equal(rubyString('é✓😀'), '"é✓😀"');
  assert.equal(rubyString('\ud800'), '"\\u{fffd}"');
});

test('numbers keep their Puppet kind: integers, big integers and floats', () => {
  assert.equal(toRubyLiteral(42), '42');
  assert.equal(toRubyLiteral(9007199254740993n), '9007199254740993');
  assert.equal(toRubyLiteral(1e21), '1000000000000000000000');
  assert.equal(toRubyLiteral(0.5), '0.5');
  assert.equal(toRubyLiteral(rubyFloat(2)), '2.0');
  assert.equal(toRubyLiteral(rubyFloat(1e20)), '100000000000000000000.0');
  assert.equal(toRubyLiteral(2.5e-7), '2.5e-7');
  assert.equal(toRubyLiteral(rubyFloat(-Infinity)), '(-Float::INFINITY)');
});

test('collections, nil, symbols and Sensitive become Ruby expressions', () => {
  const v = new Map<unknown, unknown>([['a', [1, undefined, null, true]], [1, rubySymbol('undef')], ['s', rubySensitive('x')]]);
  assert.equal(
    toRubyLiteral(v as never),
    '{"a"=>[1,nil,nil,true],1=>"undef".to_sym,"s"=>Puppet::Pops::Types::PSensitiveType::Sensitive.new("x")}',
  );
});

test('tagged JSON from Ruby decodes to the same representation', () => {
  const text = '[1,{"$i":"18446744073709551616"},{"$i":"12"},{"$f":1.0},{"$f":"NaN"},null,{"$h":[["k",[true]]]},{"$s":"undef"},{"$sensitive":"p"},{"$re":"a+"},{"$o":"Integer[1, 2]"}]';
  const v = fromRubyJson(text) as unknown[];
  assert.deepEqual(v.slice(0, 4), [1, 18446744073709551616n, 12, rubyFloat(1)]);
  assert.ok(Number.isNaN((v[4] as { value: number }).value));
  assert.deepEqual(v.slice(5), [
    undefined,
    new Map([['k', [true]]]),
    rubySymbol('undef'),
    rubySensitive('p'),
    { type: 'regexp', source: 'a+' },
    { type: 'opaque', display: 'Integer[1, 2]' },
  ]);
});
