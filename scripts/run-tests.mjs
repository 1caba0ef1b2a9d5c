#!/usr/bin/env node
// Runs a test suite with node's built-in runner over the TypeScript sources
// (through tsx). Suites: "unit" (src/**/*.test.ts and test/unit/**; needs only
// Node), "system" (test/system/**; agent providers changing this machine, as root)
// and "interop" (test/interop/**; needs real Puppet 7 and puppetserver,
// and fails when they are missing). Extra arguments are passed to node --test.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const suites = {
  unit: ['src', 'test/unit'],
  interop: ['test/interop'],
  system: ['test/system'],
};

function findTests(dir, out) {
  let entries;
  try { entries = readdirSync(dir); } catch { return out; }
  for (const name of entries.sort()) {
    const path = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) continue;
    if (statSync(path).isDirectory()) findTests(path, out);
    else if (name.endsWith('.test.ts')) out.push(relative(root, path));
  }
  return out;
}

const [suite = 'unit', ...rest] = process.argv.slice(2);
const dirs = suites[suite];
if (!dirs) {
  console.error(`Unknown test suite "${suite}"; expected one of: ${Object.keys(suites).join(', ')}`);
  process.exit(2);
}
const files = dirs.flatMap((d) => findTests(join(root, d), []));
if (files.length === 0) {
  console.error(`No test files found for suite "${suite}"`);
  process.exit(1);
}
const concurrency = suite === 'interop' || suite === 'system' ? ['--test-concurrency=1'] : [];
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...concurrency, ...rest, ...files], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
