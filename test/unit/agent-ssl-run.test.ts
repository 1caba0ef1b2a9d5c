// The run after the certificate, against a mock server: node request and the
// server-specified environment, the catalog POST following the catalog's
// environment (Puppet's messages, at most 4 switches), the catalog cache and
// the report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveSettings } from '../../src/settings/index.js';
import { MockDispatcher, type MockReply } from '../../src/agent/http/mock-dispatcher.js';
import { RecordingLog } from '../../src/agent/http/log.js';
import type { HttpRequest } from '../../src/agent/http/types.js';
import { runAgent, puppetTimestamp } from '../../src/agent/run.js';
import { MockCaServer, TestCa } from './agent-ssl-helpers.js';

const CERTNAME = 'agent1.example.test';

async function setup(route: (req: HttpRequest) => MockReply | undefined, argv: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), 'bunraku-agent-run-'));
  const server = new MockCaServer(await TestCa.create());
  server.autosign = true;
  // The server side of the rest of the run: reports are accepted, as puppetserver answers.
  const reports = (req: HttpRequest): MockReply | undefined => (req.method === 'PUT' && req.url.pathname.startsWith('/puppet/v3/report/')
    ? { status: 200, headers: { 'Content-Type': 'application/json;charset=utf-8' }, body: '["store"]' }
    : undefined);
  const dispatcher = new MockDispatcher(async (req) => route(req) ?? reports(req) ?? server.handler(req));
  const log = new RecordingLog();
  const { settings } = resolveSettings({
    runMode: 'agent',
    argv: ['--confdir', join(dir, 'conf'), '--vardir', join(dir, 'var'), '--ssldir', join(dir, 'ssl'), '--certname', CERTNAME,
      '--server', 'puppet.example.test', '--keylength', '2048', ...argv],
  });
  const run = (environmentFromCli = false) => runAgent({
    settings, onetime: true, daemonize: false, log, stdout: () => {}, dispatcher, environmentFromCli, facts: { kernel: 'Linux' },
  });
  return { dir, dispatcher, log, run, settings, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const json = (body: unknown): MockReply => ({ status: 200, headers: { 'Content-Type': 'application/json;charset=utf-8' }, body: JSON.stringify(body) });
const catalog = (environment: string): MockReply => ({
  status: 200, headers: { 'Content-Type': 'application/vnd.puppet.rich+json; charset=utf-8' },
  body: JSON.stringify({ tags: [], name: CERTNAME, version: 42, code_id: null, catalog_uuid: 'u', catalog_format: 2, environment, resources: [], edges: [], classes: [] }),
  gzip: true,
});

test('node environment, then catalog environment, are followed; the catalog is cached as received', async () => {
  const catalogEnvs: string[] = [];
  const h = await setup((req) => {
    if (req.url.pathname === `/puppet/v3/node/${CERTNAME}`) return json({ name: CERTNAME, environment: 'dev' });
    if (req.url.pathname === `/puppet/v3/catalog/${CERTNAME}`) {
      const env = req.url.searchParams.get('environment')!;
      catalogEnvs.push(env);
      return catalog(env === 'dev' ? 'staging' : env);
    }
    return undefined;
  });
  try {
    assert.equal(await h.run(), 0, 'the empty catalog applies without changes');
    assert.deepEqual(catalogEnvs, ['dev', 'staging']);
    const node = h.dispatcher.requests.find((r) => r.url.pathname.startsWith('/puppet/v3/node/'))!;
    assert.match(node.url.search, /^\?environment=production&configured_environment=production&transaction_uuid=[0-9a-f-]{36}$/);
    assert.ok(node.tls.cert, 'the node request uses the client certificate');
    assert.deepEqual(h.log.messages('notice').filter((m) => m.startsWith('Local environment')), [
      "Local environment: 'production' doesn't match server specified node environment 'dev', switching agent to 'dev'.",
      "Local environment: 'dev' doesn't match server specified environment 'staging', restarting agent run with environment 'staging'",
    ]);
    const post = h.dispatcher.requests.filter((r) => r.url.pathname === `/puppet/v3/catalog/${CERTNAME}`).at(-1)!;
    const form = new URLSearchParams(Buffer.from(post.body!).toString());
    assert.equal(form.get('configured_environment'), 'production');
    assert.equal(form.get('check_environment'), 'true');
    assert.equal(form.get('job_uuid'), '');
    const facts = JSON.parse(decodeURIComponent(form.get('facts')!)) as { name: string; values: Record<string, unknown>; timestamp: string };
    assert.equal(facts.name, CERTNAME);
    assert.deepEqual(facts.values, { kernel: 'Linux', clientcert: CERTNAME, clientversion: '7.23.0', clientnoop: false, puppetversion: '7.23.0' });
    assert.match(facts.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}\+00:00$/);
    const cached = join(String(h.settings.client_datadir), 'catalog', `${CERTNAME}.json`);
    assert.equal(JSON.parse(readFileSync(cached, 'utf8')).environment, 'staging');
    assert.ok(h.dispatcher.requests.some((r) => r.method === 'PUT' && r.url.pathname === `/puppet/v3/report/${CERTNAME}`), 'the report was sent');
  } finally {
    h.cleanup();
  }
});

