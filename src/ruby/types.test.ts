import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RubyRuntime } from './runtime.js';
import { createRubyTypeLoader, loadRubyType, RubyTypeError } from './types.js';
import { readResourceTypesFile } from './resource-types-file.js';
import { moduleRubyFiles } from './function-files.js';
import { nodeFsHost } from '../compiler/host.js';

// expected-types.json is real Puppet 7.23's view of the fixture types
// (test/interop/ruby-types-oracle.rb: parameters, properties, key_attributes,
// title_patterns); resource_types/*.pp were written by `puppet generate types`.
const fixtures = new URL('../../test/fixtures/ruby-functions/', import.meta.url);
const moduleDir = fileURLToPath(new URL('modules/rbf', fixtures));
const expected = JSON.parse(readFileSync(new URL('expected-types.json', fixtures), 'utf8')) as Record<
  string,
  { parameters: string[]; properties: string[]; namevars: string[]; ensurable: unknown; titlePatterns: unknown[] }
>;
const runtime = new RubyRuntime();
after(() => runtime.close());

function puppetView(name: string) {
  const e = expected[name];
  return { name, parameters: e.parameters, properties: e.properties, namevars: e.namevars, ensurable: Boolean(e.ensurable), titlePatterns: e.titlePatterns };
}

for (const name of ['rbf_thing', 'rbf_pair']) {
  test(`the Ruby type ${name} declares what Puppet 7 sees in it`, () => {
    const path = `${moduleDir}/lib/puppet/type/${name}.rb`;
    const info = loadRubyType(runtime, { path, source: readFileSync(path, 'utf8') });
    assert.deepEqual(info, puppetView(name));
  });

  test(`the generated .resource_types/${name}.pp reads as the Ruby type does`, () => {
    const info = readResourceTypesFile(readFileSync(new URL(`resource_types/${name}.pp`, fixtures), 'utf8'));
    assert.deepEqual(info, puppetView(name));
  });
}

test('a generated file with typed parameters and a provider parameter (stdlib file_line)', () => {
  const info = readResourceTypesFile(readFileSync(new URL('resource_types/file_line.pp', fixtures), 'utf8'));
  assert.equal(info.name, 'file_line');
  assert.deepEqual(info.properties, ['ensure', 'line']);
  assert.deepEqual(info.namevars, ['name']);
  assert.equal(info.parameters.at(-1), 'provider');
  assert.equal(info.parameters.length, 11);
  assert.deepEqual(info.titlePatterns, [{ pattern: '(.*)', attributes: ['name'] }]);
});

test('types are found in modules and loaded once per file version', () => {
  const files = moduleRubyFiles(() => [{ name: 'rbf', dir: moduleDir }], nodeFsHost());
  let loads = 0;
  const load = createRubyTypeLoader(() => runtime, (name) => {
    const f = files.findType(name);
    if (f) loads++;
    return f;
  });
  assert.equal(load('rbf_thing')?.namevars[0], 'name');
  assert.equal(load('rbf_thing')?.properties[0], 'ensure');
  assert.equal(load('nope'), undefined);
  assert.equal(loads, 2);
});

test('a type needing a part of Puppet the shim lacks fails naming it', () => {
  const source = "Puppet::Type.newtype(:needy) do\n  Puppet::Util::Windows::Security.foo\nend\n";
  assert.throws(() => loadRubyType(runtime, { path: '/m/lib/puppet/type/needy.rb', source }), (e: unknown) => {
    assert.ok(e instanceof RubyTypeError);
    assert.equal(e.message, "Cannot load the type 'needy' from /m/lib/puppet/type/needy.rb: it needs Puppet::Util::Windows, which Bunraku's Ruby shim does not provide");
    return true;
  });
});

test("a type requiring its module's puppet_x library gets it from the modules", () => {
  const source = "require 'puppet_x/demo/names'\nPuppet::Type.newtype(:demo) do\n  PuppetX::Demo::NAMES.each { |n| newparam(n) }\n  newparam(:name, :namevar => true)\nend\n";
  const lib = { path: '/m/lib/puppet_x/demo/names.rb', source: "module PuppetX\n  module Demo\n    NAMES = [:alpha, :beta]\n  end\nend\n" };
  const info = loadRubyType(runtime, { path: '/m/lib/puppet/type/demo.rb', source }, (name) => (name === 'puppet_x/demo/names' ? lib : undefined));
  assert.deepEqual(info.parameters, ['alpha', 'beta', 'name']);
  assert.deepEqual(info.namevars, ['name']);
});
