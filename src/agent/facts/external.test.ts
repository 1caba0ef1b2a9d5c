import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectFacts } from './index.js';

test('external facts: yaml, json, txt and executables, later directories win', async () => {
  const dir1 = await mkdtemp(join(tmpdir(), 'bunraku-facts-'));
  const dir2 = await mkdtemp(join(tmpdir(), 'bunraku-facts-'));
  try {
    await writeFile(join(dir1, 'a.yaml'), 'role: web\nsizes:\n  - 1\n  - 2\n');
    await writeFile(join(dir1, 'b.json'), '{"Datacenter": "dc1"}');
    await writeFile(join(dir1, 'c.txt'), 'owner=ops\n# comment\nbad line\n');
    await writeFile(join(dir1, 'broken.yaml'), 'a: [\n');
    await writeFile(join(dir2, 'd.sh'), '#!/bin/sh\necho "role=db"\necho "tier=2"\n');
    await chmod(join(dir2, 'd.sh'), 0o755);
    const { facts, warnings } = collectFacts({ externalDirs: [dir1, dir2], extra: { clientcert: 'a.example' } });
    assert.equal(facts.role, 'db');
    assert.deepEqual(facts.sizes, [1, 2]);
    assert.equal(facts.datacenter, 'dc1');
    assert.equal(facts.owner, 'ops');
    assert.equal(facts.tier, '2');
    assert.equal(facts.clientcert, 'a.example');
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /Could not parse external fact file .*broken\.yaml/);
    assert.deepEqual(Object.keys(facts), Object.keys(facts).slice().sort());
  } finally {
    await rm(dir1, { recursive: true, force: true });
    await rm(dir2, { recursive: true, force: true });
  }
});
