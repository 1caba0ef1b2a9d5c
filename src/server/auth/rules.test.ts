import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { AuthConfigError, classifyName, loadAuthConfig, splitDomain } from './rules.js';

const shipped = readFileSync(new URL('../../../data/auth.conf', import.meta.url), 'utf8');

function conf(rules: string, head = 'version: 1'): string {
  return `authorization: {\n  ${head}\n  rules: [\n${rules}\n  ]\n}\n`;
}

function loadError(text: string): string {
  try {
    loadAuthConfig(text, 'auth.conf');
  } catch (e) {
    assert.ok(e instanceof AuthConfigError, `expected an AuthConfigError, got ${String(e)}`);
    return e.message;
  }
  assert.fail('expected the file to be refused');
}

test('the shipped data/auth.conf loads: 22 rules sorted by sort-order then name', () => {
  const config = loadAuthConfig(shipped, 'auth.conf');
  assert.equal(config.allowHeaderCertInfo, false);
  assert.equal(config.rules.length, 22);
  assert.deepEqual(config.rules.slice(0, 7).map((r) => r.name), [
    'puppet tasks information',
    'puppetlabs CA cert and CRL expirations',
    'puppetlabs CRL update',
    'puppetlabs cert clean',
    'puppetlabs cert status',
    'puppetlabs cert statuses',
    'puppetlabs certificate',
  ]);
  assert.equal(config.rules.at(-1)!.name, 'puppetlabs deny all');
  const catalog = config.rules.find((r) => r.name === 'puppetlabs v3 catalog from agents')!;
  assert.equal(catalog.type, 'regex');
  assert.deepEqual([...catalog.methods!], ['get', 'post']);
  assert.deepEqual(catalog.aces, [{ kind: 'backreference', labels: ['$1'], auth: 'allow', source: '$1' }]);
  assert.deepEqual(catalog.position, { file: 'auth.conf', line: 4, col: 9 });
  const tasks = config.rules.find((r) => r.name === 'puppet tasks information')!;
  assert.equal(tasks.methods, undefined);
  assert.equal(config.rules.find((r) => r.name === 'puppetlabs csr')!.allowUnauthenticated, true);
});

test('names sort by code point, so upper case comes before lower case', () => {
  const config = loadAuthConfig(
    conf(`
      { match-request: { path: "/", type: path }, allow: "*", sort-order: 5, name: "b" },
      { match-request: { path: "/", type: path }, allow: "*", sort-order: 5, name: "a" },
      { match-request: { path: "/", type: path }, allow: "*", sort-order: 5, name: "B" },
      { match-request: { path: "/", type: path }, allow: "*", sort-order: 1, name: "z" },
      { match-request: { path: "/", type: path }, allow: "*", sort-order: 5, name: "\u00e9" }`),
    'auth.conf',
  );
  assert.deepEqual(config.rules.map((r) => r.name), ['z', 'B', 'a', 'b', '\u00e9']);
});

test('ACEs are classified in tk-auth order', () => {
  assert.deepEqual(classifyName('*'), { kind: 'any' });
  assert.deepEqual(classifyName('Agent1.Example.COM'), { kind: 'name', labels: ['com', 'example', 'agent1'] });
  assert.deepEqual(classifyName('*.example.com'), { kind: 'glob', labels: ['com', 'example'] });
  assert.deepEqual(classifyName('$1.example.com'), { kind: 'backreference', labels: ['com', 'example', '$1'] });
  assert.deepEqual(classifyName('$1'), { kind: 'backreference', labels: ['$1'] });
  // Opaque words keep their case and are never split, even when they contain dots.
  assert.deepEqual(classifyName('Localhost'), { kind: 'name', labels: ['Localhost'] });
  assert.deepEqual(classifyName('user@host.example'), { kind: 'name', labels: ['user@host.example'] });
  assert.deepEqual(classifyName('trailing.dot.'), { kind: 'name', labels: ['trailing.dot.'] });
  const re = classifyName('/^agent\\d+\\./');
  assert.ok(typeof re === 'object' && re.kind === 'regex' && re.regex.test('agent12.x'));
  assert.equal(classifyName('-leading-dash'), undefined);
  assert.equal(classifyName('sp ace'), undefined);
  assert.equal(classifyName('*.'), undefined);
  assert.equal(classifyName('/[unclosed/'), 'regex-error');
});

test('splitDomain lower-cases, reverses and drops trailing empty labels like Java split', () => {
  assert.deepEqual(splitDomain('A.Example.COM'), ['com', 'example', 'a']);
  assert.deepEqual(splitDomain('a.example.com.'), ['com', 'example', 'a']);
  assert.deepEqual(splitDomain('a..b'), ['b', '', 'a']);
  assert.deepEqual(splitDomain('.a'), ['a', '']);
  assert.deepEqual(splitDomain(''), ['']);
  assert.deepEqual(splitDomain('.'), []);
});

