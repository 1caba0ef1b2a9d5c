// Expectations are what Puppet 7.23 prints for the same calls.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PFloat, PHash } from '../values.js';
import { convertToString, sprintf } from './format.js';
import { versioncmp } from './strings.js';

test('sprintf follows Ruby format', () => {
  assert.equal(sprintf('%05.1f', [new PFloat(3.14159)]), '003.1');
  assert.equal(sprintf('%-5s|%5s|', ['ab', 'cd']), 'ab   |   cd|');
  assert.equal(sprintf('%x %X %o %b %e %g %G', [255, 255, 8, 5, new PFloat(12345.678), new PFloat(0.0001234), new PFloat(1e20)]), 'ff FF 10 101 1.234568e+04 0.0001234 1E+20');
  assert.equal(sprintf('%s %p', [Object.freeze([1, 'a']), 'q']), '[1, "a"] "q"');
  assert.equal(sprintf('%<a>s-%<b>d', [PHash.fromObject({ a: 'x', b: 3 })]), 'x-3');
  assert.equal(sprintf('%.3s|%+d|% d', ['abcdef', 5, 5]), 'abc|+5| 5');
  assert.equal(sprintf('%.0f %.0f %.1f %.2f', [new PFloat(2.5), new PFloat(3.5), new PFloat(0.05), new PFloat(1.005)]), '2 4 0.1 1.00');
});

test('String.new default formats', () => {
  assert.equal(convertToString(new PFloat(2)), '2.000000');
  assert.equal(convertToString(Object.freeze([1, 'a', undefined])), "[1, 'a', undef]");
  assert.equal(convertToString(PHash.fromObject({ a: Object.freeze([1]) })), "{'a' => [1]}");
  assert.equal(convertToString(3, '%05d'), '00003');
  assert.equal(convertToString('x', '%p'), "'x'");
});

test('versioncmp', () => {
  assert.equal(versioncmp('1.2.10', '1.2.9'), 1);
  assert.equal(versioncmp('1.0', '1.0.0'), -1);
  assert.equal(versioncmp('1.0a', '1.0b'), -1);
});
