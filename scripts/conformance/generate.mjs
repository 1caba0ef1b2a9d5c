#!/usr/bin/env node
// Regenerates the expected outputs of the catalog conformance corpus
// (test/conformance/cases/**) by compiling every case with REAL Puppet 7
// through the oracle script puppet-compile.rb. Expected outputs never come
// from Bunraku's own code.
//
// Both modes preload global-hiera.rb (ruby -r), which points Puppet's
// `hiera_config` at the case's global Hiera layer, laid out by layout.mjs
// beside the environment (`<environmentpath>/.global/hiera.yaml`).
//
// Usage: node scripts/conformance/generate.mjs [--mode batch|oracle] [--oracle FILE] [--jobs N] [--check] [FILTER...]
//   --mode         batch (default): oracle-batch.rb beside this script starts
//                  Puppet once per job slot and compiles each case in a forked
//                  child; oracle: one run of puppet-compile.rb per case (slow,
//                  the reference the batch mode is checked against)
//   --oracle FILE  the oracle for --mode oracle (default: $BUNRAKU_PUPPET_ORACLE,
//                  else ../shared/tools/puppet-compile.rb beside the repository)
//   --jobs N       oracle processes run at once (default: CPU count + 1)
//   --check        compile and compare with the stored outputs, write nothing;
//                  exits 1 when any case differs
//   FILTER         only cases whose id (area/name) contains one of these
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  EMPTY_GLOBAL_HIERA, GLOBAL_LAYER_DIR, caseFacts, caseNode, expectsError, globalHieraConfig, listCases, materialiseCase, normaliseCatalogText, normaliseErrorText,
} from '../../test/conformance/layout.mjs';

const repoRoot = new URL('../..', import.meta.url).pathname;
const scriptDir = new URL('.', import.meta.url).pathname;
/** Sets hiera_config to the case's global layer; see global-hiera.rb. */
const globalHieraPreload = ['-r', join(scriptDir, 'global-hiera.rb')];

function parseArgs(argv) {
  const opts = { mode: 'batch', oracle: process.env.BUNRAKU_PUPPET_ORACLE, jobs: availableParallelism() + 1, check: false, filters: [] };
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

function run(command, args, env) {
  return new Promise((done) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout.resume();
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.on('close', (code) => done({ code, stderr }));
  });
}

/** Reads a case's outputs back and normalises them; `root` is the temporary directory it was compiled in. */
function readOutputs(testCase, root, envDir, out, errorOut, failure) {
  let result;
  if (existsSync(out)) result = { kind: 'catalog', text: normaliseCatalogText(readFileSync(out, 'utf8'), envDir) };
  else if (existsSync(errorOut)) result = { kind: 'error', text: normaliseErrorText(readFileSync(errorOut, 'utf8'), envDir) };
  else throw new Error(`Puppet crashed on case "${testCase.id}": ${failure()}`);
  // The oracle's own state directory must never leak into an expected output.
  if (result.text.includes(root)) throw new Error(`Output of case "${testCase.id}" mentions a temporary path: ${result.text.slice(0, 300)}`);
  // Ruby object addresses (#<Puppet::Resource::Type:0x00007f...>) change on every run.
  if (/#<[A-Z][\w:]*:0x[0-9a-f]+/.test(result.text)) throw new Error(`Output of case "${testCase.id}" holds a Ruby object address, which changes on every run: ${result.text.slice(0, 300)}`);
  return result;
}

/** Lays a case out under `root` (wiped first); returns the file names the compile uses. */
function prepare(testCase, root) {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const envDir = materialiseCase(testCase.dir, root);
  const facts = join(root, 'facts.json');
  writeFileSync(facts, JSON.stringify(caseFacts(testCase.dir)));
  return { envDir, facts, node: caseNode(testCase.dir), out: join(root, 'catalog.json'), errorOut: join(root, 'error.txt') };
}

/** One job slot that runs the oracle script once per case. */
function oracleSlot(oracle, slotRoot) {
  return {
    async compile(testCase) {
      const root = join(slotRoot, 'case');
      const job = prepare(testCase, root);
      const { code, stderr } = await run('ruby', [
        ...globalHieraPreload, oracle, '--facts', job.facts, '--env', job.envDir, '--node', job.node, '--out', job.out, '--error-out', job.errorOut,
      ], { ...process.env, HELDOUT_TMP: join(slotRoot, 'oracle-tmp') });
      return readOutputs(testCase, slotRoot, job.envDir, job.out, job.errorOut, () => `exit ${code}: ${lastLines(stderr)}`);
    },
    close() {},
  };
}

/** One job slot served by a long-lived oracle-batch.rb process. */
function batchSlot(slotRoot) {
  const envPath = join(slotRoot, 'envs');
  // The warm-up compile runs before any case is laid out: give it the empty global layer.
  mkdirSync(join(envPath, GLOBAL_LAYER_DIR), { recursive: true });
  writeFileSync(globalHieraConfig(envPath), EMPTY_GLOBAL_HIERA);
  const child = spawn('ruby', [...globalHieraPreload, join(scriptDir, 'oracle-batch.rb'), envPath], {
    env: { ...process.env, HELDOUT_TMP: join(slotRoot, 'oracle-tmp') }, stdio: ['pipe', 'pipe', 'pipe'],
  });
  mkdirSync(join(slotRoot, 'oracle-tmp'), { recursive: true });
  let stderr = '';
  let buffered = '';
  let waiting;
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  child.stdout.on('data', (chunk) => {
    buffered += chunk;
    const newline = buffered.indexOf('\n');
    if (newline >= 0 && waiting) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      const resolve = waiting;
      waiting = undefined;
      resolve(line);
    }
  });
  child.on('close', () => { if (waiting) waiting(undefined); });
  return {
    async compile(testCase) {
      const job = prepare(testCase, envPath);
      const answered = new Promise((resolve) => { waiting = resolve; });
      stderr = '';
      child.stdin.write(JSON.stringify({ facts: job.facts, node: job.node, out: job.out, error_out: job.errorOut }) + '\n');
      const line = await answered;
      if (line === undefined) throw new Error(`The batch oracle stopped: ${lastLines(stderr)}`);
      return readOutputs(testCase, slotRoot, job.envDir, job.out, job.errorOut, () => lastLines(stderr));
    },
    close() { child.stdin.end(); },
  };
}

