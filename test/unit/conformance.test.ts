// Runs the catalog conformance corpus (test/conformance/cases/**) through
// Bunraku's compiler and compares every result with the output real Puppet 7
// gave for the same case (see test/conformance/README.md).
//
// A case passes when
//   - expected.json: our catalog text equals Puppet's byte for byte after both
//     are normalised (environment directory, version, catalog_uuid, code_id);
//   - expected-error.txt: our compile fails and our message equals Puppet's
//     after both are normalised (environment directory; the "Server Error: "
//     prefix and " on node NAME" suffix that the HTTP layer adds are optional).
// test/conformance/known-differences.txt lists the cases allowed to fail, each
// with a reason; a listed case that passes fails the run so the list only
// shrinks. The share of passing cases must reach 95%; until the compiler gets
// there, the list's `minimum-rate` line holds the interim floor (a ratchet
// that only goes up; without the line the floor is 95%). Set
// CONFORMANCE_UPDATE_KNOWN=1 to rewrite that list from the current results
// (existing reasons are kept, the floor is raised to the current rate).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  KNOWN_DIFFERENCES_FILE, caseFacts, caseNode, listCases, materialiseCase, normaliseCatalogText, normaliseErrorText,
  type ConformanceCase,
} from '../conformance/layout.mjs';
import { loadCompiler, runCompile } from '../conformance/adapter.js';

const REQUIRED_RATE = 0.95;
const NOT_IMPLEMENTED = 'compiler not implemented yet';

interface CaseResult {
  id: string;
  pass: boolean;
  /** Why the case failed, one line. */
  detail: string;
}

function normaliseCodeId(text: string): string {
  return text.replace(/"code_id":(?:null|"(?:[^"\\]|\\.)*"),/, '"code_id":null,');
}

function oneLine(text: string): string {
  return text.split('\n')[0];
}

/** Strips what the HTTP layer adds around a compiler's message. */
function bareError(message: string): string {
  return message.trim().replace(/^Server Error: /, '').replace(/ on node \S+$/, '');
}

