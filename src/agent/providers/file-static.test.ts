// A static catalog from real puppetserver 7.9.5 (inlined metadata and
// recursive_metadata, code_id set): files come from static_file_content with
// the code id, and no file_metadata request is made, as the real agent does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCatalog } from '../catalog/model.js';
import { applyTransaction } from '../apply/transaction.js';
import { RunLog } from '../report/run-log.js';
import { silentLog } from '../http/log.js';
import { HttpClient } from '../http/client.js';
import { MockDispatcher } from '../http/mock-dispatcher.js';
import { FileServerService } from '../http/file-server-service.js';
import { autorequire, providerFor } from './registry.js';
import { spawnCommand, type CommandRunner } from './command.js';

const fixtures = new URL('../../../test/fixtures/agent/', import.meta.url);
const moduleRoot = new URL('run-env/production/', fixtures).pathname;

test('static catalog: content from static_file_content with the code id, no metadata requests', async () => {
  const root = mkdtempSync(join(tmpdir(), 'bunraku-static-'));
  try {
    const text = readFileSync(new URL('catalog-static-puppetserver-7.9.5.json', fixtures), 'utf8').split('/tmp/puppet-anchor').join(root);
    const catalog = parseCatalog(text);
    const dispatcher = new MockDispatcher((req) => {
      const m = /^\/puppet\/v3\/static_file_content\/(.*)$/.exec(req.url.pathname);
      if (!m || req.url.searchParams.get('code_id') !== catalog.codeId) return { status: 404, body: 'not found' };
      return { status: 200, headers: { 'content-type': 'application/octet-stream' }, body: readFileSync(join(moduleRoot, m[1]!)) };
    });
    const client = new HttpClient({ dispatcher, connectTimeoutMs: 1000, readTimeoutMs: 1000, maxRetrySleepSeconds: 1 });
    const fileServer = new FileServerService(client, { server: 'puppet', port: 8140 }, { verifyPeer: false });
    // dpkg is not asked about coreutils here: the package is reported installed.
    const run: CommandRunner = async (cmd, o) => (Array.isArray(cmd) && cmd[0] === 'dpkg-query'
      ? { exitCode: 0, output: 'install ok installed coreutils 9.1-1\n' } : spawnCommand(cmd, o));
    const log = new RunLog(silentLog);
    const result = await applyTransaction({
      catalog, providerFor, autorequire, noop: false, tags: [], skipTags: [], log,
      services: { environment: 'production', fileServer, run, backup: { store: async () => 'x' } },
    });
    assert.deepEqual(result.statuses.filter((s) => s.failed).map((s) => s.resource), [], log.entries.map((e) => e.message).join('\n'));
    const base = join(root, 'managed', 'agent1.example.test');
    assert.equal(readFileSync(join(base, 'motd'), 'utf8'), readFileSync(join(moduleRoot, 'modules/demo/files/motd'), 'utf8'));
    assert.equal(readFileSync(join(base, 'confdir/sub/c.conf'), 'utf8'), readFileSync(join(moduleRoot, 'modules/demo/files/confdir/sub/c.conf'), 'utf8'));
    const paths = dispatcher.lines();
    assert.deepEqual(paths.filter((l) => l.includes('file_metadata')), []);
    assert.deepEqual(paths.sort(), [
      `GET /puppet/v3/static_file_content/modules/demo/files/confdir/a.conf?environment=production&code_id=${catalog.codeId}`,
      `GET /puppet/v3/static_file_content/modules/demo/files/confdir/b.conf?environment=production&code_id=${catalog.codeId}`,
      `GET /puppet/v3/static_file_content/modules/demo/files/confdir/sub/c.conf?environment=production&code_id=${catalog.codeId}`,
      `GET /puppet/v3/static_file_content/modules/demo/files/motd?environment=production&code_id=${catalog.codeId}`,
    ]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
