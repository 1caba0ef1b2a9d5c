import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execClassifier, parseClassification, classesForNodeObject, ClassificationError } from './classifier.js';

async function script(body: string): Promise<{ path: string; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'bunraku-enc-'));
  const path = join(dir, 'enc.sh');
  await writeFile(path, `#!/bin/sh\n${body}\n`);
  await chmod(path, 0o755);
  return { path, dir };
}

test('an ENC printing classes, parameters and environment', async () => {
  const { path, dir } = await script('echo "environment: staging"; echo "classes:"; echo "  - base"; echo "  - web"; echo "parameters:"; echo "  role: $1"');
  try {
    const result = await execClassifier({ command: path }).classify('web1.example.test');
    assert.deepEqual(result, { classes: ['base', 'web'], parameters: { role: 'web1.example.test' }, environment: 'staging' });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a failing ENC is an error naming the node, the command and the exit code', async () => {
  const { path, dir } = await script('echo "no such node" >&2; exit 3');
  try {
    await assert.rejects(execClassifier({ command: path }).classify('a.example'), (err: Error) => {
      assert.ok(err instanceof ClassificationError);
      assert.equal(err.message, `Failed to find a.example via exec: Execution of '${path} a.example' returned 3: no such node`);
      return true;
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a hanging ENC is killed after the timeout', async () => {
  const { path, dir } = await script('sleep 30');
  try {
    await assert.rejects(execClassifier({ command: path, timeoutMs: 200 }).classify('a.example'), /timed out after 0.2 seconds and was killed/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('external_nodes must be an absolute path', () => {
  assert.throws(() => execClassifier({ command: 'enc.sh' }), /must start with an absolute path/);
});

test('classification output forms', () => {
  assert.equal(parseClassification('  \n', 'n'), undefined);
  assert.deepEqual(parseClassification('classes:\n  ntp:\n    servers: [a]\n  base:\n', 'n'), {
    classes: { ntp: { servers: ['a'] }, base: null }, parameters: {},
  });
  assert.throws(() => parseClassification('- a\n- b\n', 'n'), /not a YAML mapping/);
  assert.throws(() => parseClassification('classes: 3\n', 'n'), /"classes" must be a list or a hash/);
  assert.deepEqual(classesForNodeObject([]), undefined);
  assert.deepEqual(classesForNodeObject({ base: null }), { base: {} });
});