/** The first JSON path where two values differ, e.g. `resources[3].parameters.message`. */
function firstDifference(a: unknown, b: unknown, path = ''): string | undefined {
  if (Object.is(a, b)) return undefined;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') {
    return `${path || '(root)'}: expected ${JSON.stringify(a)?.slice(0, 120)}, got ${JSON.stringify(b)?.slice(0, 120)}`;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: expected ${Array.isArray(a) ? 'an array' : 'an object'}`;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  for (const key of new Set([...Object.keys(ao), ...Object.keys(bo)])) {
    if (!(key in bo)) return `${path}.${key}: missing`;
    if (!(key in ao)) return `${path}.${key}: unexpected`;
    const d = firstDifference(ao[key], bo[key], path ? `${path}.${key}` : key);
    if (d) return d;
  }
  return undefined;
}

function describeCatalogDifference(expected: string, actual: string): string {
  let ours: unknown;
  try {
    ours = JSON.parse(actual);
  } catch {
    return `our catalog is not JSON: ${actual.slice(0, 120)}`;
  }
  const where = firstDifference(JSON.parse(expected), ours);
  if (where) return where;
  // Same data as far as JavaScript can tell (big integers lose precision when
  // parsed): show the first bytes that differ.
  let at = 0;
  while (at < expected.length && expected[at] === actual[at]) at++;
  const from = Math.max(0, at - 30);
  return `serialisation, byte ${at}: expected …${expected.slice(from, at + 30)}…, got …${actual.slice(from, at + 30)}…`;
}

interface KnownDifferences {
  reasons: Map<string, string>;
  /** The interim floor for the pass rate, when the file sets one. */
  minimumRate?: number;
}

function readKnownDifferences(): KnownDifferences {
  const known = new Map<string, string>();
  let minimumRate: number | undefined;
  if (!existsSync(KNOWN_DIFFERENCES_FILE)) return { reasons: known };
  for (const raw of readFileSync(KNOWN_DIFFERENCES_FILE, 'utf8').split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const floor = /^minimum-rate\s+([0-9.]+)$/.exec(line);
    if (floor) {
      minimumRate = Number(floor[1]);
      continue;
    }
    const space = line.search(/\s/);
    known.set(space < 0 ? line : line.slice(0, space), space < 0 ? '' : line.slice(space).trim());
  }
  return { reasons: known, minimumRate };
}

function writeKnownDifferences(results: CaseResult[], previous: KnownDifferences, compilerReady: boolean, rate: number): void {
  const known = previous.reasons;
  const header = [
    '# Conformance cases allowed to differ from real Puppet, one per line: <area/name> <reason>.',
    '# The runner fails when a case not listed here fails, and when a listed case passes.',
    `# minimum-rate: the interim floor for the share of identical cases (target ${REQUIRED_RATE}); raise it, never lower it.`,
    '# Regenerate from the current results with CONFORMANCE_UPDATE_KNOWN=1 npm test.',
  ];
  // The floor only goes up: a lower rate keeps the old floor, and the run fails.
  const floor = Math.max(Math.floor(rate * 1000) / 1000, previous.minimumRate ?? 0);
  if (floor < REQUIRED_RATE) header.push(`minimum-rate ${floor}`);
  const reason = (r: CaseResult): string => {
    if (!compilerReady) return NOT_IMPLEMENTED;
    const kept = known.get(r.id);
    return kept && !kept.startsWith(NOT_IMPLEMENTED) ? kept : r.detail;
  };
  // One line per case: multi-line Puppet messages are folded.
  const lines = results.filter((r) => !r.pass).map((r) => `${r.id} ${reason(r).replace(/\s*\n\s*/g, ' ')}`);
  writeFileSync(KNOWN_DIFFERENCES_FILE, [...header, ...lines].join('\n') + '\n');
}

