// The file server answers like real Puppet 7 for every request in
// test/fixtures/fileserver/tree.json (expected.json was produced by running
// Puppet's own file_server termini: see gen-expected.rb).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { buildTree, loadTreeSpec, fixtureDir } from '../fixtures/fileserver/build-tree.js';
import { FileServer } from '../../src/fileserver/file-server.js';
import { PuppetHttpError } from '../../src/fileserver/errors.js';
import { rubyTimeToS } from '../../src/fileserver/checksums.js';
import type { FileServingEnvironment } from '../../src/fileserver/environment.js';

interface Expected {
  module_order: Record<string, string[]>;
  results: { op: string; key: string; env: string; query: Record<string, string | string[]>; result?: unknown; nil?: boolean; exception?: string; message?: string; content?: string }[];
}

const expected = JSON.parse(readFileSync(join(fixtureDir, 'expected.json'), 'utf8')) as Expected;
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
    const sum = out.checksum as { type: string; value: string } | undefined;
    if (sum && (sum.type === 'ctime' || sum.type === 'mtime')) {
      assert.match(sum.value, /^\{[cm]time\}\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d{4}$/);
      out.checksum = { type: sum.type, value: `{${sum.type}}TIME` };
    }
    return out;
  }
  return value;
}

/** Root first, then the rest sorted: directory order depends on the file system. */
function canonicalList(list: unknown): unknown {
  if (!Array.isArray(list)) return list;
  const [first, ...rest] = list as { relative_path: string }[];
  return [first, ...rest.sort((a, b) => (a.relative_path < b.relative_path ? -1 : 1))];
}

/** The status our endpoints use for each exception Puppet raised (split_path errors are 400 per the spec). */
function expectedStatus(message: string): number {
  return message.startsWith('Cannot find file: Invalid') ? 400 : 500;
}

test('file_metadata(s) and file_content match real Puppet on the fixture tree', async (t) => {
  const spec = loadTreeSpec();
  const { root, cleanup } = buildTree(spec);
  t.after(cleanup);
  const server = new FileServer({ fileserverConfig: join(root, 'fileserver.conf'), codedir: root, identity: { uid: euid, gid: egid } });
  const envs: Record<string, FileServingEnvironment> = {};
  for (const [name, order] of Object.entries(expected.module_order)) {
    const modules = order.map((p) => ({ name: p.split('/').pop()!, path: p.replace('ROOT', root) }));
    const modulepath = name === 'production' ? [join(root, 'envs/production/modules'), join(root, 'base/modules')] : [join(root, 'envs/bare/modules'), join(root, 'base/modules')];
    envs[name] = { name, dir: join(root, 'envs', name), modulepath, modules };
  }
  assert.equal(expected.results.length, spec.requests.length);
  for (const exp of expected.results) {
    const label = `${exp.op} ${exp.key} ${JSON.stringify(exp.query)}`;
    const request = { key: exp.key, query: exp.query, environment: envs[exp.env]!, certname: spec.certname };
    try {
      if (exp.op === 'content') {
        const content = await server.content(request);
        const chunks: Buffer[] = [];
        for await (const chunk of content.stream) chunks.push(chunk as Buffer);
        assert.equal(Buffer.concat(chunks).toString('utf8'), exp.content, label);
        assert.equal(content.size, Buffer.byteLength(exp.content!), label);
        continue;
      }
      const result = exp.op === 'find' ? await server.metadata(request) : await server.metadatas(request);
      assert.ok(exp.result !== undefined, `${label}: expected ${exp.nil ? 'not found' : exp.exception}, got a result`);
      const ours = normalize(JSON.parse(JSON.stringify(result)), root);
      if (exp.op === 'find') {
        assert.equal(JSON.stringify(ours), JSON.stringify(exp.result), label); // key order too
      } else {
        assert.deepEqual(canonicalList(ours), canonicalList(exp.result), label);
        for (let i = 0; i < (ours as unknown[]).length; i++) {
          assert.deepEqual(Object.keys((ours as object[])[i]!), Object.keys((exp.result as object[])[0]!), label);
        }
      }
    } catch (err) {
      if (!(err instanceof PuppetHttpError)) throw err;
      if (exp.nil) {
        assert.equal(err.status, 404, label);
        assert.equal(err.issueKind, 'RESOURCE_NOT_FOUND', label);
        const indirection = exp.op === 'content' ? 'file_content' : 'file_metadata';
        const text = exp.op === 'search' ? `Could not find instances in ${indirection} with '${exp.key}'` : `Could not find ${indirection} ${exp.key}`;
        assert.equal(err.body(), JSON.stringify({ message: `Not Found: ${text}`, issue_kind: 'RESOURCE_NOT_FOUND' }), label);
      } else {
        assert.ok(exp.exception, `${label}: unexpected error ${err.message}`);
        assert.equal(err.detail.replaceAll(root, 'ROOT'), exp.message, label);
        assert.equal(err.status, expectedStatus(exp.message!), label);
      }
    }
  }
});

test('time checksums print like Ruby Time#to_s in the local zone', () => {
  const st = statSync(fixtureDir);
  assert.match(rubyTimeToS(st.ctime), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d{4}$/);
  // A fixed instant in UTC+0 (TZ of the test process may differ: compute what Ruby prints).
  const d = new Date(Date.UTC(2013, 9, 1, 20, 16, 10));
  const off = -d.getTimezoneOffset();
  const local = new Date(d.getTime() + off * 60000);
  const expectedText = `${local.toISOString().slice(0, 10)} ${local.toISOString().slice(11, 19)} ${off < 0 ? '-' : '+'}${String(Math.floor(Math.abs(off) / 60)).padStart(2, '0')}${String(Math.abs(off) % 60).padStart(2, '0')}`;
  assert.equal(rubyTimeToS(d), expectedText);
});

test('a changed file gets a new checksum on the next request (digest cache invalidation)', async (t) => {
  const spec = loadTreeSpec();
  const { root, cleanup } = buildTree(spec);
  t.after(cleanup);
  const server = new FileServer({ codedir: root, identity: { uid: euid, gid: egid } });
  const environment: FileServingEnvironment = {
    name: 'production',
    modulepath: [join(root, 'envs/production/modules')],
    modules: [{ name: 'demo', path: join(root, 'envs/production/modules/demo') }],
  };
  const request = { key: 'modules/demo/confdir', query: { recurse: 'true', ignore: 'dangling' }, environment };
  const sumOf = async () => (await server.metadatas(request)).find((m) => m.relative_path === 'sub/c.conf')!.checksum.value;
  assert.equal(await sumOf(), '{sha256}1b0c816fe818ab7f866b923a450b5afee2622b53f387fe9277e38ac265d38303');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(join(root, 'envs/production/modules/demo/files/confdir/sub/c.conf'), 'c = 4\n'); // same size
  assert.equal(await sumOf(), `{sha256}${createHash('sha256').update('c = 4\n').digest('hex')}`);
});
