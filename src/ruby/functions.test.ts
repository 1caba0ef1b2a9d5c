import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RubyRuntime } from './runtime.js';
import { createRubyFunctions, RubyFunctionError, type RubyBlock, type RubyCallContext } from './functions.js';
import { moduleRubyFiles } from './function-files.js';
import { inlineErb } from './erb.js';
import { nodeFsHost } from '../compiler/host.js';
import { DEFAULT, PFloat, PHash, PRegexp, PSemVer, PSensitive, PTimespan, PTimestamp, type Value } from '../lang/values.js';
import { IntegerType } from '../lang/types/types.js';

// Expected values and messages come from real Puppet 7.23 running the same
// calls on the same fixture module (test/interop/ruby-functions-oracle.rb over
// cases.json); a message is Puppet's without its "Error while evaluating a
// Function Call, " prefix and location.
const fixtures = new URL('../../test/fixtures/ruby-functions/', import.meta.url);
const moduleDir = fileURLToPath(new URL('modules/rbf', fixtures));
const expected = JSON.parse(readFileSync(new URL('expected.json', fixtures), 'utf8')) as Record<string, { value?: unknown; error?: string }>;

const runtime = new RubyRuntime();
after(() => runtime.close());
const files = moduleRubyFiles(() => [{ name: 'rbf', dir: moduleDir }], nodeFsHost());
const functions = createRubyFunctions(() => runtime, files);

/** A compiler stand-in: a few built-ins, the module's Puppet function, and the Ruby functions. */
function context(vars: Record<string, Value> = {}, block?: RubyBlock, logs: string[] = []): RubyCallContext {
  const ctx: RubyCallContext = {
    callFunction(name, args, b) {
      if (name === 'upcase') return (args[0] as string).toUpperCase();
      if (name === 'sprintf') return String(args[1]);
      if (name === 'rbf::shout') return `${args[0] as string}!`;
      if (name === 'each') {
        for (const x of args[0] as Value[]) b!.call([x]);
        return args[0];
      }
      if (functions.has(name)) return functions.call(name, args, context(vars, b, logs));
      throw new Error(`Unknown function: '${name}'`);
    },
    lookupVariable: (name) => vars[name],
    currentResource: () => ({ type: 'Class', title: 'main', parameters: new Map() }),
    block,
    log: (level, message) => logs.push(`${level}: ${message}`),
  };
  return ctx;
}

const lambda = (arity: number, fn: (args: readonly Value[]) => Value): RubyBlock => ({ minArgs: arity, maxArgs: arity, call: fn });
const hash = (o: Record<string, Value>) => PHash.fromObject(o);

interface Case {
  readonly fn: string;
  readonly args: readonly Value[];
  readonly block?: RubyBlock;
  readonly vars?: Record<string, Value>;
}

