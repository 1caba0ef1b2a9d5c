// Owns the layout of the public-module corpus (test/modules/cases/<module>/<name>):
// which Debian package provides each module, where dpkg installed it, and how
// a case becomes a directory environment whose modules/ links to the installed
// modules. Shared by the generator (scripts/modules/generate.mjs) and the runner
// (test/interop/modules-conformance.test.ts) so both see a case the same way.
// The repository records module names and package versions only; module code
// stays in the Debian packages.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DEFAULT_FACTS_FILE, caseNode, listCases, materialiseCase } from '../conformance/layout.mjs';

export { caseNode, normaliseCatalogText, normaliseErrorText, expectsError } from '../conformance/layout.mjs';

const modulesDir = new URL('.', import.meta.url).pathname;
export const MODULE_CASES_DIR = join(modulesDir, 'cases');
export const MODULES_FILE = join(modulesDir, 'modules.json');
export const MODULE_KNOWN_DIFFERENCES_FILE = join(modulesDir, 'known-differences.txt');

/** module name -> { package, version, requires } from modules.json. */
export function readModuleTable(file = MODULES_FILE) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Every case: test/modules/cases/<module>/<name>; the area is the module it exercises. */
export function listModuleCases(casesDir = MODULE_CASES_DIR) {
  return listCases(casesDir);
}

/** The modules a case needs: its area's module and what that requires, transitively. */
export function modulesForCase(testCase, table = readModuleTable()) {
  const needed = new Set();
  const visit = (name) => {
    if (needed.has(name)) return;
    const entry = table[name];
    if (!entry) throw new Error(`Module "${name}" is not listed in test/modules/modules.json`);
    needed.add(name);
    for (const dep of entry.requires ?? []) visit(dep);
  };
  visit(testCase.area);
  return [...needed].sort();
}

function dpkgQuery(args) {
  try {
    return execFileSync('dpkg-query', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
}

/**
 * Finds where the Debian package of each module installed it. Returns
 * { found: Map<name, dir>, problems: string[] }; a problem names the apt
 * package to install, or the version that differs from the one the expected
 * outputs were generated with.
 */
export function locateModules(names, table = readModuleTable()) {
  const found = new Map();
  const problems = [];
  for (const name of names) {
    const { package: pkg, version } = table[name];
    const status = dpkgQuery(['-W', '-f', '${db:Status-Status} ${Version}', pkg]);
    if (!status || !status.startsWith('installed ')) {
      problems.push(`Module "${name}" needs the Debian package ${pkg} (apt-get install ${pkg}), which is not installed`);
      continue;
    }
    const installed = status.slice('installed '.length).trim();
    if (installed !== version) {
      problems.push(`Module "${name}": ${pkg} is installed at version ${installed}, but the expected outputs were generated with ${version}`);
      continue;
    }
    // The module directory is the one holding the package's top-level metadata.json.
    const files = (dpkgQuery(['-L', pkg]) ?? '').split('\n').filter((f) => f.endsWith('/metadata.json'));
    const metadata = files.sort((a, b) => a.length - b.length)[0];
    if (!metadata || !existsSync(metadata)) {
      problems.push(`Module "${name}": cannot find the metadata.json that ${pkg} installs`);
      continue;
    }
    found.set(name, dirname(metadata));
  }
  return { found, problems };
}

/** The facts of a case in wire form: its facts.json, else the main corpus's Debian 12 defaults; `name` is the node. */
export function moduleCaseFacts(caseDir) {
  const own = join(caseDir, 'facts.json');
  const parsed = JSON.parse(readFileSync(existsSync(own) ? own : DEFAULT_FACTS_FILE, 'utf8'));
  const wire = parsed && typeof parsed === 'object' && 'values' in parsed ? parsed : { values: parsed };
  return { ...wire, name: caseNode(caseDir) };
}

/**
 * Lays a case out as `<parentDir>/production` (as the main corpus does) and
 * links each module it needs into modules/<name>. `moduleDirs` maps names to
 * installed directories (from locateModules). Returns the environment directory.
 */
export function materialiseModuleCase(testCase, parentDir, moduleDirs, table = readModuleTable()) {
  const envDir = materialiseCase(testCase.dir, parentDir);
  mkdirSync(join(envDir, 'modules'), { recursive: true });
  for (const name of modulesForCase(testCase, table)) {
    const dir = moduleDirs.get(name);
    if (!dir) throw new Error(`Module "${name}" was not located before laying out case "${testCase.id}"`);
    symlinkSync(dir, join(envDir, 'modules', name));
  }
  return envDir;
}
