// Tests for `bunraku parser validate`: exit codes and the printed diagnostics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './parser.js';

async function runCaptured(argv: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const original = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array): boolean => {
    stderr += chunk.toString();
    return true;
  }) as typeof process.stderr.write;
  try {
    return { code: await run(argv), stderr };
  } finally {
    process.stderr.write = original;
  }
}

test('parser validate: silent and 0 for valid files, 1 with diagnostics otherwise', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bunraku-parser-'));
  try {
    const good = join(dir, 'good.pp');
    const bad = join(dir, 'bad.pp');
    const invalid = join(dir, 'invalid.pp');
    const epp = join(dir, 't.epp');
    writeFileSync(good, "file { '/tmp/x': ensure => file }\n");
    writeFileSync(bad, 'include foo;\n');
    writeFileSync(invalid, '$a = private\n$b = attr\n');
    writeFileSync(epp, '<%- | $x | -%>\n<%= $x %>\n');

    assert.deepEqual(await runCaptured(['validate', good, epp]), { code: 0, stderr: '' });

    const r1 = await runCaptured(['validate', good, bad]);
    assert.equal(r1.code, 1);
    assert.equal(r1.stderr, `${bad}: error: Syntax error at end of input (SYNTAX_ERROR)\n`);

    const r2 = await runCaptured(['validate', '--format=puppet', invalid]);
    assert.equal(r2.code, 1);
    assert.equal(
      r2.stderr,
      `Error: Use of reserved word: private, must be quoted if intended to be a String value (file: ${invalid}, line: 1, column: 6)\n` +
        `Error: Use of reserved word: attr, must be quoted if intended to be a String value (file: ${invalid}, line: 2, column: 6)\n` +
        'Error: Language validation logged 2 errors. Giving up\n',
    );

    const r3 = await runCaptured(['validate', '--format=puppet', bad]);
    assert.equal(r3.stderr, `Error: Could not parse for environment production: Syntax error at end of input (file: ${bad})\n`);

    const r4 = await runCaptured(['validate', join(dir, 'missing.pp')]);
    assert.equal(r4.code, 1);
    assert.match(r4.stderr, /Cannot read ".*missing\.pp"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('parser: unknown actions and missing files are usage errors', async () => {
  assert.equal((await runCaptured(['frobnicate'])).code, 1);
  assert.equal((await runCaptured(['validate'])).code, 1);
});
