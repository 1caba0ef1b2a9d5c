// server_list for a whole run of a new agent (in memory): the selected server
// is also its CA (ca_server is not set), the probe happens once per run, and
// an explicitly set ca_server keeps its own route.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveSettings } from '../../src/settings/index.js';
import { MockDispatcher, type MockReply } from '../../src/agent/http/mock-dispatcher.js';
import { ConnectionError } from '../../src/agent/http/errors.js';
import { RecordingLog } from '../../src/agent/http/log.js';
import type { HttpRequest } from '../../src/agent/http/types.js';
import { runAgent } from '../../src/agent/run.js';
import { MockCaServer, TestCa } from './agent-ssl-helpers.js';

const CERTNAME = 'listed.example.test';

async function setup(argv: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'bunraku-server-list-'));
  const ca = new MockCaServer(await TestCa.create());
  ca.autosign = true;
  const json = (body: unknown): MockReply => ({ status: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const dispatcher = new MockDispatcher(async (req: HttpRequest) => {
    if (req.url.hostname === 'down.example') {
      throw new ConnectionError(`Request to ${req.url.href} failed after 0.001 seconds: Failed to open TCP connection to down.example:${req.url.port} (Connection refused - connect(2) for 10.0.0.9:${req.url.port})`);
    }
    const p = req.url.pathname;
    if (p === '/status/v1/simple/server') return { status: 200, headers: { 'Content-Type': 'text/plain' }, body: 'running' };
    if (p.startsWith('/puppet/v3/node/')) return json({ name: CERTNAME, environment: 'production' });
    if (p.startsWith('/puppet/v3/file_metadatas/')) return json([]);
    if (p.startsWith('/puppet/v3/catalog/')) {
      return json({ tags: [], name: CERTNAME, version: 1, code_id: null, catalog_uuid: 'u', catalog_format: 2, environment: 'production', resources: [], edges: [], classes: [] });
    }
    if (p.startsWith('/puppet/v3/report/')) return json(['store']);
    return ca.handler(req);
  });
  const resolved = resolveSettings({
    runMode: 'agent',
    argv: ['--confdir', join(dir, 'conf'), '--vardir', join(dir, 'var'), '--ssldir', join(dir, 'ssl'), '--certname', CERTNAME, '--keylength', '2048', ...argv],
  });
  const log = new RecordingLog();
  const run = () => runAgent({
    settings: resolved.settings, explicitSettings: resolved.explicit, onetime: true, daemonize: false, log, stdout: () => {}, dispatcher, facts: { kernel: 'Linux' },
  });
  return { dispatcher, log, run, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

test('a new agent with server_list gets its certificate from the selected server and runs there; one probe per run', async () => {
  const h = await setup(['--server_list', 'down.example:8140,up.example:8141']);
  try {
    assert.equal(await h.run(), 0, h.log.entries.map((e) => `${e.level}: ${e.message}`).join('\n'));
    const hosts = h.dispatcher.requests.map((r) => `${r.url.host}${r.url.pathname}`);
    assert.deepEqual(hosts.slice(0, 3), ['down.example:8140/status/v1/simple/server', 'up.example:8141/status/v1/simple/server', 'up.example:8141/puppet-ca/v1/certificate/ca']);
    assert.ok(hosts.slice(1).every((h) => h.startsWith('up.example:8141/')), hosts.join('\n'));
    assert.equal(hosts.filter((x) => x.includes('/status/')).length, 2, 'the configurer reuses the selection');
    assert.deepEqual(h.log.messages('warning'), [
      'Unable to connect to server from server_list setting: Request to https://down.example:8140/status/v1/simple/server failed after 0.001 seconds: Failed to open TCP connection to down.example:8140 (Connection refused - connect(2) for 10.0.0.9:8140) Trying with next server from server_list.',
    ]);
  } finally {
    h.cleanup();
  }
});

test('an explicitly set ca_server keeps its own route; the rest of the run follows server_list', async () => {
  const h = await setup(['--server_list', 'up.example:8141', '--ca_server', 'ca.example', '--ca_port', '8142']);
  try {
    assert.equal(await h.run(), 0);
    const hosts = h.dispatcher.requests.map((r) => `${r.url.host}${r.url.pathname}`);
    assert.ok(hosts.filter((x) => x.includes('/puppet-ca/')).every((x) => x.startsWith('ca.example:8142/')), hosts.join('\n'));
    assert.ok(hosts.filter((x) => x.includes('/puppet/v3/')).every((x) => x.startsWith('up.example:8141/')), hosts.join('\n'));
    assert.equal(hosts.filter((x) => x.includes('/status/')).length, 1);
  } finally {
    h.cleanup();
  }
});