async function runCorpus(cases: ConformanceCase[]): Promise<{ results: CaseResult[]; compilerReady: boolean }> {
  const { compile, reason } = await loadCompiler();
  if (!compile) {
    return { results: cases.map((c) => ({ id: c.id, pass: false, detail: `${NOT_IMPLEMENTED} (${reason})` })), compilerReady: false };
  }
  const root = mkdtempSync(join(tmpdir(), 'bunraku-conformance-'));
  try {
    const results: CaseResult[] = [];
    for (const [index, testCase] of cases.entries()) {
      const parent = join(root, String(index));
      const envDir = materialiseCase(testCase.dir, parent);
      const outcome = await runCompile(compile, {
        environmentPath: parent,
        environment: 'production',
        node: caseNode(testCase.dir),
        facts: caseFacts(testCase.dir).values,
      });
      results.push(judge(testCase, outcome, envDir));
    }
    return { results, compilerReady: true };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function judge(testCase: ConformanceCase, outcome: Awaited<ReturnType<typeof runCompile>>, envDir: string): CaseResult {
  const id = testCase.id;
  const catalogFile = join(testCase.dir, 'expected.json');
  if (outcome.kind === 'unavailable') return { id, pass: false, detail: outcome.reason };
  if (existsSync(catalogFile)) {
    if (outcome.kind === 'error') return { id, pass: false, detail: `Puppet compiles it; we fail with: ${oneLine(normaliseErrorText(outcome.message, envDir))}` };
    const expected = normaliseCodeId(readFileSync(catalogFile, 'utf8').replace(/\n$/, ''));
    const actual = normaliseCodeId(normaliseCatalogText(outcome.text, envDir));
    if (expected === actual) return { id, pass: true, detail: '' };
    return { id, pass: false, detail: `catalog differs at ${describeCatalogDifference(expected, actual)}` };
  }
  const errorFile = join(testCase.dir, 'expected-error.txt');
  if (!existsSync(errorFile)) return { id, pass: false, detail: 'no expected output: generate it with scripts/conformance/generate.mjs' };
  const expectedError = bareError(readFileSync(errorFile, 'utf8'));
  if (outcome.kind === 'catalog') return { id, pass: false, detail: `Puppet fails with "${expectedError}"; we compile it` };
  const actualError = bareError(normaliseErrorText(outcome.message, envDir));
  if (actualError === expectedError) return { id, pass: true, detail: '' };
  return { id, pass: false, detail: `error differs: expected "${expectedError}", got "${oneLine(actualError)}"` };
}

const cases = listCases();
const { results, compilerReady } = await runCorpus(cases);
let knownDifferences = readKnownDifferences();
const passed = results.filter((r) => r.pass);
const rate = results.length === 0 ? 0 : passed.length / results.length;
if (process.env.CONFORMANCE_UPDATE_KNOWN === '1') {
  writeKnownDifferences(results, knownDifferences, compilerReady, rate);
  knownDifferences = readKnownDifferences();
}
const { reasons: known, minimumRate } = knownDifferences;
const unexpected = results.filter((r) => !r.pass && !known.has(r.id));
const fixed = results.filter((r) => r.pass && known.has(r.id));
const stale = [...known.keys()].filter((id) => !results.some((r) => r.id === id));
const floor = Math.min(minimumRate ?? REQUIRED_RATE, REQUIRED_RATE);
const areas = new Map<string, { total: number; passed: number }>();
for (const r of results) {
  const area = r.id.split('/')[0];
  const entry = areas.get(area) ?? { total: 0, passed: 0 };
  entry.total++;
  if (r.pass) entry.passed++;
  areas.set(area, entry);
}
console.log(
  `conformance: ${results.length} cases, ${passed.length} identical (${(rate * 100).toFixed(1)}%), ` +
  `${results.length - passed.length - unexpected.length} known differences, ${unexpected.length} unexpected failures, ` +
  `${fixed.length} listed but now passing; floor ${(floor * 100).toFixed(1)}%, target ${REQUIRED_RATE * 100}%`,
);
console.log(`conformance by area: ${[...areas].map(([a, s]) => `${a} ${s.passed}/${s.total}`).join(', ')}`);

test('the conformance corpus has cases and each has exactly one expected output', () => {
  assert.ok(cases.length >= 250, `expected at least 250 cases, found ${cases.length}`);
  const broken = cases.filter((c) => existsSync(join(c.dir, 'expected.json')) === existsSync(join(c.dir, 'expected-error.txt')));
  assert.deepEqual(broken.map((c) => c.id), [], 'cases with no expected output or with both');
});

test('every failing conformance case is listed in known-differences.txt', () => {
  const lines = unexpected.map((r) => `${r.id}: ${r.detail}`);
  assert.deepEqual(lines, [], `${lines.length} cases differ from Puppet and are not listed in test/conformance/known-differences.txt`);
});

test('no case listed in known-differences.txt passes or is missing', () => {
  assert.deepEqual(fixed.map((r) => r.id), [], 'these cases now match Puppet: remove them from known-differences.txt');
  assert.deepEqual(stale, [], 'these listed cases do not exist');
});

test(`the identical rate reaches its floor (target ${REQUIRED_RATE * 100}%) once the compiler exists`, () => {
  if (compilerReady) {
    assert.ok(rate >= floor, `only ${passed.length} of ${results.length} cases (${(rate * 100).toFixed(1)}%) match Puppet; the floor is ${(floor * 100).toFixed(1)}%`);
  } else {
    // Until src/compiler/index.ts exists, every case must be listed as not implemented.
    const wrong = results.filter((r) => !(known.get(r.id) ?? '').startsWith(NOT_IMPLEMENTED)).map((r) => r.id);
    assert.deepEqual(wrong, [], `without a compiler every case must be listed with the reason "${NOT_IMPLEMENTED}"`);
  }
});
