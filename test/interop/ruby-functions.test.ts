// Ruby functions against real Puppet 7: (1) the fixture module's expected
// answers (test/fixtures/ruby-functions/expected.json) are what Puppet answers
// today; (2) real puppetlabs-stdlib functions, 4.x and 3.x, loaded from the
// Debian package (puppet-module-puppetlabs-stdlib; override the directory with
// BUNRAKU_PUPPET_MODULES) answer as Puppet does, values and error messages.
// Needs `ruby` with Puppet 7 installed; fails, never skips, without them.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RubyRuntime } from '../../src/ruby/runtime.js';
import { rubyFunctionFinder } from '../../src/compiler/ruby-bridge.js';
import type { Callable } from '../../src/lang/evaluator/runtime.js';
import { DEFAULT, PFloat, PHash, type Value } from '../../src/lang/values.js';
import { IntegerType, ResourceType } from '../../src/lang/types/types.js';

const oracle = fileURLToPath(new URL('ruby-functions-oracle.rb', import.meta.url));
const fixtures = new URL('../fixtures/ruby-functions/', import.meta.url);
const modulesRoot = process.env.BUNRAKU_PUPPET_MODULES ?? '/usr/share/puppet/modules';
const stdlibDir = join(modulesRoot, 'stdlib');

const runtime = new RubyRuntime();
const work = mkdtempSync(join(tmpdir(), 'bunraku-rbf-interop-'));
after(() => {
  runtime.close();
  rmSync(work, { recursive: true, force: true });
});

type Answer = { value?: unknown; error?: string };

