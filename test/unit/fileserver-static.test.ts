// Static catalog inlining matches Puppet 7's Catalog::Compiler#inline_metadata
// (static-expected.json made by gen-static.rb), and static_file_content serves
// the content belonging to a code id.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { buildTree, loadTreeSpec, fixtureDir } from '../fixtures/fileserver/build-tree.js';
import { FileServer } from '../../src/fileserver/file-server.js';
import { inlineMetadata, commonChecksumType, noCommonChecksumError, type CatalogFileResource } from '../../src/fileserver/static-catalog.js';
import { CodeIds } from '../../src/fileserver/code-id.js';
import { PuppetHttpError } from '../../src/fileserver/errors.js';

const euid = process.geteuid!();
const egid = process.getegid!();

function normalize(value: unknown, root: string): unknown {
  if (Array.isArray(value)) return value.map((v) => normalize(v, root));
  if (typeof value === 'string') return value.replaceAll(root, 'ROOT');
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = normalize(v, root);
    if (out.owner === euid) out.owner = 'EUID';
    if (out.group === egid) out.group = 'EGID';
    const sum = out.checksum as { type: string } | undefined;
    if (sum && (sum.type === 'ctime' || sum.type === 'mtime')) out.checksum = { type: sum.type, value: `{${sum.type}}TIME` };
    return out;
  }
  return value;
}

function sortLists(recursive: Record<string, Record<string, { relative_path: string }[]>>) {
  for (const bySource of Object.values(recursive)) {
    for (const [source, list] of Object.entries(bySource)) {
      const [first, ...rest] = list;
      bySource[source] = [first!, ...rest.sort((a, b) => (a.relative_path < b.relative_path ? -1 : 1))];
    }
  }
  return recursive;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

test('inlined metadata and content_uri match real Puppet', async (t) => {
  const expected = JSON.parse(readFileSync(join(fixtureDir, 'static-expected.json'), 'utf8'));
  const resources = JSON.parse(readFileSync(join(fixtureDir, 'static-resources.json'), 'utf8')) as CatalogFileResource[];
  const { root, cleanup } = buildTree(loadTreeSpec());
  t.after(cleanup);
  const server = new FileServer({ fileserverConfig: join(root, 'fileserver.conf'), codedir: root, identity: { uid: euid, gid: egid } });
  const env = {
    name: 'production',
    dir: join(root, 'envs/production'),
    modulepath: [join(root, 'envs/production/modules'), join(root, 'base/modules')],
    modules: (expected.module_order as string[]).map((p) => ({ name: p.split('/').pop()!, path: p.replace('ROOT', root) })),
  };
  const result = await inlineMetadata(resources, env, 'sha256', server, 'agent1.example.test');
  const ours = normalize(JSON.parse(JSON.stringify(result)), root) as { metadata: unknown; recursiveMetadata: Record<string, Record<string, { relative_path: string }[]>> };
  assert.equal(JSON.stringify(ours.metadata), JSON.stringify(expected.metadata)); // key order included
  assert.deepEqual(sortLists(ours.recursiveMetadata), sortLists(expected.recursive_metadata));
  await assert.rejects(
    inlineMetadata([{ type: 'File', title: '/x', parameters: { source: ['puppet:///modules/demo/a', 'puppet:///modules/demo/b'] } }], env, 'sha256', server),
    (e: unknown) => e instanceof PuppetHttpError && e.detail === 'Could not get metadata for ["puppet:///modules/demo/a", "puppet:///modules/demo/b"]',
  );
});

test('the common checksum type is the first the server knows', () => {
  assert.equal(commonChecksumType('sha256.sha384.sha512.sha224.md5'), 'sha256');
  assert.equal(commonChecksumType('foo.sha512'), 'sha512');
  assert.equal(commonChecksumType('foo.bar'), undefined);
  assert.equal(
    noCommonChecksumError('foo').message,
    "Server Error: Unable to find a common checksum type between agent 'foo' and master '[:sha256, :sha256lite, :md5, :md5lite, :sha1, :sha1lite, :sha512, :sha384, :sha224, :mtime, :ctime, :none]'.",
  );
});

test('static_file_content serves the content of a code id, and refuses what it no longer has', async (t) => {
  const { root, cleanup } = buildTree(loadTreeSpec());
  t.after(cleanup);
  const snapshots = mkdtempSync(join(tmpdir(), 'bunraku-snap-'));
  t.after(() => rmSync(snapshots, { recursive: true, force: true }));
  const envDir = join(root, 'envs/production');
  const path = 'modules/demo/files/motd';
  const original = readFileSync(join(envDir, path), 'utf8');

  const plain = new CodeIds();
  const id1 = await plain.codeId('production', envDir);
  assert.match(id1, /^[0-9a-f]{40}$/);
  assert.equal(await plain.codeId('production', envDir), id1, 'stable while nothing changes');
  assert.equal(await readAll((await plain.staticFileContent('production', id1, path, envDir)).stream), original);

  const snap = new CodeIds({ snapshotDir: snapshots });
  assert.equal(await snap.codeId('production', envDir), id1);
  writeFileSync(join(envDir, path), 'changed\n');
  const id2 = await plain.codeId('production', envDir);
  assert.notEqual(id2, id1);
  assert.equal(await readAll((await plain.staticFileContent('production', id2, path, envDir)).stream), 'changed\n');
  // Without snapshots the old content is gone: refused. With them it is still served.
  await assert.rejects(plain.staticFileContent('production', id1, path, envDir), (e: unknown) => e instanceof PuppetHttpError && e.status === 500 && e.format === 'text');
  assert.equal(await readAll((await snap.staticFileContent('production', id1, path, envDir)).stream), original);
  // A fresh process with the same snapshot dir still knows the old code id.
  assert.equal(await readAll((await new CodeIds({ snapshotDir: snapshots }).staticFileContent('production', id1, path, envDir)).stream), original);
  // Unchanged files of an old code id are served from the current tree.
  assert.equal(await readAll((await plain.staticFileContent('production', id1, 'modules/demo/files/confdir/a.conf', envDir)).stream), 'a = 1\n');
});

test('static_file_content validates like puppetserver (plain-text errors)', async () => {
  const ids = new CodeIds();
  const cases: [string | undefined, string | undefined, string | undefined, number, string][] = [
    ['production', undefined, 'modules/demo/files/motd', 400, 'Error: A /static_file_content request requires an environment, a code-id, and a file-path'],
    ['prod-uction', 'abc', 'modules/demo/files/motd', 400, "The environment must be purely alphanumeric, not 'prod-uction'"],
    ['production', 'a b', 'modules/demo/files/motd', 400, "Invalid code-id 'a b'. Must contain only alpha-numerics and '-', '_', ';', or ':'"],
    ['production', 'abc', 'modules/demo/manifests/init.pp', 403, 'Request Denied: A /static_file_content request must be a file within the files, lib, scripts, or tasks directory of a module.'],
  ];
  for (const [env, id, path, status, message] of cases) {
    await assert.rejects(ids.staticFileContent(env, id, path, '/nonexistent'), (e: unknown) => {
      assert.ok(e instanceof PuppetHttpError);
      assert.equal(e.status, status);
      assert.equal(e.body(), message);
      assert.equal(e.contentType, 'text/plain');
      return true;
    });
  }
});
