// Unit tests for what the golden dumps do not show: the node fields the
// evaluator relies on (offsets, unfolded hashes, collector operations, number
// radix and text, definitions and their source), diagnostics formatting, and
// that parsing never throws on arbitrary input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from './parser.js';
import { parseEpp } from './epp.js';
import { formatDiagnostic, formatPuppetStyle } from './diagnostics.js';
import type * as A from './ast.js';
import { children } from './validator.js';

function body(code: string): A.Expression {
  const r = parse(code, 'test.pp');
  assert.deepEqual(r.diagnostics.map((d) => d.message), []);
  assert.ok(r.ast.body);
  return r.ast.body;
}

function find<K extends A.Node['kind']>(root: A.Node, kind: K): Extract<A.Node, { kind: K }>[] {
  const out: A.Node[] = [];
  const walk = (n: A.Node): void => {
    if (n.kind === kind) out.push(n);
    children(n).forEach(walk);
  };
  walk(root);
  return out as Extract<A.Node, { kind: K }>[];
}

test('definitions are listed with qualified names and their source file', () => {
  const r = parse('class a { class b { define c() {} } }\nfunction f() {}\nnode default {}\n', 'site.pp');
  assert.deepEqual(
    r.ast.definitions.map((d) => `${d.kind}:${'name' in d ? d.name : ''}`),
    ['ResourceTypeDefinition:a::b::c', 'HostClassDefinition:a::b', 'HostClassDefinition:a', 'FunctionDefinition:f', 'NodeDefinition:'],
  );
  for (const d of r.ast.definitions) assert.equal(d.source, r.ast.source);
  assert.equal(r.ast.source.path, 'site.pp');
});

test('a resource is located at its type name, bodies at the resource', () => {
  const src = "\n\n  file { '/x':\n    mode => '0644',\n  }\n";
  const r = parse(src, 'x.pp');
  const res = r.ast.body as A.ResourceExpression;
  assert.equal(res.kind, 'ResourceExpression');
  assert.equal(r.ast.source.lineOf(res.span.start), 3);
  assert.equal(r.ast.source.columnOf(res.span.start), 3);
  assert.equal(res.bodies[0].span.start, res.span.start);
  assert.equal(src.slice(res.span.start, res.span.end), "file { '/x':\n    mode => '0644',\n  }");
});

test('interpolation inside a margin heredoc is located in the file', () => {
  const src = '$a = @("END")\n    x ${name} y\n    | END\n';
  const r = parse(src, 'h.pp');
  const v = find(r.ast, 'VariableExpression').find((n) => n.name === 'name');
  assert.ok(v);
  assert.equal(src.slice(v.span.start, v.span.end), 'name');
  assert.equal(r.ast.source.lineOf(v.span.start), 2);
  const text = find(r.ast, 'LiteralString').map((s) => s.value);
  assert.deepEqual(text, ['x ', ' y\n']);
});

test('call arguments given as k => v merge into one unfolded hash', () => {
  const call = body('foo(1, a => 2, b => 3)') as A.CallNamedFunctionExpression;
  assert.equal(call.arguments.length, 2);
  const h = call.arguments[1] as A.LiteralHash;
  assert.equal(h.kind, 'LiteralHash');
  assert.equal(h.unfolded, true);
  assert.equal(h.entries.length, 2);
  const literal = (body('$x = {a => 1}') as A.AssignmentExpression).rightExpr as A.LiteralHash;
  assert.equal(literal.unfolded, false);
});

test('collector operations are kept (the tree dump does not show them)', () => {
  const c = body("User <| title == 'a' |> { uid => 2, groups +> ['x'] }") as A.CollectExpression;
  assert.equal(c.kind, 'CollectExpression');
  assert.equal(c.query.kind, 'VirtualQuery');
  assert.deepEqual(
    c.operations.map((o) => (o.kind === 'AttributeOperation' ? `${o.attributeName}${o.operator}` : '*')),
    ['uid=>', 'groups+>'],
  );
});

test('integers keep radix and source text; floats are floats', () => {
  const list = (body('$x = [0x1F, 017, 42, 9223372036854775807, 1.5e3]') as A.AssignmentExpression).rightExpr as A.LiteralList;
  const [hex, oct, dec, big, flt] = list.values as [A.LiteralInteger, A.LiteralInteger, A.LiteralInteger, A.LiteralInteger, A.LiteralFloat];
  assert.deepEqual([hex.value, hex.radix, oct.value, oct.radix, dec.value, dec.radix], [31, 16, 15, 8, 42, 10]);
  assert.equal(big.text, '9223372036854775807');
  assert.equal(BigInt(big.text), 9223372036854775807n);
  assert.equal(flt.kind, 'LiteralFloat');
  assert.equal(flt.value, 1500);
});

test('variables keep their name without the dollar', () => {
  const vars = find(body('notice($::fqdn, $a::b, $1, "${x}")'), 'VariableExpression').map((v) => v.name);
  assert.deepEqual(vars, ['::fqdn', 'a::b', '1', 'x']);
});

test('EPP templates: parameters and whether a parameter list was given', () => {
  const withParams = parseEpp('<%- | String $a, $b = 1 | -%>\n<%= $a %>', 't.epp');
  assert.deepEqual(withParams.diagnostics, []);
  const lambda = withParams.ast.body as A.LambdaExpression;
  assert.deepEqual(lambda.parameters.map((p) => p.name), ['a', 'b']);
  assert.equal((lambda.body as A.EppExpression).parametersSpecified, true);
  const without = parseEpp('plain <%= 1 %>', 't.epp');
  assert.equal(((without.ast.body as A.LambdaExpression).body as A.EppExpression).parametersSpecified, false);
});

test('diagnostics print as file:line:col with a caret, or as Puppet prints them', () => {
  const r = parse('$a = 1\n$b = 3 ~ 4\n', 'bad.pp');
  assert.equal(r.diagnostics.length, 1);
  const d = r.diagnostics[0];
  assert.equal(formatDiagnostic(d), "bad.pp:2:8: error: Syntax error at '~' (SYNTAX_ERROR)\n  $b = 3 ~ 4\n         ^");
  assert.equal(formatPuppetStyle(d), "Syntax error at '~' (file: bad.pp, line: 2, column: 8)");
  const eof = parse('if $a {', 'eof.pp').diagnostics[0];
  assert.equal(formatPuppetStyle(eof), 'Syntax error at end of input (file: eof.pp)');
});

test('parsing arbitrary input never throws', () => {
  const alphabet = ' \n\t{}()[]<>|$"\'@*-+=!~?/\\.,;:%#&^`abcXYZ019_';
  let seed = 12345;
  const rand = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  for (let k = 0; k < 2000; k++) {
    let s = '';
    const len = rand(40);
    for (let i = 0; i < len; i++) s += alphabet[rand(alphabet.length)];
    const r = parse(s, 'fuzz.pp');
    assert.ok(Array.isArray(r.diagnostics));
    const e = parseEpp(s, 'fuzz.epp');
    assert.ok(Array.isArray(e.diagnostics));
  }
});
