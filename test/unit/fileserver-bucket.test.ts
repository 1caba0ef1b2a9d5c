// The file bucket stores backups in the same layout, with the same modes, as
// Puppet 7's file terminus (bucket-expected.json made by gen-bucket.rb).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { FileBucket } from '../../src/fileserver/file-bucket.js';
import { PuppetHttpError } from '../../src/fileserver/errors.js';

const expected = JSON.parse(readFileSync(new URL('../fixtures/fileserver/bucket-expected.json', import.meta.url), 'utf8')) as {
  entries: { path: string; mode: string; content: string | null }[];
  find_other: string;
  head_unknown_path: boolean;
};

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

function walk(dir: string, root: string, out: { path: string; mode: string; content: string | null }[]) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const st = statSync(p);
    out.push({ path: relative(root, p), mode: (st.mode & 0o7777).toString(8), content: st.isFile() ? readFileSync(p, 'utf8') : null });
    if (st.isDirectory()) walk(p, root, out);
  }
  return out;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

test('PUT stores backups in Puppet layout; HEAD and GET honour the original path', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'bunraku-bucket-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const bucket = new FileBucket({ bucketdir: dir });
  const hello = sha('hello bucket\n');
  await bucket.put(`sha256/${hello}//etc/hosts`, Buffer.from('hello bucket\n'));
  await bucket.put(`sha256/${hello}//etc/other`, Buffer.from('hello bucket\n'));
  await bucket.put(`sha256/${hello}//etc/hosts`, (async function* () {
    yield Buffer.from('hello ');
    yield Buffer.from('bucket\n');
  })());
  await bucket.put(`sha256/${sha('second\n')}`, Buffer.from('second\n'));
  const ours = walk(dir, dir, []).sort((a, b) => (a.path < b.path ? -1 : 1));
  assert.deepEqual(ours, [...expected.entries].sort((a, b) => (a.path < b.path ? -1 : 1)));

  assert.equal(await bucket.head(`sha256/${hello}//etc/hosts`), true);
  assert.equal(await bucket.head(`sha256/${hello}`), true);
  assert.equal(await bucket.head(`sha256/${hello}//etc/nope`), expected.head_unknown_path);
  const got = await bucket.get(`sha256/${hello}//etc/other`);
  assert.ok('stream' in got);
  assert.equal(await readAll(got.stream), expected.find_other);
  await assert.rejects(bucket.get(`sha256/${sha('absent')}`), (err: unknown) => err instanceof PuppetHttpError && err.status === 404 && err.message === `Not Found: Could not find file_bucket_file sha256/${sha('absent')}`);
});

test('keys are checked like Puppet checks them, and PUT verifies the digest', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'bunraku-bucket-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const bucket = new FileBucket({ bucketdir: dir });
  assert.throws(() => bucket.parseKey(`md5/${'a'.repeat(32)}`), (e: unknown) => e instanceof PuppetHttpError && e.detail === 'Unsupported checksum type "md5"');
  assert.throws(() => bucket.parseKey('sha256/xyz'), (e: unknown) => e instanceof PuppetHttpError && e.detail === 'Invalid checksum "xyz"');
  assert.deepEqual(bucket.parseKey(`sha256/${'a'.repeat(64)}/`), { algorithm: 'sha256', digest: 'a'.repeat(64), path: null });
  await assert.rejects(bucket.put(`sha256/${sha('one')}//x`, Buffer.from('two')), (e: unknown) => e instanceof PuppetHttpError && e.status === 400);
  assert.deepEqual(readdirSync(join(dir, ...sha('one').slice(0, 8).split(''), sha('one'))), []);
});

test('diff_with answers a unified diff of two stored backups', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'bunraku-bucket-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const bucket = new FileBucket({ bucketdir: dir });
  await bucket.put(`sha256/${sha('a\nb\n')}`, Buffer.from('a\nb\n'));
  await bucket.put(`sha256/${sha('a\nc\n')}`, Buffer.from('a\nc\n'));
  const result = await bucket.get(`sha256/${sha('a\nb\n')}`, { diffWith: sha('a\nc\n') });
  assert.ok('diff' in result);
  assert.match(result.diff, /^-b\n\+c\n?$/m);
});
