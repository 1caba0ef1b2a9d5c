// `bunraku parser validate --format=puppet` prints what `puppet parser validate`
// prints (colors aside) and exits the same way, file by file, for broken and
// valid manifests of the parser corpus. Fails when `puppet` is missing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { run } from '../../src/cli/parser.js';

const casesDir = new URL('../parser/cases/', import.meta.url).pathname;
const files = [
  'err-trailing-semicolon.pp', 'err-bad-number.pp', 'err-unclosed-sq.pp', 'err-comma-list.pp',
  'misc-reserved.pp', 'lit-strings-dq-unknown-escape.pp', 'heredoc-syntax-json-bad.pp', 'res-basic.pp',
];

async function ours(file: string): Promise<{ code: number; out: string }> {
  let out = '';
  const original = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array): boolean => {
    out += chunk.toString();
    return true;
  }) as typeof process.stderr.write;
  try {
    return { code: await run(['validate', '--format=puppet', file]), out };
  } finally {
    process.stderr.write = original;
  }
}

/** Runs `puppet parser validate FILE`; output with colors removed, and the exit code. */
function puppet(file: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('puppet', ['parser', 'validate', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill(), 180_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot run puppet: ${e.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out: out.replace(/\x1b\[[0-9;]*m/g, '') });
    });
  });
}

test('parser validate prints what puppet parser validate prints, file by file', async () => {
  // Puppet takes seconds to start: ask about all files at once, a few processes at a time
  const answers: { code: number | null; out: string }[] = [];
  for (let i = 0; i < files.length; i += 4) {
    answers.push(...(await Promise.all(files.slice(i, i + 4).map((f) => puppet(join(casesDir, f))))));
  }
  for (const [i, name] of files.entries()) {
    const mine = await ours(join(casesDir, name));
    assert.equal(mine.out, answers[i].out, name);
    assert.equal(mine.code, answers[i].code, name);
  }
});