// The same calls as cases.json, written as the compiler would make them.
const cases: Record<string, Case> = {
  greet: { fn: 'rbf::greet', args: ['bob', 2] },
  greet_default: { fn: 'rbf::greet', args: ['bob'] },
  greet_wrong_type: { fn: 'rbf::greet', args: [1] },
  greet_out_of_range: { fn: 'rbf::greet', args: ['bob', 7] },
  greet_too_many: { fn: 'rbf::greet', args: ['a', 1, 2] },
  greet_none: { fn: 'rbf::greet', args: [] },
  kind_string: { fn: 'rbf::kind', args: ['abc'] },
  kind_numbers: { fn: 'rbf::kind', args: [1, 2, new PFloat(3.5)] },
  kind_none: { fn: 'rbf::kind', args: [true] },
  kind_float: { fn: 'rbf::kind', args: [new PFloat(1.5), 2] },
  plain_one: { fn: 'rbf::plain', args: [1] },
  plain_many: { fn: 'rbf::plain', args: [1, 2, 3, 4] },
  plain_none: { fn: 'rbf::plain', args: [] },
  each_pair_block: { fn: 'rbf::each_pair', args: [hash({ a: 1, b: 2 })], block: lambda(2, (a) => `${a[0] as string}:${a[1] as number}`) },
  each_pair_no_block: { fn: 'rbf::each_pair', args: [hash({ a: 1 })] },
  each_pair_bad_block: { fn: 'rbf::each_pair', args: [hash({ a: 1 })], block: lambda(1, (a) => a[0]) },
  each_value_no_block: { fn: 'rbf::each_pair', args: [[1, 2]] },
  each_value_block: { fn: 'rbf::each_pair', args: [[1, 2]], block: lambda(1, (a) => (a[0] as number) * 10) },
  calls: { fn: 'rbf::calls', args: ['hi'] },
  values: { fn: 'rbf::values', args: [] },
  describe: {
    fn: 'rbf::describe',
    args: [1, new PFloat(2), 's', undefined, DEFAULT, [undefined], hash({ a: undefined }), new PRegexp('re'), 9223372036854775807n, true],
  },
  describe_type: { fn: 'rbf::describe', args: [new IntegerType(1, 2)] },
  describe_sensitive: { fn: 'rbf::describe', args: [new PSensitive('x')] },
  describe_nested: { fn: 'rbf::describe', args: [hash({ k: [1, hash({ n: undefined })] }), -3, ''] },
  local_ok: { fn: 'rbf::local', args: [4] },
  mismatch_ok: { fn: 'rbf::mismatch', args: [3] },
  mismatch_string: { fn: 'rbf::mismatch', args: ['x'] },
  mismatch_bool: { fn: 'rbf::mismatch', args: [true] },
  scope_set: { fn: 'rbf::scope', args: ['x'], vars: { x: 'X' } },
  scope_unset: { fn: 'rbf::scope', args: ['nope'] },
  fail_parse: { fn: 'rbf::fail', args: ['parse'] },
  fail_argument: { fn: 'rbf::fail', args: ['argument'] },
  fail_runtime: { fn: 'rbf::fail', args: ['runtime'] },
  fail_nomethod: { fn: 'rbf::fail', args: ['nomethod'] },
  wrong_return: { fn: 'rbf::wrong_return', args: [] },
  top: { fn: 'rbf_top', args: ['abc'] },
  top_undef: { fn: 'rbf_top', args: [undefined] },
  top_default: { fn: 'rbf_top', args: [DEFAULT] },
  legacy: { fn: 'rbf_legacy', args: ['a', 'b'] },
  legacy_sep: { fn: 'rbf_legacy', args: ['a', [1, undefined]], vars: { rbf_sep: '+' } },
  legacy_arity: { fn: 'rbf_legacy', args: ['a'] },
  legacy_raise: { fn: 'rbf_legacy', args: ['', 'b'] },
  args: {
    fn: 'rbf_args',
    args: [undefined, [undefined], hash({ a: undefined }), new PRegexp('re'), 1, new PFloat(2.5), DEFAULT, 'x', new PSemVer(1, 2, 3, undefined, undefined)],
  },
  args_arity: { fn: 'rbf_args', args: [] },
  stmt: { fn: 'rbf_stmt', args: [] },
  undef: { fn: 'rbf_undef', args: [] },
  call_missing_4x: { fn: 'rbf::call_missing', args: ['4x'] },
  call_missing_3x: { fn: 'rbf::call_missing', args: ['3x'] },
};

/** A value in the rich-data JSON form the oracle prints (hashes with non-string keys tagged). */
function toData(v: Value): unknown {
  if (v === undefined) return null;
  if (v instanceof PFloat) return v.value;
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(toData);
  if (v instanceof PHash) {
    if (v.keys().every((k) => typeof k === 'string')) return Object.fromEntries([...v].map(([k, x]) => [k, toData(x)]));
    return { __ptype: 'Hash', __pvalue: [...v].flatMap(([k, x]) => [toData(k), toData(x)]) };
  }
  return v;
}

for (const [name, c] of Object.entries(cases)) {
  const want = expected[name];
  test(`${name}: ${c.fn} answers as Puppet 7 does`, () => {
    assert.ok(want, `no oracle answer for ${name}`);
    const ctx = context(c.vars, c.block);
    if (want.error !== undefined) {
      assert.throws(() => functions.call(c.fn, c.args, ctx), (e: unknown) => {
        assert.ok(e instanceof RubyFunctionError, String(e));
        assert.equal(e.message, want.error);
        return true;
      });
    } else {
      assert.deepEqual(toData(functions.call(c.fn, c.args, ctx)), want.value);
    }
  });
}

