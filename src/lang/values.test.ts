// Expectations are what Puppet 7.23 prints (`puppet apply -e 'notice(...)'`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT, PFloat, PHash, PRegexp, PSensitive, compareValues, formatFloat, inspect, isTruthy, puppetEquals,
  toPuppetString, type Value,
} from './values.js';

test('floats print as Ruby prints them', () => {
  const cases: [number, string][] = [
    [2.0, '2.0'], [0.1, '0.1'], [1e20, '1.0e+20'], [1e-5, '1.0e-05'], [1e15, '1.0e+15'], [1e14, '100000000000000.0'],
    [0.0001, '0.0001'], [123456789.123, '123456789.123'], [-0, '-0.0'], [0.1 + 0.2, '0.30000000000000004'],
    [1234567890123456, '1.234567890123456e+15'],
  ];
  for (const [n, s] of cases) assert.equal(formatFloat(n), s, String(n));
});

test('interpolation: arrays and hashes without quotes, undef as empty', () => {
  const v: Value = Object.freeze(['a', 'b', undefined, 1, new PFloat(2), true, DEFAULT, new PRegexp('x'), PHash.fromObject({ k: Object.freeze([1]) })]);
  assert.equal(toPuppetString(v), '[a, b, , 1, 2.0, true, default, /x/, {k => [1]}]');
  assert.equal(toPuppetString(PHash.from([['a', 'b'], [1, undefined]])), '{a => b, 1 => }');
  assert.equal(toPuppetString(new PSensitive('s')), 'Sensitive [value redacted]');
});

test('inspect quotes strings the way %p does', () => {
  assert.equal(inspect(Object.freeze(['a', undefined, PHash.fromObject({ b: 'c' })])), "['a', undef, {'b' => 'c'}]");
  assert.equal(inspect('it\'s "x"\\n'), '\'it\\\'s "x"\\n\'');
  assert.equal(inspect('tab\there'), '"tab\\there"');
});

test('== ignores ASCII case only and compares numbers across Integer and Float', () => {
  assert.equal(puppetEquals('a', 'A'), true);
  assert.equal(puppetEquals('é', 'É'), false);
  assert.equal(puppetEquals(1, new PFloat(1)), true);
  assert.equal(puppetEquals(Object.freeze(['A']), Object.freeze(['a'])), true);
  assert.equal(puppetEquals(PHash.fromObject({ a: 1 }), PHash.fromObject({ a: 1 })), true);
});

test('only undef and false are false', () => {
  assert.equal(isTruthy(''), true);
  assert.equal(isTruthy(0), true);
  assert.equal(isTruthy(undefined), false);
  assert.equal(isTruthy(false), false);
});

test('strings compare case-insensitively, other mixes are errors', () => {
  assert.equal(compareValues('a', 'B'), -1);
  assert.equal(compareValues(new PFloat(1.5), 2), -1);
  assert.throws(() => compareValues(1, 'a'));
});

test('hash keys keep insertion order; a repeated key keeps its first place', () => {
  const h = PHash.from([['b', 1], ['a', 2], ['b', 3]]);
  assert.deepEqual(h.keys(), ['b', 'a']);
  assert.equal(h.get('b'), 3);
});
