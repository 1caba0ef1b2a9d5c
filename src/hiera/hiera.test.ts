import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PHash, type Value } from '../lang/values.js';
import { createHiera, HieraError, memoryHost, notFoundMessage, type HieraHost } from './index.js';
import { LookupKey } from './lookup-key.js';

const scope = (vars: Record<string, Value>) => ({ variable: (n: string) => vars[n] });

function hostOf(files: Record<string, string>): { host: HieraHost; files: Map<string, string> } {
  const map = new Map(Object.entries(files));
  const base = memoryHost(map);
  // stamps follow the current text so edits are seen
  return { files: map, host: { ...base, readFile: (p) => map.get(p), stamp: (p) => (map.has(p) ? `${map.get(p)?.length}:${map.get(p)}` : undefined) } };
}

const ENV_CONFIG = 'version: 5\ndefaults:\n  datadir: data\n  data_hash: yaml_data\nhierarchy:\n  - name: node\n    path: "nodes/%{trusted.certname}.yaml"\n  - name: common\n    path: common.yaml\n';

test('splits dotted keys as Puppet does: quoted parts keep dots, numbers index arrays', () => {
  const k = new LookupKey("a.'b.c'.0");
  assert.equal(k.rootKey, 'a');
  assert.deepEqual(k.segments, ['b.c', 0]);
  assert.equal(new LookupKey('mod::x.y').moduleName, 'mod');
  assert.throws(() => new LookupKey('a..b'), /Syntax error in key: 'a\.\.b'/);
});

test('a changed data file is read again; an unchanged one comes from the cache', () => {
  const { host, files } = hostOf({ '/env/hiera.yaml': ENV_CONFIG, '/env/data/common.yaml': 'k: one\n' });
  const hiera = createHiera({ globalConfigPath: '/conf/hiera.yaml', environmentDir: '/env', moduleDirs: new Map(), host });
  const s = scope({ trusted: PHash.fromObject({ certname: 'n1' }) });
  assert.deepEqual(hiera.lookup('k', { scope: s }), { found: true, value: 'one', name: 'k' });
  files.set('/env/data/common.yaml', 'k: two\n');
  assert.equal(hiera.lookup('k', { scope: s }).value, 'two');
});

test('paths interpolate scope variables per lookup', () => {
  const { host } = hostOf({ '/env/hiera.yaml': ENV_CONFIG, '/env/data/nodes/n1.yaml': 'k: node\n', '/env/data/common.yaml': 'k: common\n' });
  const hiera = createHiera({ globalConfigPath: '/conf/hiera.yaml', environmentDir: '/env', moduleDirs: new Map(), host });
  assert.equal(hiera.lookup('k', { scope: scope({ trusted: PHash.fromObject({ certname: 'n1' }) }) }).value, 'node');
  assert.equal(hiera.lookup('k', { scope: scope({ trusted: PHash.fromObject({ certname: 'n2' }) }) }).value, 'common');
});

test('not found: found false, the default when one is given, and Puppet\'s message for the caller', () => {
  const { host } = hostOf({ '/env/hiera.yaml': ENV_CONFIG, '/env/data/common.yaml': 'k: v\n' });
  const hiera = createHiera({ globalConfigPath: '/conf/hiera.yaml', environmentDir: '/env', moduleDirs: new Map(), host });
  assert.deepEqual(hiera.lookup('nope', { scope: scope({}) }), { found: false, value: undefined });
  assert.deepEqual(hiera.lookup(['nope', 'k'], { scope: scope({}) }), { found: true, value: 'v', name: 'k' });
  assert.deepEqual(hiera.lookup('nope', { scope: scope({}), hasDefault: true, defaultValue: 3 }), { found: false, value: 3 });
  assert.equal(notFoundMessage(['x']), "Function lookup() did not find a value for the name 'x'");
  assert.equal(notFoundMessage(['x', 'y']), "Function lookup() did not find a value for any of the names ['x', 'y']");
});

test('module data answers only keys of its own module; a module without hiera.yaml has no data layer', () => {
  const { host } = hostOf({
    '/m/a/hiera.yaml': 'version: 5\n',
    '/m/a/data/common.yaml': 'a::x: 1\nb::x: 2\n',
    '/m/b/data/common.yaml': 'b::x: 3\n',
  });
  const warnings: string[] = [];
  const hiera = createHiera({ globalConfigPath: '/conf/hiera.yaml', environmentDir: undefined, moduleDirs: new Map([['a', '/m/a'], ['b', '/m/b']]), host, onWarning: (w) => warnings.push(w) });
  assert.equal(hiera.lookupParameter('a::x', scope({})).value, 1);
  assert.equal(hiera.lookup('b::x', { scope: scope({}) }).found, false);
  assert.match(warnings[0], /^Module 'a': .* must use keys qualified with the name of the module$/);
});

test('a YAML syntax error names the data file and line', () => {
  const { host } = hostOf({ '/env/hiera.yaml': ENV_CONFIG, '/env/data/common.yaml': 'a: 1\nb: [x\nc: 2\n' });
  const hiera = createHiera({ globalConfigPath: '/conf/hiera.yaml', environmentDir: '/env', moduleDirs: new Map(), host });
  assert.throws(() => hiera.lookup('a', { scope: scope({}) }), (e: unknown) => e instanceof HieraError && e.file === '/env/data/common.yaml' && typeof e.line === 'number' && e.message.startsWith('Unable to parse (/env/data/common.yaml)'));
});
