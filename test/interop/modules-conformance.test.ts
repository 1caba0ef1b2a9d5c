// Compiles the public-module corpus (test/modules/cases/<module>/<name>) with
// Bunraku's compiler and compares each catalog with the one real Puppet 7 gave
// (scripts/modules/generate.mjs), after the main corpus's normalisation
// (test/conformance/README.md). Interop because the modules come from Debian
// packages (test/modules/modules.json): a missing or different package fails
// the run, naming the apt package.
//
// test/modules/known-differences.txt lists the cases allowed to fail, each with
// a reason: an unlisted failure fails the run, and so does a listed case that
// passes (the list only shrinks) or does not exist. MODULES_UPDATE_KNOWN=1
// rewrites the list from the current results, keeping reasons already written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  MODULE_KNOWN_DIFFERENCES_FILE, caseNode, listModuleCases, locateModules, materialiseModuleCase, moduleCaseFacts,
  modulesForCase, normaliseCatalogText, normaliseErrorText, readModuleTable,
} from '../modules/layout.mjs';
import { loadCompiler, runCompile, type CompileOutcome } from '../conformance/adapter.js';
import type { ConformanceCase } from '../conformance/layout.mjs';

interface CaseResult {
  id: string;
  pass: boolean;
  detail: string;
}

function normaliseCodeId(text: string): string {
  return text.replace(/"code_id":(?:null|"(?:[^"\\]|\\.)*"),/, '"code_id":null,');
}

