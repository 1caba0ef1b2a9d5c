import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { HoconError, parseHocon } from './hocon.js';

const confd = new URL('./testdata/conf.d/', import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, confd), 'utf8');
const parse = (text: string) => parseHocon(text, 'test.conf').root;

function parseError(text: string): HoconError {
  try {
    parseHocon(text, 'test.conf');
  } catch (e) {
    assert.ok(e instanceof HoconError, `expected a HoconError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected a parse error');
}

test('the default auth.conf parses into 22 rules with their fields', () => {
  const root = parse(read('auth.conf'));
  const auth = root['authorization'] as Record<string, unknown>;
  assert.equal(auth['version'], 1);
  const rules = auth['rules'] as Record<string, unknown>[];
  assert.equal(rules.length, 22);
  assert.deepEqual(rules[0], {
    'match-request': { path: '^/puppet/v3/catalog/([^/]+)$', type: 'regex', method: ['get', 'post'] },
    allow: '$1',
    'sort-order': 500,
    name: 'puppetlabs v3 catalog from agents',
  });
  assert.deepEqual(rules[5]!['allow'], { extensions: { pp_cli_auth: 'true' } });
  assert.deepEqual(rules[21], {
    'match-request': { path: '/', type: 'path' },
    deny: '*',
    'sort-order': 999,
    name: 'puppetlabs deny all',
  });
});

test('the default puppetserver.conf resolves its ${jruby-puppet.gem-home} substitution', () => {
  const root = parse(read('puppetserver.conf'));
  assert.deepEqual(root['jruby-puppet'], {
    'ruby-load-path': ['/opt/puppetlabs/puppet/lib/ruby/vendor_ruby'],
    'gem-home': '/opt/puppetlabs/server/data/puppetserver/jruby-gems',
    'gem-path': [
      '/opt/puppetlabs/server/data/puppetserver/jruby-gems',
      '/opt/puppetlabs/server/data/puppetserver/vendored-jruby-gems',
      '/opt/puppetlabs/puppet/lib/ruby/vendor_gems',
    ],
    'server-conf-dir': '/etc/puppetlabs/puppet',
    'server-code-dir': '/etc/puppetlabs/code',
    'server-var-dir': '/opt/puppetlabs/server/data/puppetserver',
    'server-run-dir': '/var/run/puppetlabs/puppetserver',
    'server-log-dir': '/var/log/puppetlabs/puppetserver',
  });
  assert.deepEqual(root['http-client'], {});
  assert.deepEqual(root['dropsonde'], {});
});

test('the other default conf.d files parse', () => {
  assert.deepEqual(parse(read('webserver.conf')), {
    webserver: {
      'access-log-config': '/etc/puppetlabs/puppetserver/request-logging.xml',
      'client-auth': 'want',
      'ssl-host': '0.0.0.0',
      'ssl-port': 8140,
    },
  });
  assert.deepEqual(parse(read('global.conf')), { global: { 'logging-config': '/etc/puppetlabs/puppetserver/logback.xml' } });
  assert.deepEqual(parse(read('ca.conf')), { 'certificate-authority': {} });
  const routes = parse(read('web-routes.conf'))['web-router-service'] as Record<string, string>;
  assert.equal(routes['puppetlabs.services.master.master-service/master-service'], '/puppet');
  assert.equal(routes['puppetlabs.services.legacy-routes.legacy-routes-service/legacy-routes-service'], '');
  const metrics = parse(read('metrics.conf'))['metrics'] as Record<string, unknown>;
  assert.deepEqual(metrics['registries'], { puppetserver: { reporters: { jmx: { enabled: true } } } });
});

test('separators: colon, equals, object without separator, commas and newlines', () => {
  assert.deepEqual(parse('a: 1\nb = 2, c { d: 3 }\ne {f = 4, g: [1, 2,]}'), {
    a: 1,
    b: 2,
    c: { d: 3 },
    e: { f: 4, g: [1, 2] },
  });
});

test('root braces are optional and a braced root may be followed by comments', () => {
  assert.deepEqual(parse('{ a: 1 }\n# trailing\n// more'), { a: 1 });
  assert.deepEqual(parse('\uFEFFa: 1'), { a: 1 });
  assert.deepEqual(parse(''), {});
});

test('scalars: numbers, booleans, null, and strings that only look like them', () => {
  assert.deepEqual(parse('a: 42\nb: -1.5e3\nc: true\nd: false\ne: null\nf: "42"\ng: yes\nh: 1.2.3\ni: 0x10'), {
    a: 42,
    b: -1500,
    c: true,
    d: false,
    e: null,
    f: '42',
    g: 'yes',
    h: '1.2.3',
    i: '0x10',
  });
});

test('quoted, triple-quoted and unquoted strings', () => {
  const root = parse(
    [
      'a: "x\\ty\\u0041\\"\\\\ \\/"',
      'b: """raw "quotes" \\n and\nnewlines"""',
      'c: """"quoted""""',
      'd: /puppet-ca/v1/certificate',
      'e: foo bar   baz # comment',
      'f: "x" y 1',
      'g: a//comment',
    ].join('\n'),
  );
  assert.deepEqual(root, {
    a: 'x\tyA"\\ /',
    b: 'raw "quotes" \\n and\nnewlines',
    c: '"quoted"',
    d: '/puppet-ca/v1/certificate',
    e: 'foo bar   baz',
    f: 'x y 1',
    g: 'a',
  });
});

test('comments with # and // anywhere whitespace may be', () => {
  assert.deepEqual(parse('# head\na: [ // c1\n  1 # c2\n  2\n]\n// tail'), { a: [1, 2] });
});

test('dotted keys build nested objects and merge with braces', () => {
  assert.deepEqual(parse('a.b.c: 1\na.b.d: 2\na { e: 3 }\n"x.y": 4\nq."r.s".t: 5'), {
    a: { b: { c: 1, d: 2 }, e: 3 },
    'x.y': 4,
    q: { 'r.s': { t: 5 } },
  });
});

test('repeated keys: objects merge recursively, other values are replaced', () => {
  assert.deepEqual(parse('a { x: 1, y { p: 1 } }\na { y { q: 2 }, z: 3 }\nb: [1]\nb: [2]\nc: {k: 1}\nc: 5'), {
    a: { x: 1, y: { p: 1, q: 2 }, z: 3 },
    b: [2],
    c: 5,
  });
});

test('+= appends to an array', () => {
  assert.deepEqual(parse('a: [1]\na += 2\nb += x'), { a: [1, 2], b: ['x'] });
});

test('substitutions: forward references, optional ones, concatenation and the environment', () => {
  const doc = parseHocon('a: ${b}-x\nb: base\nc: ${?missing}\nd: [${b}, ${?nope}]\ne: ${HOME_DIR}/x\nf: [1] ${g}\ng: [2]', 't.conf', {
    env: { HOME_DIR: '/home/p' },
  });
  assert.deepEqual(doc.root, { a: 'base-x', b: 'base', d: ['base'], e: '/home/p/x', f: [1, 2], g: [2] });
});

test('a key named __proto__ is an ordinary key', () => {
  const root = parse('__proto__: { polluted: true }');
  assert.deepEqual(Object.keys(root), ['__proto__']);
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
});

test('positions of objects and arrays are reported as file:line:col', () => {
  const doc = parseHocon('authorization: {\n  rules: [\n    { name: x }\n  ]\n}', 'auth.conf');
  const auth = doc.root['authorization'] as Record<string, unknown>;
  const rules = auth['rules'] as object[];
  assert.deepEqual(doc.positionOf(auth), { file: 'auth.conf', line: 1, col: 16 });
  assert.deepEqual(doc.positionOf(rules), { file: 'auth.conf', line: 2, col: 10 });
  assert.deepEqual(doc.positionOf(rules[0]!), { file: 'auth.conf', line: 3, col: 5 });
});

test('errors carry file:line:col and say what was expected', () => {
  const cases: [string, string][] = [
    ['a: {\n  b: 1\n', 'test.conf:3:1: Expected "}" to close the object opened at 1:4, found end of file'],
    ['a: [1, 2', 'test.conf:1:9: Expected "]" to close the array opened at 1:4, found end of file'],
    ['a: "abc\nb: 1', 'test.conf:1:4: Unterminated quoted string'],
    ['a 1', 'test.conf:1:3: Expected ":", "=" or "{" after the key "a", found "1"'],
    ['a: 1 }', 'test.conf:1:6: Unexpected "}" at the top level'],
    ['a: ${nope}', 'test.conf:1:4: Cannot resolve the substitution "${nope}": no such setting and no such environment variable'],
    ['a: "\\q"', 'test.conf:1:5: Invalid escape "\\q" in a quoted string'],
    ['x: 1\ninclude "other.conf"', 'test.conf:2:1: "include" is not supported in Bunraku\'s HOCON reader; put the settings in this file'],
    ['a: ${b}\nb: ${a}', 'test.conf:1:4: Substitution cycle'],
    ['a: 1 2 [3]', 'test.conf:1:4: Cannot concatenate an object or array with a string or a value of another kind'],
    ['a: *', 'test.conf:1:4: Expected a value, found "*" (quote the value to use this character)'],
    ['{ a: 1 } b: 2', 'test.conf:1:10: Unexpected "b" after the closing "}" of the root object'],
    ['a: 1 b: 2', 'test.conf:1:7: Expected a newline, "," or "}" after a field, found ":"'],
    ['[1, 2]', 'test.conf:1:1: A document whose root is an array is not supported; expected an object'],
  ];
  for (const [text, message] of cases) {
    assert.equal(parseError(text).message, message, `for input ${JSON.stringify(text)}`);
  }
});
