// bin/bunraku.js runs as a program (its `env -S node <flags>` line works) and
// its V8 flags take effect: the heap limit they set is what node reports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launcherNodeFlags } from '../../bench/lib/launcher-flags.js';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

test('bin/bunraku.js runs directly through its #! line', async () => {
  const { stdout } = await run(join(repoRoot, 'bin', 'bunraku.js'), ['--version'], { timeout: 60_000 });
  assert.match(stdout.trim(), /^\d+\.\d+\.\d+/);
});

test('the launcher flags are valid for this node and set the old generation limit to 1.5 GB', async () => {
  const flags = launcherNodeFlags(repoRoot);
  assert.ok(flags.includes('--max-old-space-size=1536'), flags.join(' '));
  const { stdout } = await run(process.execPath, [...flags, '-p', "require('node:v8').getHeapSpaceStatistics().length && require('node:v8').getHeapStatistics().heap_size_limit"], { timeout: 60_000 });
  const limitMb = Number(stdout.trim()) / 2 ** 20;
  // heap_size_limit is the old generation limit plus the young generation's share
  assert.ok(limitMb >= 1536 && limitMb < 1536 + 64, `heap limit ${limitMb} MB`);
});

test('under the launcher flags the embedded Ruby starts: its worker does without the per-process heap flags', async () => {
  const flags = launcherNodeFlags(repoRoot);
  const dir = mkdtempSync(join(tmpdir(), 'bunraku-launcher-'));
  try {
    const script = join(dir, 'ruby.mts');
    const runtime = pathToFileURL(join(repoRoot, 'src', 'ruby', 'runtime.ts')).href;
    writeFileSync(script, `const { RubyRuntime } = await import(${JSON.stringify(runtime)});
const r = new RubyRuntime({ timeoutMs: 60_000, stdlibDir: ${JSON.stringify(join(dir, 'stdlib'))} });
console.log(r.evalSync('(6 * 7).to_s'));
r.close();
`);
    const { stdout } = await run(process.execPath, [...flags, '--import', 'tsx', script], { timeout: 120_000, cwd: repoRoot });
    assert.equal(stdout.trim(), '42');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
