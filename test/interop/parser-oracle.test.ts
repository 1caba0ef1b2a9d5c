// Re-asks real Puppet (through test/parser/oracle.rb) about every case of the
// parser golden corpus and checks that the recorded answers (NAME.out, NAME.pos)
// are still what Puppet says, so the goldens cannot drift from the oracle.
// Fails when Ruby or Puppet is missing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const casesDir = new URL('../parser/cases/', import.meta.url).pathname;
const oracle = new URL('../parser/oracle.rb', import.meta.url).pathname;

test('the recorded parser goldens are what real Puppet says', () => {
  const files = readdirSync(casesDir).filter((f) => f.endsWith('.pp') || f.endsWith('.epp')).sort();
  const out = mkdtempSync(join(tmpdir(), 'bunraku-oracle-'));
  try {
    const r = spawnSync('ruby', [oracle, '--out', out, ...files.map((f) => join(casesDir, f))], { encoding: 'utf8', timeout: 300_000 });
    assert.equal(r.error, undefined, `cannot run ruby: ${r.error?.message}`);
    assert.equal(r.status, 0, `oracle failed: ${r.stderr}`);
    files.forEach((f, i) => {
      const base = f.replace(/\.e?pp$/, '');
      const recorded = (ext: string): string => readFileSync(join(casesDir, `${base}.${ext}`), 'utf8');
      // the oracle was given absolute paths; messages carry no paths, so the texts compare as they are
      assert.equal(readFileSync(join(out, `${i}.out`), 'utf8'), recorded('out'), `${f}: Puppet's answer changed`);
      const pos = join(out, `${i}.pos`);
      assert.equal(existsSync(pos), existsSync(join(casesDir, `${base}.pos`)), `${f}: positions recorded only on one side`);
      if (existsSync(pos)) assert.equal(readFileSync(pos, 'utf8'), recorded('pos'), `${f}: Puppet's positions changed`);
    });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
