#!/usr/bin/env node
// Regenerates the expected outputs of the public-module corpus
// (test/modules/cases/<module>/<name>) by compiling every case with REAL
// Puppet 7 against the modules the Debian packages installed (listed in
// test/modules/modules.json). Each case is laid out as a temporary
// environment whose modules/ links to the installed module directories.
// Expected outputs never come from Bunraku's own code.
//
// Usage: node scripts/modules/generate.mjs [--mode batch|oracle] [--oracle FILE] [--jobs N] [--check] [FILTER...]
//   --mode         batch (default): scripts/conformance/oracle-batch.rb starts
//                  Puppet once per job slot and compiles each case in a forked
//                  child; oracle: one run of puppet-compile.rb per case
//   --oracle FILE  the oracle for --mode oracle (default: $BUNRAKU_PUPPET_ORACLE,
//                  else ../shared/tools/puppet-compile.rb beside the repository)
//   --jobs N       Puppet processes run at once (default: CPU count)
//   --check        compile and compare with the stored outputs, write nothing;
//                  exits 1 when any case differs
//   FILTER         only cases whose id (module/name) contains one of these
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  caseNode, expectsError, listModuleCases, locateModules, materialiseModuleCase, moduleCaseFacts, modulesForCase,
  normaliseCatalogText, normaliseErrorText, readModuleTable,
} from '../../test/modules/layout.mjs';

const repoRoot = new URL('../..', import.meta.url).pathname;
const batchScript = new URL('../conformance/oracle-batch.rb', import.meta.url).pathname;

function parseArgs(argv) {
  const opts = { mode: 'batch', oracle: process.env.BUNRAKU_PUPPET_ORACLE, jobs: availableParallelism(), check: false, filters: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--oracle') opts.oracle = argv[++i];
    else if (arg === '--mode') opts.mode = argv[++i];
    else if (arg === '--jobs') opts.jobs = Number(argv[++i]);
    else if (arg === '--check') opts.check = true;
    else if (arg.startsWith('--')) throw new Error(`Unknown option "${arg}"`);
    else opts.filters.push(arg);
  }
  opts.oracle = resolve(opts.oracle ?? join(repoRoot, '..', 'shared', 'tools', 'puppet-compile.rb'));
  if (opts.mode !== 'batch' && opts.mode !== 'oracle') throw new Error(`Unknown mode "${opts.mode}"; expected batch or oracle`);
  if (opts.mode === 'oracle' && !existsSync(opts.oracle)) throw new Error(`Cannot find the Puppet oracle at "${opts.oracle}"; pass --oracle FILE`);
  if (!Number.isInteger(opts.jobs) || opts.jobs < 1) throw new Error(`Bad --jobs value "${opts.jobs}"`);
  return opts;
}

function lastLines(text) {
  return text.trim().split('\n').slice(-3).join(' | ');
}