test('a catalog environment that never settles stops after 4 switches with Puppet\'s message', async () => {
  let n = 0;
  const h = await setup((req) => {
    if (req.url.pathname.startsWith('/puppet/v3/node/')) return { status: 403, body: 'Forbidden request: /puppet/v3/node/x (method :get). Please see the server logs for details.' };
    if (req.url.pathname.startsWith('/puppet/v3/catalog/')) return catalog(`env${n++}`);
    return undefined;
  });
  try {
    assert.equal(await h.run(), 1);
    assert.deepEqual(h.log.messages('warning'), [
      'Unable to fetch my node definition, but the agent run will continue:',
      'Error 403 on SERVER: Forbidden request: /puppet/v3/node/x (method :get). Please see the server logs for details.',
    ]);
    assert.ok(h.log.messages('err').some((m) => m.includes("Catalog environment didn't stabilize after 4 fetches, aborting run")), h.log.messages('err').join('\n'));
    assert.equal(existsSync(join(String(h.settings.client_datadir), 'catalog')), false);
  } finally {
    h.cleanup();
  }
});

test('--environment on the command line skips the node request and is sent as agent_specified_environment', async () => {
  const h = await setup((req) => (req.url.pathname.startsWith('/puppet/v3/catalog/') ? catalog('qa') : undefined), ['--environment', 'qa']);
  try {
    await h.run(true);
    assert.equal(h.dispatcher.requests.some((r) => r.url.pathname.startsWith('/puppet/v3/node/')), false);
    const post = h.dispatcher.requests.find((r) => r.url.pathname.startsWith('/puppet/v3/catalog/'))!;
    const facts = JSON.parse(decodeURIComponent(new URLSearchParams(Buffer.from(post.body!).toString()).get('facts')!));
    assert.equal(facts.values.agent_specified_environment, 'qa');
  } finally {
    h.cleanup();
  }
});

test('a failed catalog request is reported as Puppet reports it', async () => {
  const h = await setup((req) => (req.url.pathname.startsWith('/puppet/v3/catalog/')
    ? { status: 500, headers: { 'Content-Type': 'application/json' }, body: '{"message":"Server Error: Evaluation Error: boom","issue_kind":"RUNTIME_ERROR"}' }
    : req.url.pathname.startsWith('/puppet/v3/node/') ? json({ name: CERTNAME, environment: 'production' }) : undefined));
  try {
    assert.equal(await h.run(), 1);
    assert.deepEqual(h.log.messages('err'), [
      'Could not retrieve catalog from remote server: Error 500 on SERVER: Server Error: Evaluation Error: boom',
      'Could not retrieve catalog; skipping run',
    ]);
  } finally {
    h.cleanup();
  }
});

test('timestamps have nine fractional digits like Ruby\'s iso8601(9)', () => {
  assert.equal(puppetTimestamp(Date.parse('2026-11-29T17:24:26.956Z')), '2026-11-29T17:24:26.956000000+00:00');
});