test('values keep their kind: a Float stays a Float, big integers stay exact, hashes keep their order', () => {
  const v = functions.call('rbf::values', [], context()) as PHash;
  assert.ok(v.get('float') instanceof PFloat);
  assert.equal(v.get('big'), 2n ** 62n);
  assert.deepEqual(v.keys(), ['big', 'float', 'frac', 'nil', 'list', 'nested', 3]);
  assert.deepEqual((v.get('nested') as PHash).keys(), ['z', 'a']);
});

/** Functions defined inline (path -> source) for the tests that need their own. */
function inline(defs: Record<string, string>) {
  return createRubyFunctions(() => runtime, {
    find: (name) => {
      const source = defs[name];
      return source === undefined ? undefined : { path: `/mem/lib/puppet/functions/${name.replace('::', '/')}.rb`, source, api: '4x' };
    },
  });
}

test('a type passed to Ruby comes back as the same object, and Ruby can test values against it', () => {
  const local = inline({
    'mem::echo': "Puppet::Functions.create_function(:'mem::echo') do\n  def echo(x)\n    x\n  end\nend\n",
    'mem::isa': "Puppet::Functions.create_function(:'mem::isa') do\n  dispatch :isa do\n    param 'Any', :v\n    param 'Type', :t\n  end\n  def isa(v, t)\n    Puppet::Pops::Types::TypeCalculator.instance?(t, v)\n  end\nend\n",
  });
  const t = new IntegerType(1, 2);
  assert.equal(local.call('mem::echo', [t], context()), t);
  assert.equal(local.call('mem::isa', [2, t], context()), true);
  assert.equal(local.call('mem::isa', [3, t], context()), false);
});

test('a function that needs a part of Puppet the shim lacks says which', () => {
  assert.throws(() => functions.call('rbf::fail', ['util'], context()), {
    message: "Ruby function 'rbf::fail' needs Puppet::Util::Execution, which Bunraku's Ruby shim does not provide",
  });
});

test('an unknown function is reported as Puppet reports it', () => {
  assert.equal(functions.has('rbf::nope'), false);
  assert.throws(() => functions.call('rbf::nope', [1], context()), { message: "Unknown function: 'rbf::nope'" });
});

test('an error thrown by the compiler inside a callback comes back unchanged', () => {
  const boom = new Error('boom from the compiler');
  const ctx: RubyCallContext = { ...context(), callFunction: () => { throw boom; } };
  assert.throws(() => functions.call('rbf::calls', ['x'], ctx), (e: unknown) => e === boom);
});

test('Ruby functions calling Ruby functions calling lambdas nest without a nested VM call', () => {
  // rbf::calls -> call_function('rbf::greet') is Ruby -> JS -> Ruby; a lambda inside goes one level deeper.
  const seen: Value[] = [];
  const ctx = context({}, lambda(2, (a) => { seen.push(functions.call('rbf::greet', [a[0] as string], context())); return 1; }));
  assert.deepEqual(toData(functions.call('rbf::each_pair', [hash({ x: 1, y: 2 })], ctx)), [1, 1]);
  assert.deepEqual(seen, ['hello x', 'hello y']);
});

test('a file is loaded once per version: editing it loads the new code', () => {
  let source = "Puppet::Functions.create_function(:'mem::v') do\n  def v\n    'one'\n  end\nend\n";
  const local = createRubyFunctions(() => runtime, {
    find: (name) => (name === 'mem::v' ? { path: '/mem/lib/puppet/functions/mem/v.rb', source, api: '4x' } : undefined),
  });
  assert.equal(local.call('mem::v', [], context()), 'one');
  source = source.replace("'one'", "'two'");
  assert.equal(local.call('mem::v', [], context()), 'two');
});

