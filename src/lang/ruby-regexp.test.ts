import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toJsRegExp } from './values.js';

const matches = (source: string, text: string, flags = ''): boolean => toJsRegExp(source, flags).test(text);

test('string anchors \\A and \\z match only at the ends of the string, not at line breaks', () => {
  assert.equal(matches('\\Aabc\\z', 'abc'), true);
  assert.equal(matches('\\Aabc\\z', 'x\nabc'), false);
  assert.equal(matches('\\Aabc\\z', 'abc\nx'), false);
  assert.equal(matches('\\Aabc\\Z', 'abc\n'), true);
  // ^ and $ stay line anchors, as in Ruby
  assert.equal(matches('^abc$', 'x\nabc\ny'), true);
});

test('scoped option group (?i:...) as in stdlib HTTPUrl', () => {
  const url = '(?i:\\Ahttps?:\\/\\/.*\\z)';
  assert.equal(matches(url, 'HTTP://example.test/'), true);
  assert.equal(matches(url, 'ftp://example.test/'), false);
  assert.equal(matches('\\A(?i:(yes|no))\\z', 'YES'), true);
  assert.equal(matches('^\\d+(?i:[kmgt]b?|b)$', '10GB'), true);
  assert.equal(matches('^\\d+(?i:[kmgt]b?|b)$', '10X'), false);
  // case-insensitivity ends with its group
  assert.equal(matches('(?i:a)b', 'AB'), false);
  assert.equal(matches('(?i:a)b', 'Ab'), true);
});

test('leading (?i) makes the whole pattern case-insensitive; (?m) lets the dot match newlines', () => {
  assert.equal(matches('(?i)^abc$', 'ABC'), true);
  assert.equal(matches('a.b', 'a\nb'), false);
  assert.equal(matches('(?m:a.b)', 'a\nb'), true);
});

test('Ruby-only syntax: {,n}, \\h, POSIX classes, possessive and atomic forms, comments', () => {
  assert.equal(matches('\\A[a-z2-7]+={,6}\\z', 'mzxw6==='), true);
  assert.equal(matches('\\A[a-z2-7]+={,6}\\z', 'mzxw6======='), false);
  assert.equal(matches('\\A\\h+\\z', 'deadBEEF'), true);
  assert.equal(matches('\\A[[:xdigit:]]{1,4}\\z', 'ff0a'), true);
  assert.equal(matches('\\A[[:alpha:][:digit:]_]+\\z', 'a_1'), true);
  assert.equal(matches('\\Aa++b\\z', 'aaab'), true);
  assert.equal(matches('\\A(?>ab)c\\z', 'abc'), true);
  assert.equal(matches('\\Aa(?#note)b\\z', 'ab'), true);
  assert.equal(matches('\\A(?x) a b # spaced\n\\z', 'ab'), true);
});

test('capture groups keep their numbers', () => {
  assert.deepEqual(toJsRegExp('(?i:(\\w+))-(\\d+)').exec('Ab-12')?.slice(1), ['Ab', '12']);
  assert.equal(toJsRegExp('(?<name>x)').exec('x')?.groups?.name, 'x');
});

test('regsubst flags: g and i pass through', () => {
  assert.equal('aAa'.replace(toJsRegExp('a', 'gi'), 'b'), 'bbb');
});