test('ACE lists, certname maps, extension maps and deny-before-allow order', () => {
  const config = loadAuthConfig(
    conf(`{
      match-request: { path: "^/x/([^/]+)/(.*)$", type: regex, method: GET, query-params: { env: [a, b], one: c } }
      allow: ["$1", { certname: "*.example.com" }, { extensions: { pp_role: [web, db], "1.2.3": x } }]
      deny: { certname: "bad.example.com" }
      sort-order: 1, name: "r" }`),
    'auth.conf',
  );
  const rule = config.rules[0]!;
  assert.deepEqual([...rule.methods!], ['get']);
  assert.deepEqual([...rule.queryParams!].map(([k, v]) => [k, [...v]]), [['env', ['a', 'b']], ['one', ['c']]]);
  assert.deepEqual(rule.aces.map((a) => [a.auth, a.kind]), [
    ['deny', 'name'],
    ['allow', 'backreference'],
    ['allow', 'glob'],
    ['allow', 'extensions'],
  ]);
});

test('every load error names the file position, the rule and the problem', () => {
  const rule = (body: string): string => conf(`    { ${body} }`);
  const ok = 'match-request: { path: "/a", type: path }';
  const cases: [string, string][] = [
    [rule(`allow: "*", sort-order: 1, name: "n"`), 'auth.conf:4:5: Rule "n": missing the "match-request" section'],
    [rule(`match-request: { type: path }, allow: "*", sort-order: 1, name: "n"`), 'auth.conf:4:5: Rule "n": "match-request" has no "path" key'],
    [rule(`match-request: { path: "/a" }, allow: "*", sort-order: 1, name: "n"`), 'auth.conf:4:5: Rule "n": "match-request" has no "type" key'],
    [rule(`${ok}, allow: "*", name: "n"`), 'auth.conf:4:5: Rule "n": missing the "sort-order" key'],
    [rule(`${ok}, allow: "*", sort-order: 3`), 'auth.conf:4:5: Rule #1: missing the "name" key'],
    [rule(`${ok}, allow: "*", sort-order: 0, name: "n"`), 'auth.conf:4:5: Rule "n": "sort-order" must be a whole number from 1 to 999, not 0'],
    [rule(`${ok}, allow: "*", sort-order: 1000, name: "n"`), 'auth.conf:4:5: Rule "n": "sort-order" must be a whole number from 1 to 999, not 1000'],
    [rule(`${ok}, allow: "*", sort-order: 1.5, name: "n"`), 'auth.conf:4:5: Rule "n": "sort-order" must be a whole number from 1 to 999, not 1.5'],
    [rule(`${ok}, allow: "*", sort-order: "1", name: "n"`), 'auth.conf:4:5: Rule "n": "sort-order" must be a whole number from 1 to 999, not "1"'],
    [rule(`match-request: { path: "/a", type: glob }, allow: "*", sort-order: 1, name: "n"`), 'auth.conf:4:5: Rule "n": "type" must be "path" or "regex", not "glob"'],
    [rule(`match-request: { path: "/a", type: PATH }, allow: "*", sort-order: 1, name: "n"`), 'auth.conf:4:5: Rule "n": "type" must be "path" or "regex", not "PATH"'],
    [rule(`match-request: { path: 5, type: path }, allow: "*", sort-order: 1, name: "n"`), 'auth.conf:4:5: Rule "n": "path" must be a string, not 5'],
    [rule(`match-request: { path: "/a", type: path, method: [get, patch] }, allow: "*", sort-order: 1, name: "n"`), 'auth.conf:4:5: Rule "n": invalid method "patch"; a method must be one of "delete", "get", "head", "post", "put"'],
    [rule(`match-request: { path: "/a", type: path, method: any }, allow: "*", sort-order: 1, name: "n"`), 'auth.conf:4:5: Rule "n": invalid method "any"; a method must be one of "delete", "get", "head", "post", "put"'],
    [rule(`match-request: { path: "^/a/(", type: regex }, allow: "*", sort-order: 1, name: "n"`), 'auth.conf:4:5: Rule "n": the path regex is invalid: Invalid regular expression "^/a/(": Unterminated group'],
    [rule(`${ok}, sort-order: 1, name: "n"`), 'auth.conf:4:5: Rule "n": must have an "allow" or a "deny" entry (or "allow-unauthenticated: true")'],
    [rule(`${ok}, allow-unauthenticated: false, sort-order: 1, name: "n"`), 'auth.conf:4:5: Rule "n": must have an "allow" or a "deny" entry (or "allow-unauthenticated: true")'],
    [rule(`${ok}, allow-unauthenticated: true, deny: "*", sort-order: 1, name: "n"`), 'auth.conf:4:5: Rule "n": "allow-unauthenticated: true" cannot be combined with "allow" or "deny"'],
    [rule(`${ok}, allow-unauthenticated: "yes", sort-order: 1, name: "n"`), 'auth.conf:4:5: Rule "n": "allow-unauthenticated" must be true or false, not "yes"'],
    [rule(`${ok}, allow: "bad name!", sort-order: 1, name: "n"`), 'auth.conf:4:5: Rule "n": invalid domain value "bad name!" in the allow entry'],
    [rule(`${ok}, allow: 5, sort-order: 1, name: "n"`), 'auth.conf:4:5: Rule "n": the allow entry 5 must be a string or an object with "certname" or "extensions"'],
    [rule(`${ok}, deny: [{ certname: "a.b", extensions: { x: y } }], sort-order: 1, name: "n"`), 'auth.conf:4:5: Rule "n": the deny entry {"certname":"a.b","extensions":{"x":"y"}} must contain exactly one of "certname", "extensions" or "rbac"'],
    [rule(`${ok}, allow: { extensions: { pp_role: 5 } }, sort-order: 1, name: "n"`), 'auth.conf:4:5: Rule "n": the extension "pp_role" in the allow entry must map to a string or a list of strings, not 5'],
    [rule(`${ok}, allow: { extensions: { "2.5.29.17": { dns-name: x } } }, sort-order: 1, name: "n"`), 'auth.conf:4:5: Rule "n": the extension "2.5.29.17" in the allow entry must map to a string or a list of strings, not {"dns-name":"x"}'],
    [rule(`${ok}, allow: { extensions: { subject-alt-name: { dns: x } } }, sort-order: 1, name: "n"`), 'auth.conf:4:5: Rule "n": unknown subject-alt-name kind "dns" in the allow entry; use one of "dns-name", "ip", "other-name", "rfc822-name", "x400-address", "directory-name", "edi-party-name", "uri", "registered-id"'],
    [rule(`${ok}, deny: { rbac: { permission: "a:b:c" } }, sort-order: 1, name: "n"`), 'auth.conf:4:5: Rule "n": RBAC permissions cannot be used to deny access (permission "a:b:c")'],
    [rule(`match-request: { path: "^/a/([^/]+)$", type: regex }, allow: ["$1", "$2.example.com"], sort-order: 1, name: "n"`), 'auth.conf:4:5: Rule "n": the allow entry "$2.example.com" refers to the capture group "$2", but the path regex has only 1 group'],
    [rule(`match-request: { path: "^/a/(?:x)$", type: regex }, deny: "$1", sort-order: 1, name: "n"`), 'auth.conf:4:5: Rule "n": the deny entry "$1" refers to the capture group "$1", but the path regex has 0 groups'],
    [rule(`match-request: { path: "^/a/(x)$", type: regex }, deny: "$0", sort-order: 1, name: "n"`), 'auth.conf:4:5: Rule "n": the deny entry "$0" uses "$0"; back-references start at "$1"'],
    [rule(`${ok}, allow: "$1", sort-order: 1, name: "n"`), 'auth.conf:4:5: Rule "n": the allow entry "$1" uses the back-reference "$1", but a "path" rule has no capture groups'],
    [rule(`match-request: { path: "/a", type: path, query-params: { env: [a, 1] } }, allow: "*", sort-order: 1, name: "n"`), 'auth.conf:4:5: Rule "n": the query-param "env" must be a string or a list of strings, not ["a",1]'],
    [rule(`match-request: { path: "/a", type: path, query-params: [x] }, allow: "*", sort-order: 1, name: "n"`), 'auth.conf:4:5: Rule "n": "query-params" must be an object, not ["x"]'],
    [conf(`    "rule"`), 'auth.conf: Rule #1 must be an object, not "rule"'],
    [conf(`{ ${ok}, allow: "*", sort-order: 1, name: "n" },\n{ ${ok}, allow: "*", sort-order: 2, name: "n" }`), 'auth.conf:5:1: Duplicate rule name "n" (also at auth.conf:4:1); rule names must be unique'],
    [conf('', 'version: 2'), 'auth.conf:1:16: Unsupported or missing "version" 2; the only supported version is 1'],
    [conf('', 'version: 1, allow-header-cert-info: maybe'), 'auth.conf:1:16: "allow-header-cert-info" must be true or false, not "maybe"'],
    ['authorization: { version: 1 }', 'auth.conf:1:16: "rules" must be a list, not (none)'],
    ['other: {}', 'auth.conf: Missing authorization service configuration (no "authorization" section)'],
  ];
  for (const [text, message] of cases) assert.equal(loadError(text), message, text);
});

test('HOCON syntax errors surface with their position', () => {
  assert.throws(() => loadAuthConfig('authorization: {\n  version: 1\n  rules: [\n', 'auth.conf'), {
    name: 'HoconError',
    message: 'auth.conf:4:1: Expected "]" to close the array opened at 3:10, found end of file',
  });
});

test('the rules of the probe configuration used against real puppetserver all load', () => {
  const probe = readFileSync(new URL('./testdata/probe-auth.conf', import.meta.url), 'utf8');
  assert.equal(loadAuthConfig(probe, 'probe-auth.conf').rules.length, 22 + 31);
});
