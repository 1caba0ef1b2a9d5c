// Pluginsync against an in-memory file server: the real agent's requests,
// files fetched with file_content, changed files replaced, vanished ones purged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpClient } from './http/client.js';
import { MockDispatcher } from './http/mock-dispatcher.js';
import { FileServerService } from './http/file-server-service.js';
import { silentLog } from './http/log.js';
import { RunLog } from './report/run-log.js';
import { spawnCommand } from './providers/command.js';
import { environmentExistsOnServer, pluginsync } from './pluginsync.js';

function meta(rel: string, type: 'file' | 'directory', content = '') {
  return {
    path: '/srv/env/modules/m/lib', relative_path: rel, links: 'follow', owner: 0, group: 0, mode: 420, type, destination: null,
    checksum: type === 'file' ? { type: 'sha256', value: `{sha256}${createHash('sha256').update(content).digest('hex')}` } : { type: 'ctime', value: '{ctime}2026-11-29 17:50:25 +0000' },
  };
}

test('plugins and pluginfacts are synced, updated and purged', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bunraku-pluginsync-'));
  try {
    let files: Record<string, string> = { 'facter/a.rb': 'A', 'facter/b.rb': 'B' };
    const dispatcher = new MockDispatcher((req) => {
      const p = req.url.pathname;
      if (p === '/puppet/v3/file_metadatas/plugins') {
        const list = [meta('.', 'directory'), meta('facter', 'directory'), ...Object.entries(files).map(([k, v]) => meta(k, 'file', v))];
        return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(req.url.searchParams.get('recurse') === 'true' ? list : [list[0]]) };
      }
      if (p === '/puppet/v3/file_metadatas/pluginfacts') return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify([meta('.', 'directory'), meta('f.txt', 'file', 'x=1\n')]) };
      const m = /^\/puppet\/v3\/file_content\/(plugins|pluginfacts)\/(.*)$/.exec(p);
      if (m) return { status: 200, headers: { 'content-type': 'application/octet-stream' }, body: m[1] === 'pluginfacts' ? 'x=1\n' : files[m[2]!] ?? '' };
      return { status: 404, body: 'no' };
    });
    const client = new HttpClient({ dispatcher, connectTimeoutMs: 1000, readTimeoutMs: 1000, maxRetrySleepSeconds: 1 });
    const fileServer = new FileServerService(client, { server: 'puppet', port: 8140 }, { verifyPeer: true });
    const o = {
      fileServer, environment: 'production', libdir: join(dir, 'lib'), pluginfactdest: join(dir, 'facts.d'),
      ignore: ['.svn', 'CVS', '.git', '.hg'], ignorePluginErrors: false, log: new RunLog(silentLog), run: spawnCommand,
    };
    assert.equal(await environmentExistsOnServer(fileServer, 'production'), true);
    await pluginsync(o);
    assert.equal(readFileSync(join(dir, 'lib', 'facter', 'a.rb'), 'utf8'), 'A');
    assert.equal(readFileSync(join(dir, 'facts.d', 'f.txt'), 'utf8'), 'x=1\n');
    assert.deepEqual(dispatcher.lines().slice(0, 3), [
      'GET /puppet/v3/file_metadatas/plugins?recurse=false&links=manage&checksum_type=sha256&source_permissions=ignore&environment=production',
      'GET /puppet/v3/file_metadatas/pluginfacts?recurse=true&max_files=-1&ignore=.svn&ignore=CVS&ignore=.git&ignore=.hg&links=follow&checksum_type=sha256&source_permissions=use&environment=production',
      'GET /puppet/v3/file_content/pluginfacts/f.txt?environment=production',
    ]);

    files = { 'facter/a.rb': 'A2' };
    dispatcher.requests.length = 0;
    await pluginsync(o);
    assert.equal(readFileSync(join(dir, 'lib', 'facter', 'a.rb'), 'utf8'), 'A2');
    assert.equal(existsSync(join(dir, 'lib', 'facter', 'b.rb')), false);
    // Unchanged pluginfacts are not fetched again.
    assert.deepEqual(dispatcher.lines().filter((l) => l.includes('file_content')), ['GET /puppet/v3/file_content/plugins/facter/a.rb?environment=production']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
