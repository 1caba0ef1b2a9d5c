import { test } from 'node:test';
import assert from 'node:assert/strict';
import { captureGroupCount, compileJavaRegex, JavaRegexError } from './java-regex.js';

const finds = (pattern: string, text: string): boolean => compileJavaRegex(pattern).test(text);

test('the default rules\' regexes mean the same in JS', () => {
  assert.equal(finds('^/puppet/v3/catalog/([^/]+)$', '/puppet/v3/catalog/a.b'), true);
  assert.equal(finds('^/puppet/v3/catalog/([^/]+)$', '/puppet/v3/catalog/a/b'), false);
  assert.equal(finds('^/puppet/v4/catalog/?$', '/puppet/v4/catalog/'), true);
  assert.deepEqual(compileJavaRegex('^/puppet/v3/node/([^/]+)$').exec('/puppet/v3/node/x')!.slice(1), ['x']);
});

test('Java anchors: $ and \\Z allow one final line terminator, \\z and \\A do not', () => {
  assert.equal(finds('^a$', 'a\n'), true);
  assert.equal(finds('^a$', 'a\r\n'), true);
  assert.equal(finds('^a$', 'a\n\n'), false);
  assert.equal(finds('^a\\Z', 'a\n'), true);
  assert.equal(finds('\\Aa\\z', 'a'), true);
  assert.equal(finds('\\Aa\\z', 'a\n'), false);
  assert.equal(finds('(?m)^b$', 'a\nb\nc'), true);
});

test('leading flags, \\Q...\\E quoting, a leading "]" in a class, Java-only escapes', () => {
  assert.equal(finds('(?i)^/Puppet/', '/puppet/x'), true);
  assert.equal(finds('(?s)a.b', 'a\nb'), true);
  assert.equal(finds('a.b', 'a\nb'), false);
  assert.equal(finds('^\\Q/a.b(c)\\E$', '/a.b(c)'), true);
  assert.equal(finds('^\\Q/a.b\\E$', '/aXb'), false);
  assert.equal(finds('^[]x]+$', ']x]'), true);
  assert.equal(finds('^[^]x]+$', 'abc'), true);
  assert.equal(finds('\\e', '\x1b'), true);
});

test('Java constructs with no JS equivalent are refused by name', () => {
  const refused = (pattern: string, detail: string) =>
    assert.throws(() => compileJavaRegex(pattern), (e: unknown) => e instanceof JavaRegexError && e.message === `Invalid regular expression "${pattern}": ${detail}`);
  refused('a*+', 'possessive quantifiers such as "*+" are not supported');
  refused('(?>a)', 'atomic groups "(?>" are not supported');
  refused('[a[b]]', 'nested character classes are not supported');
  refused('[a-z&&[^b]]', 'character class intersection "&&" is not supported');
  refused('[a-z&&b]', 'character class intersection "&&" is not supported');
  refused('\\p{Alpha}', 'the Java escape "\\p" is not supported');
  refused('a(?i)b', 'embedded flags are only supported at the start of the pattern');
  refused('(?x)a b', 'the embedded flag "x" is not supported');
  refused('(', 'Unterminated group');
  refused('a\\', 'it ends with an unfinished escape "\\"');
});

test('capture groups are counted like Matcher.groupCount', () => {
  assert.equal(captureGroupCount(compileJavaRegex('^/a/([^/]+)/(x)?(?:y)(?<n>z)$')), 3);
  assert.equal(captureGroupCount(compileJavaRegex('^/a/\\(x\\)[(]$')), 0);
  assert.equal(captureGroupCount(compileJavaRegex('^/a/(?=x)(?!y)')), 0);
});
