// The file serving and report route families over real HTTPS: statuses,
// content types and bodies as puppetserver answers them (puppet-wire probes).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { createPuppetServer, type PuppetServer } from '../../src/server/server.js';
import { createRoutes as fileserverRoutes } from '../../src/server/routes/fileserver.js';
import { createRoutes as reportRoutes } from '../../src/server/routes/report.js';
import type { RouteDeps } from '../../src/server/route-loader.js';
import { makePki, send, type TestPki } from './server-fixtures.js';
import { buildTree, loadTreeSpec } from '../fixtures/fileserver/build-tree.js';

let pki: TestPki;
let server: PuppetServer;
let port: number;
let root: string;
let vardir: string;
let cleanupTree: () => void;
const logs: string[] = [];

before(async () => {
  pki = await makePki();
  const tree = buildTree(loadTreeSpec());
  root = tree.root;
  cleanupTree = tree.cleanup;
  vardir = mkdtempSync(join(tmpdir(), 'bunraku-routes-var-'));
  const settings = {
    environmentpath: join(root, 'envs'),
    basemodulepath: join(root, 'base/modules'),
    codedir: root,
    vardir,
    fileserverconfig: join(root, 'fileserver.conf'),
    digest_algorithm: 'sha256',
    bucketdir: join(vardir, 'bucket'),
    reports: ['store'],
    reportdir: join(vardir, 'reports'),
    reporturl: 'http://localhost:3000/reports/upload',
  };
  const deps = { settings, ca: undefined, log: (level: string, message: string) => logs.push(`${level}: ${message}`), version: '0.1.0' } as unknown as RouteDeps;
  server = createPuppetServer({
    tls: { cert: pki.server.cert, key: pki.server.key, ca: pki.ca.pem },
    families: [fileserverRoutes(deps), reportRoutes(deps)],
    authorize: () => ({ allowed: true, reason: 'test' }),
  });
  port = (await server.listen(0, '127.0.0.1')).port;
});

after(async () => {
  await server.close(1000);
  cleanupTree();
  rmSync(vardir, { recursive: true, force: true });
});

const req = (path: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}) =>
  send(port, path, { ca: pki.ca.pem, client: pki.agent1, ...options });
const JSON_ACCEPT = { Accept: 'application/json, text/pson' };

test('file_metadata answers JSON like the probe; errors are the probes\' bodies', async () => {
  const ok = await req('/puppet/v3/file_metadata/modules/demo/motd?links=manage&checksum_type=sha256&source_permissions=ignore&environment=production', { headers: JSON_ACCEPT });
  assert.equal(ok.status, 200);
  assert.equal(ok.headers['content-type'], 'application/json;charset=utf-8');
  const meta = JSON.parse(ok.text);
  assert.deepEqual(Object.keys(meta), ['path', 'relative_path', 'links', 'owner', 'group', 'mode', 'checksum', 'type', 'destination']);
  assert.deepEqual(meta.checksum, { type: 'sha256', value: '{sha256}af48c1910075e1d6147182fdbf647740da25b7939361c47c1b565e16a033e65b' });

  const missing = await req('/puppet/v3/file_metadata/modules/demo/nosuchfile?environment=production', { headers: { Accept: 'application/json' } });
  assert.equal(missing.status, 404);
  assert.equal(missing.headers['content-type'], 'application/json;charset=utf-8');
  assert.equal(missing.text, '{"message":"Not Found: Could not find file_metadata modules/demo/nosuchfile","issue_kind":"RESOURCE_NOT_FOUND"}');

  const noEnv = await req('/puppet/v3/file_metadatas/pluginfacts?recurse=true&environment=nosuchenv', { headers: JSON_ACCEPT });
  assert.equal(noEnv.status, 404);
  assert.equal(noEnv.text, '{"message":"Not Found: Could not find environment \'nosuchenv\'","issue_kind":"RUNTIME_ERROR"}');

  const noParam = await req('/puppet/v3/file_metadata/modules/demo/motd', { headers: JSON_ACCEPT });
  assert.equal(noParam.status, 400);
  assert.equal(noParam.text, '{"message":"Bad Request: An environment parameter must be specified","issue_kind":"RUNTIME_ERROR"}');

  const noAccept = await req('/puppet/v3/file_metadata/modules/demo/motd?environment=production');
  assert.equal(noAccept.status, 400);
  assert.equal(JSON.parse(noAccept.text).issue_kind, 'MISSING_HEADER_FIELD');
});