/** Reads a case's outputs back and normalises them; refuses outputs that would tie the corpus to this machine. */
function readOutputs(testCase, slotRoot, envDir, moduleDirs, job, failure) {
  let result;
  if (existsSync(job.out)) result = { kind: 'catalog', text: normaliseCatalogText(readFileSync(job.out, 'utf8'), envDir) };
  else if (existsSync(job.errorOut)) result = { kind: 'error', text: normaliseErrorText(readFileSync(job.errorOut, 'utf8'), envDir) };
  else throw new Error(`Puppet crashed on case "${testCase.id}": ${failure()}`);
  for (const path of [slotRoot, ...moduleDirs.values()]) {
    if (result.text.includes(path)) throw new Error(`Output of case "${testCase.id}" mentions the machine path "${path}": ${result.text.slice(0, 300)}`);
  }
  if (/#<[A-Z][\w:]*:0x[0-9a-f]+/.test(result.text)) throw new Error(`Output of case "${testCase.id}" holds a Ruby object address, which changes on every run`);
  return result;
}

/** Lays a case out under `envParent` (wiped first); returns the file names the compile uses. */
function prepare(testCase, envParent, scratch, moduleDirs, table) {
  rmSync(join(envParent, 'production'), { recursive: true, force: true });
  mkdirSync(envParent, { recursive: true });
  mkdirSync(scratch, { recursive: true });
  const envDir = materialiseModuleCase(testCase, envParent, moduleDirs, table);
  const facts = join(scratch, 'facts.json');
  writeFileSync(facts, JSON.stringify(moduleCaseFacts(testCase.dir)));
  const out = join(scratch, 'catalog.json');
  const errorOut = join(scratch, 'error.txt');
  rmSync(out, { force: true });
  rmSync(errorOut, { force: true });
  return { envDir, facts, node: caseNode(testCase.dir), out, errorOut };
}

function oracleSlot(oracle, slotRoot, moduleDirs, table) {
  return {
    compile(testCase) {
      const job = prepare(testCase, join(slotRoot, 'envs'), join(slotRoot, 'scratch'), moduleDirs, table);
      return new Promise((done, fail) => {
        const child = spawn('ruby', [oracle, '--facts', job.facts, '--env', job.envDir, '--node', job.node, '--out', job.out, '--error-out', job.errorOut], {
          env: { ...process.env, HELDOUT_TMP: join(slotRoot, 'oracle-tmp') }, stdio: ['ignore', 'ignore', 'pipe'],
        });
        let stderr = '';
        child.stderr.on('data', (chunk) => { stderr += chunk; });
        child.on('close', (code) => {
          try { done(readOutputs(testCase, slotRoot, job.envDir, moduleDirs, job, () => `exit ${code}: ${lastLines(stderr)}`)); } catch (err) { fail(err); }
        });
      });
    },
    close() {},
  };
}

function batchSlot(slotRoot, moduleDirs, table) {
  const envPath = join(slotRoot, 'envs');
  mkdirSync(envPath, { recursive: true });
  mkdirSync(join(slotRoot, 'oracle-tmp'), { recursive: true });
  const child = spawn('ruby', [batchScript, envPath], {
    env: { ...process.env, HELDOUT_TMP: join(slotRoot, 'oracle-tmp') }, stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  let buffered = '';
  let waiting;
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  child.stdout.on('data', (chunk) => {
    buffered += chunk;
    const newline = buffered.indexOf('\n');
    if (newline >= 0 && waiting) {
      buffered = buffered.slice(newline + 1);
      const answer = waiting;
      waiting = undefined;
      answer(true);
    }
  });
  child.on('close', () => { if (waiting) waiting(false); });
  return {
    async compile(testCase) {
      const job = prepare(testCase, envPath, join(slotRoot, 'scratch'), moduleDirs, table);
      const answered = new Promise((done) => { waiting = done; });
      stderr = '';
      child.stdin.write(JSON.stringify({ facts: job.facts, node: job.node, out: job.out, error_out: job.errorOut }) + '\n');
      if (!(await answered)) throw new Error(`The batch oracle stopped: ${lastLines(stderr)}`);
      return readOutputs(testCase, slotRoot, job.envDir, moduleDirs, job, () => lastLines(stderr));
    },
    close() { child.stdin.end(); },
  };
}

function stored(testCase) {
  const catalog = join(testCase.dir, 'expected.json');
  const error = join(testCase.dir, 'expected-error.txt');
  if (existsSync(catalog)) return { kind: 'catalog', text: readFileSync(catalog, 'utf8').replace(/\n$/, '') };
  if (existsSync(error)) return { kind: 'error', text: readFileSync(error, 'utf8').trim() };
  return undefined;
}

function store(testCase, result) {
  const catalog = join(testCase.dir, 'expected.json');
  const error = join(testCase.dir, 'expected-error.txt');
  writeFileSync(result.kind === 'catalog' ? catalog : error, result.text + '\n');
  const other = result.kind === 'catalog' ? error : catalog;
  if (existsSync(other)) unlinkSync(other);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const table = readModuleTable();
  const cases = listModuleCases().filter((c) => opts.filters.length === 0 || opts.filters.some((f) => c.id.includes(f)));
  if (cases.length === 0) throw new Error('No module case matches');
  const { found: moduleDirs, problems: missing } = locateModules([...new Set(cases.flatMap((c) => modulesForCase(c, table)))], table);
  if (missing.length > 0) throw new Error(missing.join('\n'));
  const workRoot = mkdtempSync(join(tmpdir(), 'bunraku-modules-gen-'));
  const started = Date.now();
  const problems = [];
  let changed = 0;
  let next = 0;
  async function worker(slotIndex) {
    const slotRoot = join(workRoot, `slot-${slotIndex}`);
    mkdirSync(slotRoot, { recursive: true });
    const slot = opts.mode === 'batch' ? batchSlot(slotRoot, moduleDirs, table) : oracleSlot(opts.oracle, slotRoot, moduleDirs, table);
    try {
      while (next < cases.length) {
        const testCase = cases[next++];
        try {
          const result = await slot.compile(testCase);
          if ((result.kind === 'error') !== expectsError(testCase)) {
            problems.push(`${testCase.id}: expected ${expectsError(testCase) ? 'a compile error' : 'a catalog'}, Puppet gave ${result.kind === 'error' ? `the error: ${result.text}` : 'a catalog'}`);
          }
          const before = stored(testCase);
          if (!before || before.kind !== result.kind || before.text !== result.text) {
            changed++;
            if (opts.check) problems.push(`${testCase.id}: stored output differs from Puppet's`);
            else store(testCase, result);
          }
        } catch (err) {
          problems.push(`${testCase.id}: ${err.message}`);
        }
      }
    } finally {
      slot.close();
    }
  }
  try {
    await Promise.all(Array.from({ length: Math.min(opts.jobs, cases.length) }, (_, i) => worker(i)));
  } finally {
    rmSync(workRoot, { recursive: true, force: true });
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  for (const problem of problems.sort()) console.error(`problem: ${problem}`);
  const versions = [...new Set(cases.flatMap((c) => modulesForCase(c, table)))].map((m) => `${table[m].package} ${table[m].version}`);
  console.log(`${cases.length} module cases compiled with real Puppet (${opts.mode} mode; ${versions.join(', ')}) in ${seconds}s; ${changed} ${opts.check ? 'differ from' : 'changed in'} the stored outputs; ${problems.length} problems`);
  process.exit(problems.length > 0 ? 1 : 0);
}

main().catch((err) => {
  console.error(err.message);
  process.exit(2);
});
