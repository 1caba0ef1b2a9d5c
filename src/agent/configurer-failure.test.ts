// The configurer when servers fail, against an in-memory transport: server_list
// selection, routes that cannot be reached, the cached catalog on failure, and
// reports kept when they cannot be sent. Expected messages are Puppet 7.23's
// (checked with `puppet agent -t` against closed ports on loopback).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveSettings } from '../settings/index.js';
import { HttpClient } from './http/client.js';
import { ConnectionError } from './http/errors.js';
import { MockDispatcher, type MockHandler } from './http/mock-dispatcher.js';
import { RecordingLog } from './http/log.js';
import type { HttpRequest } from './http/types.js';
import type { SslContext } from './ssl/ssl-context.js';
import { runConfigurer } from './configurer.js';

function catalogFor(root: string): string {
  return JSON.stringify({
    tags: ['settings'], name: 'node1', version: 1700000000, code_id: null, catalog_uuid: '0b1c2d3e-0000-4000-8000-000000000000', catalog_format: 2, environment: 'production',
    resources: [
      { type: 'Stage', title: 'main', tags: ['stage'], exported: false, parameters: { name: 'main' } },
      { type: 'Class', title: 'main', tags: ['class'], exported: false, parameters: { name: 'main' } },
      { type: 'File', title: `${root}/hello`, tags: ['file', 'class'], file: '/site.pp', line: 1, exported: false, parameters: { content: 'hi\n' } },
    ],
    edges: [{ source: 'Stage[main]', target: 'Class[main]' }, { source: 'Class[main]', target: `File[${root}/hello]` }],
    classes: ['settings'],
  });
}