/** Runs the oracle over {name: puppet code} and returns Puppet's answers, messages without prefix and location. */
function askPuppet(cases: Record<string, string>, modulepath: string): Record<string, Answer> {
  const file = join(work, `cases-${Object.keys(cases).length}-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify(cases));
  const out = execFileSync('ruby', [oracle, file, modulepath], { cwd: work, encoding: 'utf8', maxBuffer: 1 << 24, stdio: ['ignore', 'pipe', 'pipe'] });
  const raw = JSON.parse(out) as Record<string, { value?: unknown; error?: string }>;
  const answers: Record<string, Answer> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v.error === undefined) answers[k] = { value: v.value };
    else {
      const m = /^(?:Evaluation Error: Error while evaluating a Function Call, )?([\s\S]*?)(?: \(line: \d+, column: \d+\))? on node \S+$/.exec(v.error);
      answers[k] = { error: m ? m[1] : v.error };
    }
  }
  return answers;
}

function toData(v: Value): unknown {
  if (v === undefined) return null;
  if (v === DEFAULT) return { __ptype: 'Default' };
  if (v instanceof PFloat) return v.value;
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(toData);
  if (v instanceof PHash) {
    if (v.keys().every((k) => typeof k === 'string')) return Object.fromEntries([...v].map(([k, x]) => [k, toData(x)]));
    return { __ptype: 'Hash', __pvalue: [...v].flatMap(([k, x]) => [toData(k), toData(x)]) };
  }
  if (v !== null && typeof v === 'object') return String(v);
  return v;
}

test('the fixture module answers recorded in expected.json are what Puppet 7 answers', () => {
  const cases = JSON.parse(readFileSync(new URL('cases.json', fixtures), 'utf8')) as Record<string, string>;
  const expected = JSON.parse(readFileSync(new URL('expected.json', fixtures), 'utf8')) as Record<string, Answer>;
  const answers = askPuppet(cases, fileURLToPath(new URL('modules', fixtures)));
  assert.deepEqual(answers, expected);
});

const H = (o: Record<string, Value>) => PHash.fromObject(o);
const F = (n: number) => new PFloat(n);
const lambda = (n: number, fn: (a: readonly Value[]) => Value): Callable => ({
  parameters: Array.from({ length: n }, (_, i) => ({ kind: 'Parameter', name: `p${i}`, value: undefined, typeExpr: undefined, capturesRest: false, span: { start: 0, end: 0 } })),
  minArgs: n,
  maxArgs: n,
  call: fn,
});

interface StdlibCase {
  readonly puppet: string;
  readonly fn: string;
  readonly args: readonly Value[];
  readonly block?: Callable;
  /** Puppet-side post-processing the case's code does (e.g. String(...)), done here on our value. */
  readonly post?: (v: Value) => Value;
}

const stdlibCases: Record<string, StdlibCase> = {
  start_with: { puppet: "stdlib::start_with('foobar', 'foo')", fn: 'stdlib::start_with', args: ['foobar', 'foo'] },
  start_with_list: { puppet: "stdlib::start_with('foobar', ['x', 'fo'])", fn: 'stdlib::start_with', args: ['foobar', ['x', 'fo']] },
  start_with_bad: { puppet: "stdlib::start_with('foobar', '')", fn: 'stdlib::start_with', args: ['foobar', ''] },
  end_with: { puppet: "stdlib::end_with('foobar', 'bar')", fn: 'stdlib::end_with', args: ['foobar', 'bar'] },
  extname: { puppet: "stdlib::extname('dir/file.tar.gz')", fn: 'stdlib::extname', args: ['dir/file.tar.gz'] },
  xml_encode: { puppet: "stdlib::xml_encode('<a href=\"x\">&</a>')", fn: 'stdlib::xml_encode', args: ['<a href="x">&</a>'] },
  ip_in_range: { puppet: "stdlib::ip_in_range('10.1.2.3', ['192.168.0.0/16', '10.0.0.0/8'])", fn: 'stdlib::ip_in_range', args: ['10.1.2.3', ['192.168.0.0/16', '10.0.0.0/8']] },
  merge: {
    puppet: "merge({'a' => 1, 'b' => {'x' => 1}}, undef, '', {'b' => 2, 'c' => 3.0})",
    fn: 'merge',
    args: [H({ a: 1, b: H({ x: 1 }) }), undefined, '', H({ b: 2, c: F(3) })],
  },
  merge_bad: { puppet: "merge({'a' => 1}, 'x')", fn: 'merge', args: [H({ a: 1 }), 'x'] },
  merge_block: { puppet: 'merge([1, 2]) |$acc, $v| { { "k${v}" => $v } }', fn: 'merge', args: [[1, 2]], block: lambda(2, (a) => H({ [`k${a[1] as number}`]: a[1] })) },
  is_a: { puppet: 'is_a(3, Integer[1, 5])', fn: 'is_a', args: [3, new IntegerType(1, 5)] },
  is_a_no: { puppet: "is_a('3', Integer)", fn: 'is_a', args: ['3', new IntegerType()] },
  type_of: { puppet: "String(type_of({'a' => [1, 2.5]}))", fn: 'type_of', args: [H({ a: [1, F(2.5)] })], post: (v) => String(v) },
  to_json: { puppet: "to_json({'a' => [1, 2.5, undef, true], 'b' => 'é\"'})", fn: 'to_json', args: [H({ a: [1, F(2.5), undefined, true], b: 'é"' })] },
  to_json_pretty: { puppet: "to_json_pretty({'a' => [1, {'b' => undef}]}, true)", fn: 'to_json_pretty', args: [H({ a: [1, H({ b: undefined })] }), true] },
  shell_escape: { puppet: 'shell_escape("it\'s a b")', fn: 'shell_escape', args: ["it's a b"] },
  batch_escape: { puppet: "batch_escape('a b%')", fn: 'batch_escape', args: ['a b%'] },
  powershell_escape: { puppet: "powershell_escape('a $b`')", fn: 'powershell_escape', args: ['a $b`'] },
  seeded_rand_string: { puppet: "seeded_rand_string(12, 'seed')", fn: 'seeded_rand_string', args: [12, 'seed'] },
  sprintf_hash: { puppet: "sprintf_hash('%<a>s-%<b>05.1f', {'a' => 'x', 'b' => 2.25})", fn: 'sprintf_hash', args: ['%<a>s-%<b>05.1f', H({ a: 'x', b: F(2.25) })] },
  pick: { puppet: "pick(undef, '', 'first', 'second')", fn: 'pick', args: [undefined, '', 'first', 'second'] },
  pick_none: { puppet: "pick(undef, '')", fn: 'pick', args: [undefined, ''] },
  delete_undef_values: { puppet: "delete_undef_values({'a' => undef, 'b' => 1, 'c' => false})", fn: 'delete_undef_values', args: [H({ a: undefined, b: 1, c: false })] },
  concat: { puppet: 'concat([1], [2, 3], 4)', fn: 'concat', args: [[1], [2, 3], 4] },
  join_keys_to_values: { puppet: "join_keys_to_values({'a' => 1, 'b' => [2, 3]}, '=')", fn: 'join_keys_to_values', args: [H({ a: 1, b: [2, 3] }), '='] },
  deep_merge: {
    puppet: "deep_merge({'a' => {'b' => 1, 'l' => [1]}}, {'a' => {'c' => 2, 'l' => [2]}})",
    fn: 'deep_merge',
    args: [H({ a: H({ b: 1, l: [1] }) }), H({ a: H({ c: 2, l: [2] }) })],
  },
  range: { puppet: "range('a', 'e', 2)", fn: 'range', args: ['a', 'e', 2] },
  range_int: { puppet: 'range(1, 10, 3)', fn: 'range', args: [1, 10, 3] },
  union: { puppet: 'union([1, 2], [2, 3])', fn: 'union', args: [[1, 2], [2, 3]] },
  difference: { puppet: 'difference([1, 2, 3], [2])', fn: 'difference', args: [[1, 2, 3], [2]] },
  suffix: { puppet: "suffix(['a', 'b'], '.x')", fn: 'suffix', args: [['a', 'b'], '.x'] },
  prefix_hash: { puppet: "prefix({'a' => 1}, 'p_')", fn: 'prefix', args: [H({ a: 1 }), 'p_'] },
  dirname: { puppet: "dirname('/a/b/c.txt')", fn: 'dirname', args: ['/a/b/c.txt'] },
  basename: { puppet: "basename('/a/b/c.txt', '.txt')", fn: 'basename', args: ['/a/b/c.txt', '.txt'] },
  bool2str: { puppet: "bool2str(true, 'yes', 'no')", fn: 'bool2str', args: [true, 'yes', 'no'] },
  str2bool: { puppet: "str2bool('yes')", fn: 'str2bool', args: ['yes'] },
  num2bool: { puppet: "num2bool('1.5')", fn: 'num2bool', args: ['1.5'] },
  any2array_undef: { puppet: 'any2array(undef)', fn: 'any2array', args: [undefined] },
  any2array_hash: { puppet: "any2array({'a' => 1})", fn: 'any2array', args: [H({ a: 1 })] },
  zip: { puppet: "zip([1, 2], ['a', 'b'])", fn: 'zip', args: [[1, 2], ['a', 'b']] },
  values_at: { puppet: "values_at(['a', 'b', 'c', 'd'], ['0-1', 3])", fn: 'values_at', args: [['a', 'b', 'c', 'd'], ['0-1', 3]] },
  member: { puppet: "member(['a', 'b'], ['b'])", fn: 'member', args: [['a', 'b'], ['b']] },
  has_key: { puppet: "has_key({'a' => 1}, 'a')", fn: 'has_key', args: [H({ a: 1 }), 'a'] },
  hash: { puppet: "hash(['a', 1, 'b', 2])", fn: 'hash', args: [['a', 1, 'b', 2]] },
  parseyaml: { puppet: 'parseyaml("a: 1\\nb: [x, 2.5]\\n")', fn: 'parseyaml', args: ['a: 1\nb: [x, 2.5]\n'] },
  parsejson: { puppet: "parsejson('{\"a\": [1, null, 1.0]}')", fn: 'parsejson', args: ['{"a": [1, null, 1.0]}'] },
  to_bytes: { puppet: "to_bytes('1.5 kB')", fn: 'to_bytes', args: ['1.5 kB'] },
  uriescape: { puppet: "uriescape('a b/c?d')", fn: 'uriescape', args: ['a b/c?d'] },
  count: { puppet: "count(['a', undef, 'b'])", fn: 'count', args: [['a', undefined, 'b']] },
  squeeze: { puppet: "squeeze('aaabbb')", fn: 'squeeze', args: ['aaabbb'] },
  swapcase: { puppet: "swapcase('aBc')", fn: 'swapcase', args: ['aBc'] },
  delete_at: { puppet: "delete_at(['a', 'b', 'c'], 1)", fn: 'delete_at', args: [['a', 'b', 'c'], 1] },
  getvar: { puppet: "$rbftop = 'v' ;; getvar('rbftop')", fn: 'getvar', args: ['rbftop'] },
  fact: { puppet: "fact('networking.fqdn')", fn: 'fact', args: ['networking.fqdn'] },
  min: { puppet: 'min(3, 1, 2)', fn: 'min', args: [3, 1, 2] },
  max_str: { puppet: "max('a', 'b')", fn: 'max', args: ['a', 'b'] },
  loadjson_missing: { puppet: "loadjson('/nonexistent/file.json', {'dflt' => true})", fn: 'loadjson', args: ['/nonexistent/file.json', H({ dflt: true })] },
  str2saltedsha512: { puppet: "str2saltedsha512('password') =~ String", fn: 'str2saltedsha512', args: ['password'], post: (v) => typeof v === 'string' },
  validate_legacy: { puppet: "validate_legacy(Integer, 'is_integer', 3)", fn: 'validate_legacy', args: [new IntegerType(), 'is_integer', 3] },
  ensure_packages_none: { puppet: 'ensure_packages([])', fn: 'ensure_packages', args: [[]] },
  to_python: { puppet: "to_python({'a' => [1, true, undef, 2.5], 2 => 'x'})", fn: 'to_python', args: [PHash.from([['a', [1, true, undefined, F(2.5)]], [2, 'x']])] },
  to_ruby: { puppet: "to_ruby({'a' => [1, true, undef, 'q\\'s']})", fn: 'to_ruby', args: [H({ a: [1, true, undefined, "q's"] })] },
  to_yaml: { puppet: "to_yaml({'a' => [1, 'b'], 'c' => {'d' => undef}})", fn: 'to_yaml', args: [H({ a: [1, 'b'], c: H({ d: undefined }) })] },
  pick_default: { puppet: 'pick_default(undef, default)', fn: 'pick_default', args: [undefined, DEFAULT] },
};

test('stdlib functions answer as Puppet 7 answers them', (t) => {
  assert.ok(existsSync(stdlibDir), `puppetlabs-stdlib is not installed in ${modulesRoot} (Debian: puppet-module-puppetlabs-stdlib)`);
  const modulepath = join(work, 'modules');
  rmSync(modulepath, { recursive: true, force: true });
  execFileSync('mkdir', ['-p', modulepath]);
  symlinkSync(stdlibDir, join(modulepath, 'stdlib'));
  const answers = askPuppet(Object.fromEntries(Object.entries(stdlibCases).map(([k, c]) => [k, c.puppet])), modulepath);

  const find = rubyFunctionFinder(() => runtime, () => [{ name: 'stdlib', dir: stdlibDir }]);
  const vars: Record<string, Value> = { facts: H({ networking: H({ fqdn: 'n1' }) }), rbftop: 'v' };
  const call = (name: string, args: readonly Value[], block?: Callable): Value => {
    const f = find(name);
    if (!f) throw new Error(`Unknown function: '${name}'`);
    return f(args, call, (n) => vars[n], block, { log: () => undefined });
  };
  const failures: string[] = [];
  for (const [name, c] of Object.entries(stdlibCases)) {
    const want = answers[name];
    let got: Answer;
    try {
      const v = call(c.fn, c.args, c.block);
      got = { value: toData(c.post ? c.post(v) : v) };
    } catch (e) {
      got = { error: (e as Error).message };
    }
    try {
      assert.deepEqual(got, want);
    } catch {
      failures.push(`${name}: Puppet ${JSON.stringify(want)}, Bunraku ${JSON.stringify(got)}`);
    }
  }
  t.diagnostic(`${Object.keys(stdlibCases).length - failures.length} of ${Object.keys(stdlibCases).length} stdlib calls match Puppet`);
  assert.deepEqual(failures, []);
});

/** A compiler stand-in with a catalog: create_resources adds to it, findResource reads it. */
function catalogCompiler(find: ReturnType<typeof rubyFunctionFinder>) {
  const catalog = new Map<string, { type: string; title: string; parameters: Map<string, Value> }>();
  const cap = (t: string) => t.split('::').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('::');
  const declare = (type: string, title: string, params: PHash) => {
    const key = `${cap(type)}[${title}]`;
    if (catalog.has(key)) throw new Error(`Duplicate declaration: ${key} is already declared`);
    catalog.set(key, { type: cap(type), title, parameters: new Map([...params].map(([k, v]) => [k as string, v])) });
  };
  const extras = {
    findResource: (type: string, title: string) => catalog.get(`${cap(type)}[${title}]`),
    catalogResources: () => [...catalog.values()],
    currentResource: () => ({ type: 'Class', title: 'main', parameters: new Map<string, Value>() }),
  };
  const call = (name: string, args: readonly Value[], block?: Callable): Value => {
    if (name === 'create_resources') {
      const defaults = args[2] instanceof PHash ? args[2] : PHash.EMPTY;
      for (const [title, params] of args[1] as PHash) declare(args[0] as string, title as string, defaults.merge(params as PHash));
      return undefined;
    }
    const f = find(name);
    if (!f) throw new Error(`Unknown function: '${name}'`);
    return f(args, call, () => undefined, block, extras);
  };
  return { catalog, declare, call, param: (ref: string, p: string) => catalog.get(ref)?.parameters.get(p) };
}

test('stdlib functions that read the catalog (ensure_packages, ensure_resource, defined_with_params) act as in Puppet 7', () => {
  assert.ok(existsSync(stdlibDir), `puppetlabs-stdlib is not installed in ${modulesRoot}`);
  const modulepath = join(work, 'modules-catalog');
  execFileSync('mkdir', ['-p', modulepath]);
  symlinkSync(stdlibDir, join(modulepath, 'stdlib'));
  const answers = askPuppet(
    {
      ensure_new: "ensure_packages(['vim', 'git']) ;; [Package['vim']['ensure'], Package['git']['ensure']]",
      ensure_existing: "package { 'vim': ensure => 'installed' } ensure_packages(['vim'], {'ensure' => 'present'}) ;; Package['vim']['ensure']",
      ensure_resource: "ensure_resource('user', ['a', 'b'], {'ensure' => 'present'}) ;; [User['a']['ensure'], User['b']['ensure']]",
      defined_with_params: "user { 'dan': ensure => present } ;; [defined_with_params(User['dan'], {'ensure' => 'present'}), defined_with_params(User['dan'], {'ensure' => 'absent'}), defined_with_params('User[x]')]",
    },
    modulepath,
  );
  const find = rubyFunctionFinder(() => runtime, () => [{ name: 'stdlib', dir: stdlibDir }]);

  let c = catalogCompiler(find);
  c.call('ensure_packages', [['vim', 'git']]);
  assert.deepEqual({ value: [c.param('Package[vim]', 'ensure'), c.param('Package[git]', 'ensure')] }, answers.ensure_new);

  c = catalogCompiler(find);
  c.declare('package', 'vim', H({ ensure: 'installed' }));
  c.call('ensure_packages', [['vim'], H({ ensure: 'present' })]);
  assert.deepEqual({ value: c.param('Package[vim]', 'ensure') }, answers.ensure_existing);

  c = catalogCompiler(find);
  c.call('ensure_resource', ['user', ['a', 'b'], H({ ensure: 'present' })]);
  assert.deepEqual({ value: [c.param('User[a]', 'ensure'), c.param('User[b]', 'ensure')] }, answers.ensure_resource);

  c = catalogCompiler(find);
  c.declare('user', 'dan', H({ ensure: 'present' }));
  const dan = new ResourceType('User', 'dan');
  const got = [
    c.call('defined_with_params', [dan, H({ ensure: 'present' })]),
    c.call('defined_with_params', [dan, H({ ensure: 'absent' })]),
    c.call('defined_with_params', ['User[x]']),
  ];
  assert.deepEqual({ value: got }, answers.defined_with_params);
});

test('stdlib loadyaml and loadjson read the server\'s files as Puppet 7 does', () => {
  assert.ok(existsSync(stdlibDir), `puppetlabs-stdlib is not installed in ${modulesRoot}`);
  const modulepath = join(work, 'modules-files');
  execFileSync('mkdir', ['-p', modulepath]);
  symlinkSync(stdlibDir, join(modulepath, 'stdlib'));
  const yamlFile = join(work, 'data.yaml');
  const jsonFile = join(work, 'data.json');
  writeFileSync(yamlFile, "---\nname: web\nports: [80, 443]\nratio: 0.5\nnested: {a: ~}\n");
  writeFileSync(jsonFile, '{"name": "db", "ids": [1, 2.0], "none": null}');
  const answers = askPuppet(
    {
      loadyaml: `loadyaml('${yamlFile}')`,
      loadjson: `loadjson('${jsonFile}')`,
      loadyaml_missing: `loadyaml('${join(work, 'nope.yaml')}', 'fallback')`,
    },
    modulepath,
  );
  const find = rubyFunctionFinder(() => runtime, () => [{ name: 'stdlib', dir: stdlibDir }]);
  const call = (name: string, args: Value[]) => find(name)!(args, () => undefined, () => undefined, undefined, { log: () => undefined });
  assert.deepEqual({ value: toData(call('loadyaml', [yamlFile])) }, answers.loadyaml);
  assert.deepEqual({ value: toData(call('loadjson', [jsonFile])) }, answers.loadjson);
  assert.deepEqual({ value: toData(call('loadyaml', [join(work, 'nope.yaml'), 'fallback'])) }, answers.loadyaml_missing);
});
