// Re-asks real `puppet lookup` every Hiera fixture case and checks that the
// stored expectations (which the unit tests compare bunraku against) still hold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { expectedPath, loadCases, runPuppetLookups, type LookupAnswer } from '../fixtures/hiera/oracle.js';
import { runBunrakuLookup } from '../fixtures/hiera/bunraku-runner.js';

test('real puppet lookup still gives the stored answers, and bunraku lookup agrees', { timeout: 3_600_000 }, async () => {
  const cases = loadCases();
  const answers = await runPuppetLookups(cases);
  for (const [i, c] of cases.entries()) {
    const stored = JSON.parse(readFileSync(expectedPath(c), 'utf8')) as LookupAnswer;
    assert.deepEqual(answers[i], stored, `puppet lookup changed its answer for ${c.name}`);
    assert.deepEqual(await runBunrakuLookup(c), stored, `bunraku lookup differs from puppet lookup for ${c.name}`);
  }
});
