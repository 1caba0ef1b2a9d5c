// Tests of src/compiler/ruby-bridge.ts, the compiler's entry to the Ruby layer
// (kept here, with the Ruby layer's tests, as the bridge is its only file there).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RubyRuntime } from './runtime.js';
import { rubyFunctionFinder, rubyTypeInfo } from '../compiler/ruby-bridge.js';
import { UserError } from '../lang/evaluator/errors.js';
import type { Callable } from '../lang/evaluator/runtime.js';
import { PHash, type Value } from '../lang/values.js';

const fixtures = new URL('../../test/fixtures/ruby-functions/', import.meta.url);
const moduleDir = fileURLToPath(new URL('modules/rbf', fixtures));
const modules = () => [{ name: 'rbf', dir: moduleDir }];
const runtime = new RubyRuntime();
after(() => runtime.close());

const lambda = (params: string[], fn: (args: readonly Value[]) => Value): Callable => ({
  parameters: params.map((name) => ({ kind: 'Parameter', name, value: undefined, typeExpr: undefined, capturesRest: false, span: { start: 0, end: 0 } })),
  minArgs: params.length,
  maxArgs: params.length,
  call: fn,
});

test('the finder answers only for functions modules define in Ruby', () => {
  const find = rubyFunctionFinder(() => runtime, modules);
  assert.equal(find('rbf::nope'), undefined);
  assert.equal(find('upcase'), undefined);
  assert.equal(typeof find('rbf::greet'), 'function');
  assert.equal(typeof find('rbf_legacy'), 'function');
});

test('a call goes through the compiler for other functions, variables and the lambda', () => {
  const find = rubyFunctionFinder(() => runtime, modules);
  const calls: string[] = [];
  const call = (name: string, args: readonly Value[]): Value => {
    calls.push(name);
    if (name === 'upcase') return (args[0] as string).toUpperCase();
    if (name === 'rbf::shout') return `${args[0] as string}!`;
    return find(name)!(args, call, () => undefined);
  };
  assert.equal(find('rbf::calls')!(['hi'], call, () => undefined), 'hello HI, hello HI / hi!');
  assert.deepEqual(calls, ['upcase', 'rbf::greet', 'rbf::shout']);
  assert.equal(find('rbf::scope')!(['x'], call, (n) => (n === 'x' ? 'X' : undefined)), 'x=X');
  const pairs = find('rbf::each_pair')!([PHash.fromObject({ a: 1 })], call, () => undefined, lambda(['k', 'v'], (a) => `${a[0] as string}=${a[1] as number}`));
  assert.deepEqual(pairs, ['a=1']);
});

test("failures are UserErrors carrying Puppet's message", () => {
  const find = rubyFunctionFinder(() => runtime, modules);
  assert.throws(() => find('rbf::greet')!([1], () => undefined, () => undefined), (e: unknown) => {
    assert.ok(e instanceof UserError);
    assert.equal(e.message, "'rbf::greet' parameter 'who' expects a String value, got Integer");
    return true;
  });
});

test('a Ruby block given to call_function reaches the compiler as a Callable with its parameters', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bunraku-bridge-'));
  try {
    mkdirSync(join(dir, 'blk/lib/puppet/functions/blk'), { recursive: true });
    writeFileSync(
      join(dir, 'blk/lib/puppet/functions/blk/twice.rb'),
      "Puppet::Functions.create_function(:'blk::twice') do\n  def twice(list)\n    out = []\n    call_function('each', list) { |x| out << x * 2 }\n    out\n  end\nend\n",
    );
    const find = rubyFunctionFinder(() => runtime, () => [{ name: 'blk', dir: join(dir, 'blk') }]);
    let seen: Callable | undefined;
    const call = (name: string, args: readonly Value[], block?: Callable): Value => {
      assert.equal(name, 'each');
      seen = block;
      for (const x of args[0] as Value[]) block!.call([x]);
      return args[0];
    };
    assert.deepEqual(find('blk::twice')!([[1, 2, 3]], call, () => undefined), [2, 4, 6]);
    assert.deepEqual(seen?.parameters.map((p) => p.name), ['x']);
    assert.equal(seen?.minArgs, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('type info comes from .resource_types when generated, else from the Ruby file; a type the shim cannot read says why', () => {
  const env = mkdtempSync(join(tmpdir(), 'bunraku-bridge-env-'));
  try {
    mkdirSync(join(env, '.resource_types'));
    copyFileSync(new URL('resource_types/rbf_pair.pp', fixtures), join(env, '.resource_types/rbf_pair.pp'));
    mkdirSync(join(env, 'broken/lib/puppet/type'), { recursive: true });
    writeFileSync(join(env, 'broken/lib/puppet/type/broken.rb'), 'Puppet::Type.newtype(:broken) do\n  Puppet::Util::Nothing.here\nend\n');
    const info = rubyTypeInfo(() => runtime, () => [...modules(), { name: 'broken', dir: join(env, 'broken') }], undefined, env);
    assert.equal(info('nope'), undefined);
    assert.deepEqual(info('rbf_pair')?.namevars, ['left', 'right', 'name']);
    assert.deepEqual(info('rbf_thing')?.properties, ['ensure', 'color', 'size']);
    const broken = info('broken');
    assert.deepEqual(broken?.parameters, []);
    assert.match(broken?.loadError ?? '', /needs Puppet::Util::Nothing, which Bunraku's Ruby shim does not provide$/);
  } finally {
    rmSync(env, { recursive: true, force: true });
  }
});
