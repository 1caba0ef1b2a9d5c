// The run after the certificate, against an in-memory server: requests in
// Puppet's order, the catalog cache, usecacheonfailure, use_last_environment,
// the environment probe's 404, report PUT and the files it leaves behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveSettings } from '../settings/index.js';
import { HttpClient } from './http/client.js';
import { MockDispatcher, type MockHandler } from './http/mock-dispatcher.js';
import { RecordingLog } from './http/log.js';
import type { SslContext } from './ssl/ssl-context.js';
import { runConfigurer } from './configurer.js';

function catalogFor(root: string, environment = 'production'): string {
  return JSON.stringify({
    tags: ['settings'], name: 'node1', version: 1700000000, code_id: null, catalog_uuid: '0b1c2d3e-0000-4000-8000-000000000000', catalog_format: 2, environment,
    resources: [
      { type: 'Stage', title: 'main', tags: ['stage'], exported: false, parameters: { name: 'main' } },
      { type: 'Class', title: 'main', tags: ['class'], exported: false, parameters: { name: 'main' } },
      { type: 'File', title: `${root}/hello`, tags: ['file', 'class'], file: '/site.pp', line: 1, exported: false, parameters: { content: 'hi\n' } },
    ],
    edges: [{ source: 'Stage[main]', target: 'Class[main]' }, { source: 'Class[main]', target: `File[${root}/hello]` }],
    classes: ['settings'],
  });
}

function setup(extraArgs: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), 'bunraku-configurer-'));
  const { settings } = resolveSettings({
    runMode: 'agent',
    argv: ['--confdir', join(dir, 'conf'), '--vardir', join(dir, 'var'), '--logdir', join(dir, 'log'), '--rundir', join(dir, 'run'),
      '--codedir', join(dir, 'code'), '--certname', 'node1', '--server', 'puppet', ...extraArgs],
  });
  return { dir, settings };
}

async function run(settings: ReturnType<typeof setup>['settings'], handler: MockHandler) {
  const dispatcher = new MockDispatcher(handler);
  const client = new HttpClient({ dispatcher, connectTimeoutMs: 1000, readTimeoutMs: 1000, maxRetrySleepSeconds: 1 });
  const log = new RecordingLog();
  const ssl = { tls: { verifyPeer: true } } as unknown as SslContext;
  const result = await runConfigurer({ settings, client, ssl, log, facts: { os: { family: 'Debian' } } });
  return { ...result, log, lines: dispatcher.lines().map((l) => l.replace(/transaction_uuid=[^&]+/, 'transaction_uuid=U')) };
}

const json = (body: unknown) => ({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

test('a first run, then a run with the last environment; then the cached catalog when the server fails', async () => {
  const { dir, settings } = setup();
  try {
    const root = join(dir, 'root');
    let catalogStatus = 200;
    const reports: string[] = [];
    const handler: MockHandler = (req) => {
      const p = req.url.pathname;
      if (p.startsWith('/puppet/v3/node/')) return json({ name: 'node1', environment: 'production' });
      if (p.startsWith('/puppet/v3/file_metadatas/')) return json([]);
      if (p.startsWith('/puppet/v3/catalog/')) {
        return catalogStatus === 200 ? { status: 200, headers: { 'content-type': 'application/json' }, body: catalogFor(root) } : { status: 500, body: 'boom' };
      }
      if (p.startsWith('/puppet/v3/report/')) { reports.push(Buffer.from(req.body!).toString('utf8')); return json([]); }
      return { status: 404, body: 'nope' };
    };
    const { mkdirSync } = await import('node:fs');
    mkdirSync(root);
    const first = await run(settings, handler);
    assert.equal(first.exitCode, 2);
    assert.deepEqual(first.lines.map((l) => l.split('?')[0]), [
      'GET /puppet/v3/node/node1', 'GET /puppet/v3/file_metadatas/plugins', 'GET /puppet/v3/file_metadatas/pluginfacts',
      'GET /puppet/v3/file_metadatas/plugins', 'POST /puppet/v3/catalog/node1', 'PUT /puppet/v3/report/node1',
    ]);
    assert.equal(readFileSync(join(root, 'hello'), 'utf8'), 'hi\n');
    assert.ok(existsSync(join(String(settings.client_datadir), 'catalog', 'node1.json')));
    const report = JSON.parse(reports[0]!) as Record<string, unknown>;
    assert.equal(report.status, 'changed');
    assert.equal(report.cached_catalog_status, 'not_used');
    assert.equal(report.catalog_uuid, '0b1c2d3e-0000-4000-8000-000000000000');

    // The summary's converged environment replaces the node request.
    const second = await run(settings, handler);
    assert.equal(second.exitCode, 0);
    assert.equal(second.lines[0]!.split('?')[0], 'GET /puppet/v3/file_metadatas/plugins');

    catalogStatus = 500;
    const third = await run(settings, handler);
    assert.equal(third.exitCode, 0);
    assert.equal(third.report.cached_catalog_status, 'on_failure');
    assert.ok(third.log.messages('info').includes("Using cached catalog from environment 'production'")); // info, as Puppet's
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an environment the server does not have: pluginsync is skipped; no catalog and no cache: exit 1 and a failed report', async () => {
  const { dir, settings } = setup(['--usecacheonfailure', 'false']);
  try {
    const reports: string[] = [];
    const res = await run(settings, (req) => {
      const p = req.url.pathname;
      if (p.startsWith('/puppet/v3/node/')) return json({ name: 'node1', environment: 'production' });
      if (p.startsWith('/puppet/v3/report/')) { reports.push(Buffer.from(req.body!).toString('utf8')); return json([]); }
      return { status: 404, body: 'Could not find environment' };
    });
    assert.equal(res.exitCode, 1);
    assert.ok(res.log.messages('notice').includes("Environment 'production' not found on server, skipping initial pluginsync."));
    assert.ok(res.log.messages('err').includes('Could not retrieve catalog; skipping run'));
    assert.equal((JSON.parse(reports[0]!) as { status: string }).status, 'failed');
    assert.ok(existsSync(String(settings.lastrunfile)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a failing postrun_command fails the run (exit 1) after the catalog was applied', async () => {
  const { dir, settings } = setup(['--postrun_command', '/bin/false']);
  try {
    const root = join(dir, 'root');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(root);
    const res = await run(settings, (req) => {
      const p = req.url.pathname;
      if (p.startsWith('/puppet/v3/node/')) return json({ name: 'node1', environment: 'production' });
      if (p.startsWith('/puppet/v3/file_metadatas/')) return json([]);
      if (p.startsWith('/puppet/v3/catalog/')) return { status: 200, headers: { 'content-type': 'application/json' }, body: catalogFor(root) };
      return json([]);
    });
    assert.equal(readFileSync(join(root, 'hello'), 'utf8'), 'hi\n');
    assert.equal(res.exitCode, 1);
    assert.ok(res.log.messages('err').some((m) => m.startsWith("Could not run command from postrun_command: Execution of '/bin/false' returned 1")));
    assert.equal(res.report.status, 'failed');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
