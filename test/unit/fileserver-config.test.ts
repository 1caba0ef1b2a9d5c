// fileserver.conf parsing against Puppet 7's own parser (config-expected.json
// made by gen-config.rb), re-reading on change, %h/%H/%d expansion, and the
// fnmatch rules of `ignore`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, readFileSync, realpathSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { parseFileserverConfig, FileserverConfig, FileserverConfigError } from '../../src/fileserver/config.js';
import { expandMountPath } from '../../src/fileserver/mounts.js';
import { fnmatch } from '../../src/fileserver/fnmatch.js';

const expected = JSON.parse(readFileSync(new URL('../fixtures/fileserver/config-expected.json', import.meta.url), 'utf8')) as {
  results: { name: string; text: string; mounts?: Record<string, { kind: string; path: string | null }>; error?: string; logs: string[] }[];
};

test('fileserver.conf parses like Puppet 7 (mounts, errors, logged lines)', (t) => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'bunraku-conf-')));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'mounts/site'), { recursive: true });
  const file = join(root, 'fileserver.conf');
  for (const c of expected.results) {
    const logs: string[] = [];
    const text = c.text.replaceAll('ROOT', root);
    const norm = (s: string) => s.replaceAll(root, 'ROOT');
    try {
      const mounts = parseFileserverConfig(text, file, (level, message) => logs.push(`${level}: ${norm(message)}`));
      assert.ok(c.mounts, `${c.name}: expected the error ${c.error}`);
      const ours = Object.fromEntries([...mounts].map(([n, m]) => [n, { kind: m.kind, path: m.path === undefined ? null : norm(m.path) }]));
      assert.deepEqual(ours, c.mounts, c.name);
    } catch (err) {
      assert.ok(err instanceof FileserverConfigError, String(err));
      // Known, deliberate difference: Puppet prints its WatchedFile object's inspect() in this one message.
      const want = c.error!.replace(/<WatchedFile: filename = (.*?), timeout = \d+>/, '$1');
      assert.equal(norm(err.message), want, c.name);
    }
    assert.deepEqual(logs, c.logs, c.name);
  }
});

test('the configuration is re-read when the file changes; a broken edit keeps the old mounts', async (t) => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'bunraku-conf-')));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'a'));
  mkdirSync(join(root, 'b'));
  const file = join(root, 'fileserver.conf');
  const logs: string[] = [];
  const config = new FileserverConfig(file, (level, message) => logs.push(`${level}: ${message}`));
  assert.deepEqual([...(await config.current()).keys()].sort(), ['locales', 'modules', 'pluginfacts', 'plugins', 'scripts', 'tasks']);
  writeFileSync(file, `[a]\npath ${root}/a\n`);
  assert.equal((await config.current()).get('a')?.path, `${root}/a`);
  writeFileSync(file, `[b]\npath ${root}/b\n`);
  utimesSync(file, new Date(), new Date(Date.now() + 5000));
  const now = await config.current();
  assert.equal(now.get('a'), undefined);
  assert.equal(now.get('b')?.path, `${root}/b`);
  writeFileSync(file, `[c]\npath = ${root}/b\n`);
  utimesSync(file, new Date(), new Date(Date.now() + 10000));
  assert.equal((await config.current()).get('b')?.path, `${root}/b`);
  assert.ok(logs.some((l) => l === "err: Error parsing fileserver configuration: Fileserver configuration file does not use '=' as a separator; using old configuration"));
});

test('%h, %H and %d expand from the client certname', () => {
  assert.equal(expandMountPath('/srv/%h/%H/%d/%%/%x', 'web1.dc1.example.com'), '/srv/web1/web1.dc1.example.com/dc1.example.com/%/%x');
  assert.equal(expandMountPath('/srv/%d', 'shorthost'), '/srv/shorthost');
});

test('ignore globs follow Ruby File.fnmatch without flags', () => {
  const cases: [string, string, boolean][] = [
    ['*', '.git', false], ['.*', '.git', true], ['*.bak', 'notes.bak', true], ['[ab].conf', 'a.conf', true],
    ['[!ab].conf', 'a.conf', false], ['[^ab].conf', 'c.conf', true], ['?', 'x', true], ['?', '.', false],
    ['CVS', 'CVS', true], ['cvs', 'CVS', false], ['a\\*', 'a*', true], ['a\\*', 'ab', false], ['[a-c]x', 'bx', true], ['*', 'a/b', true],
  ];
  for (const [pattern, name, want] of cases) assert.equal(fnmatch(pattern, name), want, `${pattern} ~ ${name}`);
});