test('Puppet.warning from a function reaches the compiler log', () => {
  const logs: string[] = [];
  const local = inline({
    'mem::warn': "Puppet::Functions.create_function(:'mem::warn') do\n  def warn(m)\n    Puppet.warning(\"careful: #{m}\")\n    m\n  end\nend\n",
  });
  assert.equal(local.call('mem::warn', ['x'], context({}, undefined, logs)), 'x');
  assert.deepEqual(logs, ['warning: careful: x']);
});

test('an untyped optional block parameter takes any lambda, and no lambda', () => {
  const local = inline({
    'mem::tap': "Puppet::Functions.create_function(:'mem::tap') do\n  dispatch :tap do\n    param 'Integer', :v\n    optional_block_param\n  end\n  def tap(v)\n    block_given? ? yield(v) : v\n  end\nend\n",
  });
  assert.equal(local.call('mem::tap', [5], context()), 5);
  assert.equal(local.call('mem::tap', [5], context({}, lambda(1, (a) => (a[0] as number) + 1))), 6);
});

test('scope.source names the class whose body calls the function (scope_param)', () => {
  const local = inline({
    'mem::where': "Puppet::Functions.create_function(:'mem::where', Puppet::Functions::InternalFunction) do\n  dispatch :where do\n    scope_param\n    param 'String', :name\n  end\n  def where(scope, name)\n    \"#{name}=#{scope[name]} in #{scope.source.name} (#{scope.source.type})\"\n  end\nend\n",
  });
  const ctx = { ...context({ greeting: 'hi' }), currentResource: () => ({ type: 'Class', title: 'App', parameters: new Map() }) };
  assert.equal(local.call('mem::where', ['greeting'], ctx), 'greeting=hi in app (hostclass)');
});

test('a 3.x function file defining a method is refused with Puppet 7\'s message', () => {
  const path = `${moduleDir}/lib/puppet/parser/functions/rbf_helper_def.rb`;
  assert.throws(() => functions.call('rbf_helper_def', [2], context()), {
    // Puppet's text (its line number is Ripper's column of the method name).
    message: `Illegal method definition of method 'helper' in source ${path} on line 8 in legacy function. See https://puppet.com/docs/puppet/latest/functions_refactor_legacy.html for more information`,
  });
});

test('templates rendered in the same VM after functions loaded the shim still call functions through their scope', () => {
  functions.call('rbf::greet', ['x'], context());
  const calls: string[] = [];
  const out = inlineErb(runtime, "<%= scope.function_upcase(['a']) %>-<%= scope.call_function('rbf::shout', ['b']) %>", {
    variables: () => new Map(),
    lookup: () => undefined,
    callFunction: (name, args) => {
      calls.push(name);
      return name === 'upcase' ? (args[0] as string).toUpperCase() : `${args[0] as string}!`;
    },
  });
  assert.equal(out, 'A-b!');
  assert.deepEqual(calls, ['upcase', 'rbf::shout']);
});

test("types reach Ruby as instances of Puppet's type classes, which answer instance?; Timespan and Timestamp answer to_f and format", () => {
  const local = inline({
    'mem::tclass': "Puppet::Functions.create_function(:'mem::tclass') do\n  def tclass(t, v)\n    \"#{t} #{t.class.name.split('::').last} #{t.is_a?(Puppet::Pops::Types::PAnyType)} #{t.instance?(v)}\"\n  end\nend\n",
    'mem::span': "Puppet::Functions.create_function(:'mem::span') do\n  def span(t)\n    \"#{t.to_f.to_i} seconds\"\n  end\nend\n",
    'mem::stamp': "Puppet::Functions.create_function(:'mem::stamp') do\n  def stamp(t)\n    t.format('%Y')\n  end\nend\n",
  });
  assert.equal(local.call('mem::tclass', [new IntegerType(1, 10), 5], context()), 'Integer[1, 10] PIntegerType true true');
  assert.equal(local.call('mem::span', [new PTimespan(5400)], context()), '5400 seconds');
  const ctx = context();
  const stamp = new PTimestamp(Date.UTC(2024, 1, 29, 12, 30));
  const out = local.call('mem::stamp', [stamp], { ...ctx, callFunction: (name, args) => (name === 'strftime' && args[0] === stamp ? `Y(${args[1] as string})` : ctx.callFunction(name, args)) });
  assert.equal(out, 'Y(%Y)');
});