const json = (body: unknown) => ({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** What NodeDispatcher throws for a refused connection (its wording is tested in agent-ssl-transport). */
function refused(req: HttpRequest): never {
  const host = req.url.hostname;
  const port = req.url.port;
  throw new ConnectionError(`Request to ${req.url.href} failed after 0.001 seconds: Failed to open TCP connection to ${host}:${port} (Connection refused - connect(2) for 127.0.0.1:${port})`);
}

function setup(extraArgs: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), 'bunraku-configurer-failure-'));
  const resolved = resolveSettings({
    runMode: 'agent',
    argv: ['--confdir', join(dir, 'conf'), '--vardir', join(dir, 'var'), '--logdir', join(dir, 'log'), '--rundir', join(dir, 'run'),
      '--codedir', join(dir, 'code'), '--certname', 'node1', '--server', 'puppet', ...extraArgs],
  });
  const root = join(dir, 'root');
  mkdirSync(root);
  return { dir, root, settings: resolved.settings, explicit: resolved.explicit, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

async function run(h: ReturnType<typeof setup>, handler: MockHandler, signal?: AbortSignal) {
  const dispatcher = new MockDispatcher(handler);
  const client = new HttpClient({ dispatcher, connectTimeoutMs: 1000, readTimeoutMs: 1000, maxRetrySleepSeconds: 1 });
  const log = new RecordingLog();
  const ssl = { tls: { verifyPeer: true } } as unknown as SslContext;
  const result = await runConfigurer({ settings: h.settings, client, ssl, log, facts: { os: { family: 'Debian' } }, explicitSettings: h.explicit, signal });
  return { ...result, log, dispatcher };
}

/** A healthy server's answers. */
function server(root: string, reports: { uuid: string; host: string }[]): MockHandler {
  return (req) => {
    const p = req.url.pathname;
    if (p.startsWith('/status/v1/simple/server')) return { status: 200, headers: { 'content-type': 'text/plain' }, body: 'running' };
    if (p.startsWith('/puppet/v3/node/')) return json({ name: 'node1', environment: 'production' });
    if (p.startsWith('/puppet/v3/file_metadatas/')) return json([]);
    if (p.startsWith('/puppet/v3/catalog/')) return { status: 200, headers: { 'content-type': 'application/json' }, body: catalogFor(root) };
    if (p.startsWith('/puppet/v3/report/')) {
      reports.push({ uuid: (JSON.parse(Buffer.from(req.body!).toString('utf8')) as { transaction_uuid: string }).transaction_uuid, host: req.url.host });
      return json([]);
    }
    return { status: 404, body: 'not found' };
  };
}

const pendingDir = (h: ReturnType<typeof setup>) => join(String(h.settings.statedir), 'pending_reports');
const pending = (h: ReturnType<typeof setup>) => { try { return readdirSync(pendingDir(h)); } catch { return []; } };

test('a report that cannot be sent is logged as Puppet logs it, kept, and sent after the next run\'s own report', async () => {
  const h = setup();
  try {
    const reports: { uuid: string; host: string }[] = [];
    const healthy = server(h.root, reports);
    // The server goes away after the catalog: the report PUT cannot connect.
    const first = await run(h, (req) => (req.url.pathname.startsWith('/puppet/v3/report/') ? refused(req) : healthy(req)));
    assert.equal(first.exitCode, 2);
    assert.deepEqual(first.log.messages('err'), [
      'Connection to https://puppet:8140/puppet/v3 failed, trying next route: Request to https://puppet:8140/puppet/v3 failed after 0.001 seconds: Failed to open TCP connection to puppet:8140 (Connection refused - connect(2) for 127.0.0.1:8140)\n'
        + 'Wrapped exception:\nFailed to open TCP connection to puppet:8140 (Connection refused - connect(2) for 127.0.0.1:8140)',
      'Could not send report: No more routes to report',
    ]);
    assert.equal(pending(h).length, 1);
    assert.ok(first.log.messages('notice').includes(`Keeping the report of transaction ${first.report.transaction_uuid} in ${pendingDir(h)} to send after a later run`));

    const second = await run(h, healthy);
    assert.deepEqual(second.log.messages('err'), []);
    assert.deepEqual(reports.map((r) => r.uuid), [second.report.transaction_uuid, first.report.transaction_uuid]);
    assert.deepEqual(pending(h), []);
  } finally {
    h.cleanup();
  }
});

test('with the server gone before the catalog: the cached catalog, cached_catalog_status on_failure, and Puppet\'s messages', async () => {
  const h = setup();
  try {
    const reports: { uuid: string; host: string }[] = [];
    await run(h, server(h.root, reports));
    const down = await run(h, refused);
    assert.equal(down.exitCode, 0);
    assert.equal(down.report.cached_catalog_status, 'on_failure');
    // The last run's summary names the environment, so there is no node request (use_last_environment).
    assert.equal(down.dispatcher.requests.some((r) => r.url.pathname.startsWith('/puppet/v3/node/')), false);
    const errors = down.log.messages('err').map((m) => m.split('\n')[0].replace(/: Request to .*/, ''));
    assert.deepEqual(errors, [
      'Connection to https://puppet:8140/puppet/v3 failed, trying next route',
      'No more routes to fileserver',
      'Connection to https://puppet:8140/puppet/v3 failed, trying next route',
      'Could not retrieve catalog from remote server: No more routes to puppet',
      'Connection to https://puppet:8140/puppet/v3 failed, trying next route',
      'Could not send report: No more routes to report',
    ]);
    assert.ok(down.log.messages('info').includes("Using cached catalog from environment 'production'"));
  } finally {
    h.cleanup();
  }
});

test('without usecacheonfailure (as -t sets it) a failed catalog is not replaced by the cache', async () => {
  const h = setup(['--no-usecacheonfailure']);
  try {
    await run(h, server(h.root, []));
    const down = await run(h, (req) => (req.url.pathname.startsWith('/puppet/v3/catalog/') ? { status: 500, body: 'boom' } : server(h.root, [])(req)));
    assert.equal(down.exitCode, 1);
    assert.deepEqual(down.log.messages('warning'), ['Not using cache on failed catalog']);
    assert.deepEqual(down.log.messages('err'), ['Could not retrieve catalog from remote server: Error 500 on SERVER: boom', 'Could not retrieve catalog; skipping run']);
    assert.equal(down.report.status, 'failed');
    assert.equal(down.report.cached_catalog_status, 'not_used');
  } finally {
    h.cleanup();
  }
});

test('a kept report the server refuses (4xx) is dropped; one it cannot take now stays', async () => {
  const h = setup();
  try {
    const healthy = server(h.root, []);
    await run(h, (req) => (req.url.pathname.startsWith('/puppet/v3/report/') ? refused(req) : healthy(req)));
    await run(h, (req) => (req.url.pathname.startsWith('/puppet/v3/report/') ? refused(req) : healthy(req)));
    assert.equal(pending(h).length, 2);
    let puts = 0;
    const third = await run(h, (req) => {
      if (!req.url.pathname.startsWith('/puppet/v3/report/')) return healthy(req);
      puts += 1;
      // the run's own report, then the oldest kept one (refused), then the next (server error)
      return puts === 1 ? json([]) : puts === 2 ? { status: 400, body: 'bad report' } : { status: 503, body: 'busy' };
    });
    assert.equal(puts, 3);
    assert.equal(pending(h).length, 1);
    assert.equal(third.log.messages('warning').filter((m) => m.startsWith('Dropped the kept report of transaction')).length, 1);
    assert.equal(third.log.messages('warning').filter((m) => m.startsWith('Could not send the kept report of transaction')).length, 1);
  } finally {
    h.cleanup();
  }
});

test('server_list: the first server that answers /status/v1/simple/server serves the whole run', async () => {
  const h = setup(['--server_list', 'a.example:8141,b.example,c.example:8143']);
  try {
    const reports: { uuid: string; host: string }[] = [];
    const healthy = server(h.root, reports);
    const res = await run(h, (req) => {
      if (req.url.hostname === 'a.example') return refused(req);
      if (req.url.hostname === 'b.example') return { status: 503, reason: 'Service Unavailable', body: 'starting' };
      return healthy(req);
    });
    assert.equal(res.exitCode, 2);
    assert.deepEqual(res.log.messages('warning'), [
      'Unable to connect to server from server_list setting: Request to https://a.example:8141/status/v1/simple/server failed after 0.001 seconds: Failed to open TCP connection to a.example:8141 (Connection refused - connect(2) for 127.0.0.1:8141) Trying with next server from server_list.',
      'Puppet server b.example:8140 is unavailable: 503 Service Unavailable Trying with next server from server_list.',
    ]);
    assert.ok(res.log.messages('debug').includes('Selected puppet server from the `server_list` setting: c.example:8143'));
    assert.equal(res.report.server_used, 'c.example:8143');
    const after = res.dispatcher.requests.slice(3).map((r) => r.url.host);
    assert.ok(after.length > 0 && after.every((host) => host === 'c.example:8143'), after.join(' '));
    assert.deepEqual(reports.map((r) => r.host), ['c.example:8143']);
  } finally {
    h.cleanup();
  }
});

test('server_list with no server answering: Puppet\'s messages, then the cached catalog; without usecacheonfailure the run fails', async () => {
  const h = setup(['--server_list', 'a.example:8141,b.example:8142']);
  try {
    await run(h, (req) => (req.url.hostname === 'a.example' ? server(h.root, [])(req) : refused(req)));
    const down = await run(h, refused);
    assert.equal(down.report.cached_catalog_status, 'on_failure');
    assert.equal(down.exitCode, 0);
    const errors = down.log.messages('err');
    assert.equal(errors[0], 'Unable to connect to server from server_list setting: Request to https://b.example:8142/status/v1/simple/server failed after 0.001 seconds: Failed to open TCP connection to b.example:8142 (Connection refused - connect(2) for 127.0.0.1:8142)\n'
      + 'Wrapped exception:\nFailed to open TCP connection to b.example:8142 (Connection refused - connect(2) for 127.0.0.1:8142)');
    assert.equal(errors[1], "Could not select a functional puppet server from server_list: 'a.example:8141,b.example:8142'");
    // As Puppet's session (no failed route is cached), the report probes the list again.
    assert.equal(errors.at(-1), 'Could not send report: No more routes to report');
    assert.equal(errors.at(-2), errors[0]);
    // No pluginsync and no catalog request: straight to the cache.
    assert.equal(down.dispatcher.requests.some((r) => r.url.pathname.includes('file_metadata') || r.url.pathname.includes('/catalog/')), false);

    const strict = setup(['--server_list', 'a.example:8141', '--no-usecacheonfailure']);
    try {
      await assert.rejects(run(strict, refused), { message: "Could not select a functional puppet server from server_list: 'a.example:8141'" });
    } finally {
      strict.cleanup();
    }
  } finally {
    h.cleanup();
  }
});

test('a run stopped by runtimeout applies nothing more, and still saves and sends its report', async () => {
  const h = setup();
  try {
    const reports: { uuid: string; host: string }[] = [];
    const stop = new AbortController();
    stop.abort();
    const res = await run(h, server(h.root, reports), stop.signal);
    assert.equal(res.aborted, true);
    assert.equal(res.exitCode, 1);
    assert.equal(res.dispatcher.requests.some((r) => r.url.pathname.includes('/catalog/')), false);
    assert.deepEqual(reports.map((r) => r.uuid), [res.report.transaction_uuid]);
    assert.equal(res.report.status, 'failed');
  } finally {
    h.cleanup();
  }
});
