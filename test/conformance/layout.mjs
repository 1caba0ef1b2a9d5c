// Owns the layout of a conformance case on disk: finding cases, turning one
// into a directory environment named "production", and the normalisations
// that make an expected output independent of where and when it was compiled.
// Shared by the generator (scripts/conformance/generate.mjs) and the runner
// (test/unit/conformance.test.ts) so both see a case exactly the same way.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The environment directory every expected output is written against. */
export const CANONICAL_ENV_DIR = '/etc/puppetlabs/code/environments/production';
/** The fixed values that replace a catalog's per-compile `version` and `catalog_uuid`. */
export const CANONICAL_VERSION = 1700000000;
export const CANONICAL_UUID = '00000000-0000-0000-0000-000000000000';
export const DEFAULT_NODE = 'agent1.example.test';
/** Where Hiera's global layer (`$confdir/hiera.yaml` and its data) appears in expected outputs. */
export const CANONICAL_CONF_DIR = '/etc/puppetlabs/puppet';
/**
 * The directory, beside the environment directories, that holds a case's
 * global Hiera layer once materialised. Its name is not a valid environment
 * name, so Puppet never takes it for one.
 */
export const GLOBAL_LAYER_DIR = '.global';
/** The global layer of a case without a `global/` directory: no hierarchy, as the oracle configures. */
export const EMPTY_GLOBAL_HIERA = '---\nversion: 5\nhierarchy: []\n';

const conformanceDir = new URL('.', import.meta.url).pathname;
export const CASES_DIR = join(conformanceDir, 'cases');
export const DEFAULT_FACTS_FILE = join(conformanceDir, 'default-facts.json');
export const KNOWN_DIFFERENCES_FILE = join(conformanceDir, 'known-differences.txt');

/** Files of a case that describe the case rather than belong to its environment. */
const CASE_FILES = new Set(['site.pp', 'facts.json', 'node', 'expected.json', 'expected-error.txt', 'README.md', 'global']);

function isDir(path) {
  try { return statSync(path).isDirectory(); } catch { return false; }
}

/** A case is any directory two levels under cases/ (area/name) holding site.pp or manifests/. */
export function listCases(casesDir = CASES_DIR) {
  const cases = [];
  for (const area of readdirSync(casesDir).sort()) {
    const areaDir = join(casesDir, area);
    if (!isDir(areaDir)) continue;
    for (const name of readdirSync(areaDir).sort()) {
      const dir = join(areaDir, name);
      if (!isDir(dir)) continue;
      if (!existsSync(join(dir, 'site.pp')) && !isDir(join(dir, 'manifests'))) continue;
      cases.push({ id: `${area}/${name}`, area, name, dir });
    }
  }
  return cases;
}

/** Cases whose name ends in "-error" must fail to compile; all others must compile. */
export function expectsError(testCase) {
  return testCase.name.endsWith('-error');
}

/** The node name of a case: its `node` file, or the default. */
export function caseNode(caseDir) {
  const file = join(caseDir, 'node');
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : DEFAULT_NODE;
}

/** The facts of a case in the agent's wire form, with `name` set to the node. */
export function caseFacts(caseDir) {
  const own = join(caseDir, 'facts.json');
  const parsed = JSON.parse(readFileSync(existsSync(own) ? own : DEFAULT_FACTS_FILE, 'utf8'));
  const wire = parsed && typeof parsed === 'object' && 'values' in parsed ? parsed : { values: parsed };
  return { ...wire, name: caseNode(caseDir) };
}

/** The global hiera.yaml (Puppet's `hiera_config`) of a case materialised under `environmentPath`. */
export function globalHieraConfig(environmentPath) {
  return join(environmentPath, GLOBAL_LAYER_DIR, 'hiera.yaml');
}

/**
 * Lays a case out as `<parentDir>/production`: a top-level site.pp becomes
 * manifests/site.pp; everything else but the case's own files (facts.json,
 * node, expected outputs, README.md, global/) is copied as it is (manifests/,
 * modules/, environment.conf, hiera.yaml, data/, ...). The case's `global/`
 * directory (Hiera's global layer: hiera.yaml and its data) becomes
 * `<parentDir>/.global`, or that directory gets an empty hierarchy when the
 * case has none. Returns the environment directory.
 */
export function materialiseCase(caseDir, parentDir) {
  const envDir = join(parentDir, 'production');
  mkdirSync(envDir, { recursive: true });
  const globalDir = join(parentDir, GLOBAL_LAYER_DIR);
  if (isDir(join(caseDir, 'global'))) {
    cpSync(join(caseDir, 'global'), globalDir, { recursive: true });
  } else {
    mkdirSync(globalDir, { recursive: true });
    writeFileSync(globalHieraConfig(parentDir), EMPTY_GLOBAL_HIERA);
  }
  for (const entry of readdirSync(caseDir)) {
    if (!CASE_FILES.has(entry)) cpSync(join(caseDir, entry), join(envDir, entry), { recursive: true });
  }
  const site = join(caseDir, 'site.pp');
  if (existsSync(site)) {
    mkdirSync(join(envDir, 'manifests'), { recursive: true });
    cpSync(site, join(envDir, 'manifests', 'site.pp'));
  }
  return envDir;
}

function replaceAll(text, from, to) {
  return from ? text.split(from).join(to) : text;
}

/** Replaces the environment directory and the global layer's directory beside it with their canonical paths. */
function canonicalPaths(text, envDir) {
  const out = replaceAll(text, join(dirname(envDir), GLOBAL_LAYER_DIR), CANONICAL_CONF_DIR);
  return replaceAll(out, envDir, CANONICAL_ENV_DIR);
}

/**
 * Makes catalog text independent of where and when it was compiled: the
 * environment directory becomes CANONICAL_ENV_DIR, the global Hiera layer's
 * directory CANONICAL_CONF_DIR, and the top-level
 * `version` and `catalog_uuid` get fixed values. Nothing else changes; the
 * text keeps its bytes (key order, number and string formatting).
 */
export function normaliseCatalogText(text, envDir) {
  let out = canonicalPaths(text, envDir);
  out = out.replace(/"version":(?:\d+|"[^"]*"|null),/, `"version":${CANONICAL_VERSION},`);
  out = out.replace(/"catalog_uuid":"[^"]*"/, `"catalog_uuid":"${CANONICAL_UUID}"`);
  return out.endsWith('\n') ? out.slice(0, -1) : out;
}

/** Makes an error message independent of where it was compiled. */
export function normaliseErrorText(text, envDir) {
  return canonicalPaths(text, envDir).trim();
}
