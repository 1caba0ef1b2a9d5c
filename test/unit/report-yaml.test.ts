// The store processor's YAML is byte-identical to what real Puppet 7 writes
// (fixtures made by test/fixtures/reports/to-yaml.rb with real Ruby/Psych).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseJsonLossless, RubyFloat, RubyInt, type RubyHash } from '../../src/report/ruby-value.js';
import { reportToYaml, rubyIso8601 } from '../../src/report/report-yaml.js';
import { dumpRubyYaml, rubyFloatToS, readsBackAsString } from '../../src/report/ruby-yaml.js';

const fixtures = new URL('../fixtures/reports/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, fixtures), 'utf8');

for (const name of ['report', 'report-first-run-debug', 'tricky-report']) {
  test(`${name}.json dumps exactly like Puppet's report.to_yaml`, () => {
    const ours = reportToYaml(parseJsonLossless(read(`${name}.json`)) as RubyHash);
    const theirs = read(`${name}.yaml`);
    if (ours !== theirs) {
      const a = ours.split('\n');
      const b = theirs.split('\n');
      const i = a.findIndex((line, n) => line !== b[n]);
      assert.fail(`first difference at line ${i + 1}:\n ours:   ${JSON.stringify(a[i])}\n puppet: ${JSON.stringify(b[i])}`);
    }
  });
}

test('Ruby Float#to_s', () => {
  const cases: [number, string][] = [
    [0, '0.0'], [1, '1.0'], [21, '21.0'], [8.0171e-5, '8.0171e-05'], [0.0001, '0.0001'], [1e-5, '1.0e-05'],
    [1e15, '1.0e+15'], [1e14, '100000000000000.0'], [1234567890123456.8, '1234567890123456.8'],
    [9999999999999998, '9.999999999999998e+15'], [1e22, '1.0e+22'], [5e-324, '5.0e-324'], [1.23e20, '1.23e+20'],
    [-0.5, '-0.5'], [1 / 3, '0.3333333333333333'],
  ];
  for (const [x, s] of cases) assert.equal(rubyFloatToS(x), s, String(x));
});

test('strings that would load back as other types are quoted', () => {
  for (const s of ['yes', 'No', '1', '1.5', '0x1F', '~', 'null', '', ':sym', '12:30', '2023-02-28', '.inf']) {
    assert.equal(readsBackAsString(s), false, s);
  }
  for (const s of ['hello', '2023-02-30', 'x1', 'yesterday', '1.2.3']) assert.equal(readsBackAsString(s), true, s);
  const doc = dumpRubyYaml(new Map<string, RubyValueLike>([['a', 'yes'], ['b', new RubyInt('3')], ['c', new RubyFloat(3)], ['d', null], ['e', []], ['f', new Map()]]));
  assert.equal(doc, "---\na: 'yes'\nb: 3\nc: 3.0\nd:\ne: []\nf: {}\n");
});

type RubyValueLike = Parameters<typeof dumpRubyYaml>[0];

test('times are re-printed like Time.parse(t).iso8601(9)', () => {
  assert.equal(rubyIso8601('2026-11-29T17:24:34.205579397+00:00'), '2026-11-29T17:24:34.205579397+00:00');
  assert.equal(rubyIso8601('2026-11-29T17:24:34.7Z'), '2026-11-29T17:24:34.700000000Z');
  assert.equal(rubyIso8601('2026-11-29T17:24:34-0500'), '2026-11-29T17:24:34.000000000-05:00');
});
