// Type strings and mismatch texts as Puppet 7.23 prints them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PFloat, PHash, type TypeValue, type Value } from '../values.js';
import { builtinType, parameterize } from './factory.js';
import { inferType, isInstance } from './instance.js';
import { describeMismatch } from './mismatch.js';
import { ResourceType } from './types.js';

function t(name: string, ...params: Value[]): TypeValue {
  const base = builtinType(name);
  assert.ok(base, name);
  return (params.length ? parameterize(base, params) : base) as TypeValue;
}

test('types print as in Puppet notices', () => {
  assert.equal(String(t('integer', 1, 2)), 'Integer[1, 2]');
  assert.equal(String(t('enum', 'b', 'a')), "Enum['a', 'b']");
  assert.equal(String(t('array', t('string'), 1)), 'Array[String, 1]');
  assert.equal(String(t('hash', t('string'), t('integer'))), 'Hash[String, Integer]');
  assert.equal(String(t('float', 1, 2)), 'Float[1.0, 2.0]');
  assert.equal(String(t('struct', PHash.from([['a', t('integer')], [t('optional', 'b'), t('string')]]))), "Struct[{'a' => Integer, Optional['b'] => String}]");
  assert.equal(String(t('class', 'foo::bar')), 'Class[foo::bar]');
  assert.equal(String(new ResourceType('File', 'x')), "File['x']");
});

test('inferred types', () => {
  assert.equal(String(inferType(new PFloat(1))), 'Float[1.0, 1.0]');
  assert.equal(String(inferType(Object.freeze([1, 'a']))), 'Tuple[Integer[1, 1], String]');
  assert.equal(String(inferType(PHash.fromObject({ a: 1 }))), "Struct[{'a' => Integer[1, 1]}]");
});

test('instances', () => {
  assert.equal(isInstance(t('array', t('integer')), Object.freeze([1, 2])), true);
  assert.equal(isInstance(t('optional', t('string')), undefined), true);
  assert.equal(isInstance(t('data'), Object.freeze([1, PHash.fromObject({ a: undefined })])), true);
  assert.equal(isInstance(t('tuple', t('integer'), t('string'), 1, undefined), Object.freeze([1, 'a', 'b'])), true);
});

test('mismatch messages use TypeMismatchDescriber\'s words', () => {
  assert.equal(describeMismatch("parameter 'x'", t('integer'), 'a'), "parameter 'x' expects an Integer value, got String");
  assert.equal(describeMismatch("parameter 'x'", t('enum', 'absent', 'present'), 'running'), "parameter 'x' expects a match for Enum['absent', 'present'], got 'running'");
  assert.equal(describeMismatch("parameter 'x'", t('optional', t('integer')), 'a'), "parameter 'x' expects a value of type Undef or Integer, got String");
  assert.equal(describeMismatch("parameter 'p'", t('integer', 1, 5), 7), "parameter 'p' expects an Integer[1, 5] value, got Integer[7, 7]");
  assert.equal(
    describeMismatch("parameter 'cfg'", t('struct', PHash.from([['a', t('integer')]])), PHash.fromObject({ a: 1, b: 2 })),
    "parameter 'cfg' unrecognized key 'b'",
  );
});