test('file_metadatas lists the root first; pluginsync queries work', async () => {
  const res = await req('/puppet/v3/file_metadatas/plugins?recurse=true&max_files=-1&ignore=.svn&ignore=CVS&ignore=.git&ignore=.hg&links=follow&checksum_type=sha256&source_permissions=ignore&environment=production', { headers: JSON_ACCEPT });
  assert.equal(res.status, 200);
  const list = JSON.parse(res.text) as { relative_path: string }[];
  assert.equal(list[0]!.relative_path, '.');
  assert.deepEqual(list.map((m) => m.relative_path).sort(), ['.', 'facter', 'facter/demo_fact.rb', 'puppet', 'puppet/other_only.rb', 'puppet/shared.rb']);
});

test('file_content streams the bytes as octet-stream; 404 like the probe', async () => {
  const res = await req('/puppet/v3/file_content/modules/demo/motd?environment=production', { headers: { Accept: 'application/octet-stream' } });
  assert.equal(res.status, 200);
  assert.equal(res.headers['content-type'], 'application/octet-stream');
  assert.equal(res.text, readFileSync(join(root, 'envs/production/modules/demo/files/motd'), 'utf8'));
  const missing = await req('/puppet/v3/file_content/modules/nosuchmodule/x?environment=production', { headers: { Accept: 'application/octet-stream' } });
  assert.equal(missing.status, 404);
  assert.equal(missing.text, '{"message":"Not Found: Could not find file_content modules/nosuchmodule/x","issue_kind":"RESOURCE_NOT_FOUND"}');
});

test('static_file_content without code_id is the probe\'s plain-text 400', async () => {
  const res = await req('/puppet/v3/static_file_content/modules/demo/files/motd?environment=production', { headers: { Accept: 'application/octet-stream' } });
  assert.equal(res.status, 400);
  assert.equal(res.headers['content-type'], 'text/plain');
  assert.equal(res.text, 'Error: A /static_file_content request requires an environment, a code-id, and a file-path');
});

test('file bucket: HEAD 404, PUT, HEAD 200, GET with the original path (the // key form)', async () => {
  const content = 'backed up\n';
  const digest = createHash('sha256').update(content).digest('hex');
  const key = `/puppet/v3/file_bucket_file/sha256/${digest}//etc/hosts?environment=production`;
  const octet = { Accept: 'application/octet-stream' };
  assert.equal((await req(key, { method: 'HEAD', headers: octet })).status, 404);
  const put = await req(key, { method: 'PUT', headers: { ...octet, 'Content-Type': 'application/octet-stream' }, body: content });
  assert.equal(put.status, 200);
  assert.equal((await req(key, { method: 'HEAD', headers: octet })).status, 200);
  const got = await req(key, { headers: octet });
  assert.equal(got.status, 200);
  assert.equal(got.text, content);
  const paths = readFileSync(join(vardir, 'bucket', ...digest.slice(0, 8).split(''), digest, 'paths'), 'utf8');
  assert.equal(paths, '/etc/hosts\n');
});

test('report PUT runs the store processor and answers ["store"]', async () => {
  const body = readFileSync(new URL('../fixtures/reports/report.json', import.meta.url));
  const res = await req('/puppet/v3/report/agent1.example.test?environment=production', {
    method: 'PUT',
    headers: { ...JSON_ACCEPT, 'Content-Type': 'application/json' },
    body,
  });
  assert.equal(res.status, 200);
  assert.equal(res.text, '["store"]');
  const stored = readdirSync(join(vardir, 'reports', 'agent1.example.test'));
  assert.equal(stored.length, 1);
  assert.match(stored[0]!, /^\d{12}\.yaml$/);
  assert.equal(readFileSync(join(vardir, 'reports', 'agent1.example.test', stored[0]!), 'utf8'), readFileSync(new URL('../fixtures/reports/report.yaml', import.meta.url), 'utf8'));
  const bad = await req('/puppet/v3/report/agent1.example.test?environment=production', { method: 'PUT', headers: { ...JSON_ACCEPT, 'Content-Type': 'application/json' }, body: '{' });
  assert.equal(bad.status, 400);
  assert.match(JSON.parse(bad.text).message, /^Bad Request: The request body is invalid: /);
});

test('report PUT also takes YAML bodies; unknown media types are 415', async () => {
  const yaml = readFileSync(new URL('../fixtures/reports/report.yaml', import.meta.url), 'utf8').replace('host: agent1.example.test', 'host: yaml-host');
  const res = await req('/puppet/v3/report/yaml-host?environment=production', { method: 'PUT', headers: { ...JSON_ACCEPT, 'Content-Type': 'text/yaml' }, body: yaml });
  assert.equal(res.status, 200);
  assert.equal(readdirSync(join(vardir, 'reports', 'yaml-host')).length, 1);
  const bad = await req('/puppet/v3/report/yaml-host?environment=production', { method: 'PUT', headers: { ...JSON_ACCEPT, 'Content-Type': 'text/html' }, body: '<p>' });
  assert.equal(bad.status, 415);
  assert.equal(JSON.parse(bad.text).issue_kind, 'UNSUPPORTED_MEDIA_TYPE');
});
