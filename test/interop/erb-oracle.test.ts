// Re-runs real `puppet apply` over the ERB fixture environment and checks that
// the stored expected outputs (which the unit tests compare bunraku against)
// still hold, and that bunraku's embedded Ruby renders the same bytes and fails
// with the same messages.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RubyRuntime } from '../../src/ruby/runtime.js';
import { renderErb, inlineErb, ErbError } from '../../src/ruby/erb.js';
import { erbtScope } from '../fixtures/erb/scope.js';

const fixtures = fileURLToPath(new URL('../fixtures/erb/', import.meta.url));
const env = join(fixtures, 'env', 'production');
const expectedDir = join(fixtures, 'expected');
const work = mkdtempSync(join(tmpdir(), 'bunraku-erb-oracle-'));
const runtime = new RubyRuntime();
after(() => {
  runtime.close();
  rmSync(work, { recursive: true, force: true });
});

interface ApplyResult {
  readonly code: number;
  readonly stderr: string;
  readonly stdout: string;
}

function puppetApply(erbCase: string, outDir: string): Promise<ApplyResult> {
  const base = join(work, erbCase);
  mkdirSync(outDir, { recursive: true }); // file resources need their parent
  const args = [
    'apply', join(env, 'manifests', 'site.pp'),
    '--environmentpath', join(fixtures, 'env'), '--environment', 'production',
    '--certname', 'erbnode', '--color', 'false',
    '--confdir', join(base, 'conf'), '--vardir', join(base, 'var'), '--codedir', join(base, 'code'),
    '--logdir', join(base, 'log'), '--rundir', join(base, 'run'),
  ];
  const facts = { FACTER_demo_fact: 'demo-value', FACTER_erb_case: erbCase, FACTER_erb_out_dir: outDir };
  return new Promise((resolve, reject) => {
    execFile('puppet', args, { env: { ...process.env, ...facts }, timeout: 1_800_000, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      if (err && typeof err.code !== 'number') reject(err);
      else resolve({ code: typeof err?.code === 'number' ? err.code : 0, stdout, stderr });
    });
  });
}

function template(name: string, root: string): { name: string; path: string; source: string } {
  const path = join(root, 'modules', 'erbt', 'templates', `${name}.erb`);
  return { name: `erbt/${name}.erb`, path, source: readFileSync(join(env, 'modules', 'erbt', 'templates', `${name}.erb`), 'utf8') };
}

// "Error: Evaluation Error: Error while evaluating a Function Call, <message> (file: ..." -> <message>
function functionMessage(stderr: string): string {
  const m = /Error while evaluating a Function Call, ([\s\S]*?) \(file: [^)]*\) on node erbnode/.exec(stderr);
  assert.ok(m, `no function error in puppet's output:\n${stderr}`);
  return m[1];
}

test('real puppet apply renders the ERB fixtures as stored, and bunraku renders them alike', { timeout: 3_600_000 }, async () => {
  const outDir = join(work, 'out');
  const errorCases = ['inline_error', 'err_method', 'err_raise'] as const;
  const [ok, ...failed] = await Promise.all([puppetApply('ok', outDir), ...errorCases.map((c) => puppetApply(c, join(work, `out-${c}`)))]);
  assert.equal(ok.code, 0, `puppet apply failed:\n${ok.stderr}`);

  const produced = readdirSync(outDir).sort();
  const stored = readdirSync(expectedDir).filter((f) => f.endsWith('.out')).map((f) => f.slice(0, -4)).sort();
  assert.deepEqual(produced, stored);
  for (const name of produced) {
    const real = readFileSync(join(outDir, name), 'utf8');
    assert.equal(readFileSync(join(expectedDir, `${name}.out`), 'utf8'), real, `stored output of ${name} differs from puppet's`);
    if (name === 'multi' || name === 'inline') continue;
    assert.equal(renderErb(runtime, template(name, env), erbtScope()), real, `bunraku renders ${name} differently`);
  }

  const ours: Record<string, () => unknown> = {
    inline_error: () => inlineErb(runtime, '<%= @u.foo %>', erbtScope()),
    err_method: () => renderErb(runtime, template('err_method', env), erbtScope()),
    err_raise: () => renderErb(runtime, template('err_raise', env), erbtScope()),
  };
  const storedErrors = JSON.parse(readFileSync(join(expectedDir, 'errors.json'), 'utf8')) as Record<string, string>;
  errorCases.forEach((c, i) => {
    const real = functionMessage(failed[i].stderr);
    assert.equal(functionMessage(storedErrors[c].replaceAll('<ENV>', env)), real, `stored error of ${c} differs from puppet's`);
    assert.throws(ours[c], (e: unknown) => e instanceof ErbError && e.message === real, `bunraku fails ${c} differently`);
  });
});
