// The exported-resources expectations (test/fixtures/exports) are real Puppet's:
// regenerates them with Puppet 7 through oracle/generate.sh in a scratch copy
// and requires every file to come out the same. Fails when Ruby, Puppet or the
// puppet-compile.rb oracle (../shared/tools beside the repository, or
// BUNRAKU_PUPPET_COMPILE) is missing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const fixtures = new URL('../fixtures/exports/', import.meta.url).pathname;
const repoRoot = new URL('../../', import.meta.url).pathname;
const oracle = process.env.BUNRAKU_PUPPET_COMPILE ?? join(repoRoot, '..', 'shared', 'tools', 'puppet-compile.rb');

test('real Puppet 7 still gives the answers recorded in test/fixtures/exports', { timeout: 600_000 }, () => {
  assert.ok(existsSync(oracle), `the puppet-compile.rb oracle is missing at ${oracle}`);
  const scratch = mkdtempSync(join(tmpdir(), 'bunraku-exports-oracle-'));
  try {
    cpSync(fixtures, scratch, { recursive: true });
    const run = spawnSync('bash', [join(scratch, 'oracle', 'generate.sh'), oracle], { encoding: 'utf8', timeout: 540_000 });
    assert.equal(run.status, 0, `generate.sh failed: ${run.stderr}`);
    const cases = readdirSync(join(fixtures, 'cases')).sort();
    assert.ok(cases.length > 10);
    for (const name of cases) {
      const filesOf = (dir: string) => readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name).sort();
      const want = filesOf(join(fixtures, 'cases', name));
      assert.deepEqual(filesOf(join(scratch, 'cases', name)), want, `files of case ${name}`);
      for (const file of want) {
        assert.equal(readFileSync(join(scratch, 'cases', name, file), 'utf8'), readFileSync(join(fixtures, 'cases', name, file), 'utf8'), `${name}/${file}`);
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});