function lastLines(text) {
  return text.trim().split('\n').slice(-3).join(' | ');
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
  if (result.kind === 'catalog') {
    writeFileSync(catalog, result.text + '\n');
    if (existsSync(error)) unlinkSync(error);
  } else {
    writeFileSync(error, result.text + '\n');
    if (existsSync(catalog)) unlinkSync(catalog);
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const cases = listCases().filter((c) => opts.filters.length === 0 || opts.filters.some((f) => c.id.includes(f)));
  if (cases.length === 0) throw new Error('No conformance case matches');
  const workRoot = mkdtempSync(join(tmpdir(), 'bunraku-conformance-gen-'));
  const started = Date.now();
  const problems = [];
  let changed = 0;
  let next = 0;
  let finished = 0;
  async function worker(slotIndex) {
    const slotRoot = join(workRoot, `slot-${slotIndex}`);
    mkdirSync(slotRoot, { recursive: true });
    const slot = opts.mode === 'batch' ? batchSlot(slotRoot) : oracleSlot(opts.oracle, slotRoot);
    try {
      await work(slot);
    } finally {
      slot.close();
    }
  }
  async function work(slot) {
    while (next < cases.length) {
      const testCase = cases[next++];
      try {
        const result = await slot.compile(testCase);
        if ((result.kind === 'error') !== expectsError(testCase)) {
          problems.push(`${testCase.id}: expected ${expectsError(testCase) ? 'a compile error' : 'a catalog'}, Puppet gave ${result.kind === 'error' ? `the error: ${result.text}` : 'a catalog'}`);
        }
        const before = stored(testCase);
        const same = before && before.kind === result.kind && before.text === result.text;
        if (!same) {
          changed++;
          if (opts.check) problems.push(`${testCase.id}: stored output differs from Puppet's`);
          else store(testCase, result);
        }
      } catch (err) {
        problems.push(`${testCase.id}: ${err.message}`);
      }
      finished++;
      if (process.stderr.isTTY) process.stderr.write(`\r${finished}/${cases.length}`);
    }
  }
  try {
    await Promise.all(Array.from({ length: Math.min(opts.jobs, cases.length) }, (_, i) => worker(i)));
  } finally {
    rmSync(workRoot, { recursive: true, force: true });
  }
  if (process.stderr.isTTY) process.stderr.write('\n');
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  for (const problem of problems.sort()) console.error(`problem: ${problem}`);
  console.log(`${cases.length} cases compiled with real Puppet (${opts.mode} mode) in ${seconds}s; ${changed} ${opts.check ? 'differ from' : 'changed in'} the stored outputs; ${problems.length} problems`);
  process.exit(problems.length > 0 ? 1 : 0);
}

main().catch((err) => {
  console.error(err.message);
  process.exit(2);
});
