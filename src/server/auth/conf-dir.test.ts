import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { DuplicateSettingError, mergeConfFiles } from './conf-dir.js';
import { compileAuthConfig } from './rules.js';

const confd = new URL('./testdata/conf.d/', import.meta.url);

test('the upstream conf.d merges into one tree and its auth rules keep their positions', () => {
  const files = readdirSync(confd)
    .filter((f) => f.endsWith('.conf'))
    .sort()
    .map((f) => ({ name: `conf.d/${f}`, text: readFileSync(new URL(f, confd), 'utf8') }));
  const doc = mergeConfFiles(files);
  assert.deepEqual(Object.keys(doc.root).sort(), [
    'authorization', 'certificate-authority', 'dropsonde', 'global', 'http-client', 'jruby-puppet',
    'metrics', 'profiler', 'web-router-service', 'webserver',
  ]);
  const config = compileAuthConfig(doc.root['authorization'], (n) => doc.positionOf(n));
  assert.equal(config.rules.length, 22);
  assert.deepEqual(config.rules[0]!.position, { file: 'conf.d/auth.conf', line: 242, col: 9 });
  assert.deepEqual(doc.positionOf(doc.root['authorization'] as object), { file: 'conf.d/auth.conf', line: 1, col: 16 });
});

test('objects from several files merge; a setting given twice is an error naming both files', () => {
  const doc = mergeConfFiles([
    { name: 'a.conf', text: 'webserver: { ssl-port: 8140, x { y: 1 } }' },
    { name: 'b.conf', text: 'webserver.ssl-host: "127.0.0.1"\nwebserver.x.z: 2' },
  ]);
  assert.deepEqual(doc.root, { webserver: { 'ssl-port': 8140, x: { y: 1, z: 2 }, 'ssl-host': '127.0.0.1' } });
  assert.throws(
    () => mergeConfFiles([
      { name: 'a.conf', text: 'webserver: { ssl-port: 8140 }' },
      { name: 'b.conf', text: 'webserver: { ssl-port: 8141 }' },
    ]),
    (e: unknown) => e instanceof DuplicateSettingError && e.message === 'Duplicate configuration entry "webserver.ssl-port" in a.conf and b.conf',
  );
});