function bareError(message: string): string {
  return message.trim().replace(/^Server Error: /, '').replace(/ on node \S+$/, '');
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

/** The first JSON path where two values differ, e.g. `resources[3].parameters.content`. */
function firstDifference(a: unknown, b: unknown, path = ''): string | undefined {
  if (Object.is(a, b)) return undefined;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') {
    return `${path || '(root)'}: expected ${JSON.stringify(a)?.slice(0, 100)}, got ${JSON.stringify(b)?.slice(0, 100)}`;
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

/** Names the first differing resource by type and title, which says more than an index. */
function describeCatalogDifference(expected: string, actual: string): string {
  let ours: { resources?: Array<{ type: string; title: string }> };
  try {
    ours = JSON.parse(actual);
  } catch {
    return `our catalog is not JSON: ${actual.slice(0, 120)}`;
  }
  const theirs = JSON.parse(expected) as { resources?: Array<{ type: string; title: string }> };
  const where = firstDifference(theirs, ours);
  if (!where) {
    let at = 0;
    while (at < expected.length && expected[at] === actual[at]) at++;
    return `serialisation, byte ${at}: expected …${expected.slice(Math.max(0, at - 30), at + 30)}…`;
  }
  const index = /^resources\[(\d+)\]/.exec(where);
  const resource = index ? theirs.resources?.[Number(index[1])] : undefined;
  return resource ? `${where} (${resource.type}[${resource.title}])` : where;
}

function readKnown(): Map<string, string> {
  const known = new Map<string, string>();
  if (!existsSync(MODULE_KNOWN_DIFFERENCES_FILE)) return known;
  for (const raw of readFileSync(MODULE_KNOWN_DIFFERENCES_FILE, 'utf8').split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const space = line.search(/\s/);
    known.set(space < 0 ? line : line.slice(0, space), space < 0 ? '' : line.slice(space).trim());
  }
  return known;
}

/** How the runner's own details start (see judge()); reasons written by people do not. */
const GENERATED_REASON = /^(Puppet compiles it|Puppet fails with|catalog differs|error differs|compiler not available)/;

function writeKnown(results: CaseResult[], previous: Map<string, string>): void {
  const header = [
    '# Public-module cases allowed to differ from real Puppet, one per line: <module/name> <reason>.',
    '# The runner (test/interop/modules-conformance.test.ts) fails when a case not listed here fails,',
    '# and when a listed case passes. Regenerate with MODULES_UPDATE_KNOWN=1, keeping written reasons.',
  ];
  // A reason someone wrote is kept; one the runner wrote (it starts like a detail) is refreshed.
  const written = (reason: string | undefined): reason is string => !!reason && !GENERATED_REASON.test(reason);
  const lines = results.filter((r) => !r.pass).map((r) => {
    const kept = previous.get(r.id);
    return `${r.id} ${oneLine(written(kept) ? kept : r.detail)}`;
  });
  writeFileSync(MODULE_KNOWN_DIFFERENCES_FILE, [...header, ...lines].join('\n') + '\n');
}

function judge(testCase: ConformanceCase, outcome: CompileOutcome, envDir: string): CaseResult {
  const id = testCase.id;
  if (outcome.kind === 'unavailable') return { id, pass: false, detail: outcome.reason };
  const catalogFile = join(testCase.dir, 'expected.json');
  if (existsSync(catalogFile)) {
    if (outcome.kind === 'error') return { id, pass: false, detail: `Puppet compiles it; we fail with: ${oneLine(normaliseErrorText(outcome.message, envDir))}` };
    const expected = normaliseCodeId(readFileSync(catalogFile, 'utf8').replace(/\n$/, ''));
    const actual = normaliseCodeId(normaliseCatalogText(outcome.text, envDir));
    if (expected === actual) return { id, pass: true, detail: '' };
    return { id, pass: false, detail: `catalog differs at ${describeCatalogDifference(expected, actual)}` };
  }
  const expectedError = bareError(readFileSync(join(testCase.dir, 'expected-error.txt'), 'utf8'));
  if (outcome.kind === 'catalog') return { id, pass: false, detail: `Puppet fails with "${expectedError}"; we compile it` };
  const actualError = bareError(normaliseErrorText(outcome.message, envDir));
  if (actualError === expectedError) return { id, pass: true, detail: '' };
  return { id, pass: false, detail: `error differs: expected "${expectedError}", got "${oneLine(actualError)}"` };
}

const table = readModuleTable();
const cases = listModuleCases();
const needed = [...new Set(cases.flatMap((c) => modulesForCase(c, table)))].sort();
const { found: moduleDirs, problems: missingModules } = locateModules(needed, table);

async function runCorpus(): Promise<CaseResult[]> {
  const { compile, reason } = await loadCompiler();
  if (!compile) return cases.map((c) => ({ id: c.id, pass: false, detail: reason ?? 'compiler not available' }));
  const root = mkdtempSync(join(tmpdir(), 'bunraku-modules-'));
  try {
    const results: CaseResult[] = [];
    for (const [index, testCase] of cases.entries()) {
      const parent = join(root, String(index));
      const envDir = materialiseModuleCase(testCase, parent, moduleDirs, table);
      const outcome = await runCompile(compile, {
        environmentPath: parent, environment: 'production', node: caseNode(testCase.dir), facts: moduleCaseFacts(testCase.dir).values,
      });
      results.push(judge(testCase, outcome, envDir));
    }
    return results;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

test('the Debian packages of the corpus modules are installed at the recorded versions', () => {
  assert.deepEqual(missingModules, [], `install the packages named (apt-get install ...):\n${missingModules.join('\n')}`);
});

test('the module corpus covers at least five modules, each case with exactly one expected output', () => {
  const modules = new Set(cases.map((c) => c.area));
  assert.ok(modules.size >= 5, `expected cases for at least five modules, found ${[...modules].join(', ')}`);
  const broken = cases.filter((c) => existsSync(join(c.dir, 'expected.json')) === existsSync(join(c.dir, 'expected-error.txt')));
  assert.deepEqual(broken.map((c) => c.id), [], 'cases with no expected output or with both');
});

test('every module case matches Puppet or is listed in test/modules/known-differences.txt', async () => {
  assert.deepEqual(missingModules, [], 'cannot compile the module corpus without its Debian packages');
  const results = await runCorpus();
  let known = readKnown();
  if (process.env.MODULES_UPDATE_KNOWN === '1') {
    writeKnown(results, known);
    known = readKnown();
  }
  const passed = results.filter((r) => r.pass);
  const byModule = new Map<string, { total: number; passed: number }>();
  for (const r of results) {
    const entry = byModule.get(r.id.split('/')[0]) ?? { total: 0, passed: 0 };
    entry.total++;
    if (r.pass) entry.passed++;
    byModule.set(r.id.split('/')[0], entry);
  }
  console.log(`module conformance: ${results.length} cases, ${passed.length} identical; ` +
    [...byModule].map(([m, s]) => `${m} ${s.passed}/${s.total}`).join(', '));
  const unexpected = results.filter((r) => !r.pass && !known.has(r.id)).map((r) => `${r.id}: ${r.detail}`);
  const fixed = results.filter((r) => r.pass && known.has(r.id)).map((r) => r.id);
  const stale = [...known.keys()].filter((id) => !results.some((r) => r.id === id));
  assert.deepEqual(unexpected, [], 'these cases differ from Puppet and are not listed in test/modules/known-differences.txt');
  assert.deepEqual(fixed, [], 'these cases now match Puppet: remove them from test/modules/known-differences.txt');
  assert.deepEqual(stale, [], 'these listed cases do not exist');
});
