// The agent's HTTP client and typed services against MockDispatcher: Puppet's
// headers, query and form encoding (byte-compared with the real agent's
// catalog POST), redirects, Retry-After, gzip, and error mapping.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { HttpClient } from '../../src/agent/http/client.js';
import { MockDispatcher, type MockHandler, type MockReply } from '../../src/agent/http/mock-dispatcher.js';
import { CaService } from '../../src/agent/http/ca-service.js';
import { CompilerService, catalogFormBody } from '../../src/agent/http/compiler-service.js';
import { FileServerService } from '../../src/agent/http/file-server-service.js';
import { ReportService } from '../../src/agent/http/report-service.js';
import { FileBucketService } from '../../src/agent/http/file-bucket-service.js';
import { HttpResponseError, TooManyRedirects, TooManyRetryAfters, ProtocolError } from '../../src/agent/http/errors.js';
import { queryEncode, pathEncode, encodeParams } from '../../src/agent/http/encoding.js';
import type { TlsSettings } from '../../src/agent/http/types.js';

const tls: TlsSettings = { verifyPeer: true, ca: 'x' };
const site = { server: 'puppet.example.test', port: 8140 };

function setup(handler: MockHandler, sleeps: number[] = []) {
  const dispatcher = new MockDispatcher(handler);
  const client = new HttpClient({
    dispatcher, connectTimeoutMs: 1000, readTimeoutMs: 1000, maxRetrySleepSeconds: 1800,
    sleep: async (ms) => { sleeps.push(ms); }, now: () => Date.parse('2026-11-29T12:00:00Z'),
  });
  return { dispatcher, client };
}

test('query and path encoding follow Puppet::Util (CGI.escape with %20; RFC 2396 paths)', () => {
  // Expected values printed by Puppet::Util.uri_query_encode / uri_encode in Ruby.
  assert.equal(queryEncode('a~b *+/:é{}'), 'a~b%20%2A%2B%2F%3A%C3%A9%7B%7D');
  assert.equal(pathEncode('/file_content/modules/x/a b+c~d:e@f,g;h=i!j$k&l(m)n*o%p"q<r>s[t]u{v}w|x\\y^z`é'),
    '/file_content/modules/x/a%20b+c~d:e@f,g;h=i!j$k&l(m)n*o%25p%22q%3Cr%3Es[t]u%7Bv%7Dw%7Cx%5Cy%5Ez%60%C3%A9');
  assert.equal(encodeParams({ recurse: true, max_files: -1, ignore: ['.svn', 'CVS'], recurselimit: undefined, x: null }),
    'recurse=true&max_files=-1&ignore=.svn&ignore=CVS');
});

test('the catalog POST body equals the real agent\'s byte for byte', () => {
  const form = readFileSync(new URL('../fixtures/agent-ssl/catalog-request.form', import.meta.url), 'utf8');
  const fields = new Map(form.split('&').map((kv) => {
    const i = kv.indexOf('=');
    return [kv.slice(0, i), decodeURIComponent(kv.slice(i + 1))] as const;
  }));
  const factsJson = decodeURIComponent(fields.get('facts')!);
  const request = {
    environment: 'production', configuredEnvironment: 'production', checkEnvironment: true,
    transactionUuid: fields.get('transaction_uuid')!, jobUuid: '', staticCatalog: true,
  };
  assert.equal(catalogFormBody({ ...request, facts: factsJson }), form);
  // The facts object serialised by us gives the same bytes as Ruby's JSON.
  assert.equal(catalogFormBody({ ...request, facts: JSON.parse(factsJson) }), form);
});

test('the catalog POST: URL, query, headers and rich JSON reply', async () => {
  const { dispatcher, client } = setup(() => ({
    status: 200, headers: { 'Content-Type': 'application/vnd.puppet.rich+json; charset=utf-8' }, body: '{"name":"a","resources":[]}', gzip: true,
  }));
  const svc = new CompilerService(client, site, tls);
  const { catalog, contentType } = await svc.postCatalog('agent1.example.test', {
    facts: { name: 'agent1.example.test', values: { a: 1 } }, environment: 'production', transactionUuid: 'u', checkEnvironment: true,
  });
  assert.deepEqual(catalog, { name: 'a', resources: [] });
  assert.equal(contentType, 'application/vnd.puppet.rich+json; charset=utf-8');
  const req = dispatcher.requests[0];
  assert.equal(req.url.href, 'https://puppet.example.test:8140/puppet/v3/catalog/agent1.example.test?environment=production');
  assert.equal(req.headers.Accept, 'application/vnd.puppet.rich+json, application/json, text/pson');
  assert.equal(req.headers['Content-Type'], 'application/x-www-form-urlencoded');
  assert.equal(req.headers['Accept-Encoding'], 'gzip;q=1.0,deflate;q=0.6,identity;q=0.3');
  assert.equal(req.headers['X-Puppet-Version'], '7.23.0');
  assert.match(Buffer.from(req.body!).toString(), /^facts_format=application%2Fjson&facts=%257B%2522name%2522/);
});

test('node, file metadata, content, report and bucket requests carry the captured URLs and Accept headers', async () => {
  const seen: string[] = [];
  const { client } = setup((req) => {
    seen.push(`${req.method} ${req.url.pathname}${req.url.search} | ${req.headers.Accept}${req.headers['Content-Type'] ? ` | ${req.headers['Content-Type']}` : ''}`);
    if (req.url.pathname.includes('file_content')) return { status: 200, headers: { 'Content-Type': 'application/octet-stream' }, body: 'hello', gzip: true };
    if (req.method === 'HEAD') return { status: 404 };
    if (req.url.pathname.includes('file_metadatas')) return { status: 200, headers: { 'Content-Type': 'application/json;charset=utf-8' }, body: '[{"relative_path":"."}]' };
    return { status: 200, headers: { 'Content-Type': 'application/json;charset=utf-8' }, body: '{"name":"agent1.example.test","environment":"production"}' };
  });
  const compiler = new CompilerService(client, site, tls);
  const files = new FileServerService(client, site, tls);
  const node = await compiler.getNode('agent1.example.test', { environment: 'production', transactionUuid: 'fddb6502-8f5c-4831-8306-d457434a7ae6' });
  assert.equal(node.environment, 'production');
  await files.getFileMetadatas('/pluginfacts', {
    environment: 'production', recurse: true, maxFiles: -1, ignore: ['.svn', 'CVS', '.git', '.hg'], links: 'follow', sourcePermissions: 'use',
  });
  await files.getFileMetadata('/modules/demo/motd', { environment: 'production' });
  const content = await files.getFileContent('/plugins/facter/demo_fact.rb', { environment: 'production' });
  let text = '';
  for await (const chunk of content) text += chunk;
  assert.equal(text, 'hello');
  await new ReportService(client, site, tls).putReport('agent1.example.test', { host: 'agent1.example.test' }, { environment: 'production' });
  const bucket = new FileBucketService(client, site, tls);
  assert.equal(await bucket.head('sha256/abc123//etc/hosts', { environment: 'production' }), false);
  assert.deepEqual(seen, [
    'GET /puppet/v3/node/agent1.example.test?environment=production&configured_environment=production&transaction_uuid=fddb6502-8f5c-4831-8306-d457434a7ae6 | application/json, text/pson',
    'GET /puppet/v3/file_metadatas/pluginfacts?recurse=true&max_files=-1&ignore=.svn&ignore=CVS&ignore=.git&ignore=.hg&links=follow&checksum_type=sha256&source_permissions=use&environment=production | application/json, text/pson',
    'GET /puppet/v3/file_metadata/modules/demo/motd?links=manage&checksum_type=sha256&source_permissions=ignore&environment=production | application/json, text/pson',
    'GET /puppet/v3/file_content/plugins/facter/demo_fact.rb?environment=production | application/octet-stream',
    'PUT /puppet/v3/report/agent1.example.test?environment=production | application/json, text/pson | application/json',
    'HEAD /puppet/v3/file_bucket_file/sha256/abc123//etc/hosts?environment=production | application/octet-stream',
  ]);
});

test('errors read like Puppet\'s: JSON message, plain text body, or the reason phrase', async () => {
  const replies: MockReply[] = [
    { status: 404, headers: { 'Content-Type': 'application/json;charset=utf-8' }, body: '{"message":"Not Found: Could not find environment \'nosuch\'","issue_kind":"RUNTIME_ERROR"}' },
    { status: 403, body: 'Forbidden request: /puppet/v3/node/x (method :get). Please see the server logs for details.' },
    { status: 500, body: '' },
  ];
  const { client } = setup(() => replies.shift()!);
  const svc = new CompilerService(client, site, tls);
  const messages: string[] = [];
  for (let i = 0; i < 3; i++) {
    await svc.getNode('x', { environment: 'nosuch' }).catch((e: HttpResponseError) => messages.push(`${e.status}|${e.message}`));
  }
  assert.deepEqual(messages, [
    "404|Error 404 on SERVER: Not Found: Could not find environment 'nosuch'",
    '403|Error 403 on SERVER: Forbidden request: /puppet/v3/node/x (method :get). Please see the server logs for details.',
    '500|Error 500 on SERVER: Internal Server Error',
  ]);
});

test('redirects keep method and body, up to 10 hops', async () => {
  let n = 0;
  const { dispatcher, client } = setup((req): MockReply => {
    if (req.url.hostname === 'puppet.example.test') return { status: 307, headers: { Location: 'https://other.example.test:8141/puppet/v3/facts/a?environment=production' } };
    n++;
    return { status: 200, headers: { 'Content-Type': 'application/json' }, body: 'null' };
  });
  await new CompilerService(client, site, tls).putFacts('a', { environment: 'production', facts: { name: 'a', values: {} } });
  assert.equal(n, 1);
  assert.equal(dispatcher.requests[1].method, 'PUT');
  assert.equal(dispatcher.requests[1].url.host, 'other.example.test:8141');
  assert.deepEqual(dispatcher.requests[1].body, dispatcher.requests[0].body);

  const loop = setup((req) => ({ status: 302, headers: { Location: req.url.pathname } }));
  await assert.rejects(new CaService(loop.client, site, tls).getCaCert(), TooManyRedirects);
  assert.equal(loop.dispatcher.requests.length, 11);
  const noLocation = setup(() => ({ status: 301 }));
  await assert.rejects(new CaService(noLocation.client, site, tls).getCaCert(), (e: Error) => e instanceof ProtocolError && e.message === 'Location response header is missing');
});

test('429/503 with Retry-After sleep (seconds or HTTP date, capped) and retry; without it they fail', async () => {
  const sleeps: number[] = [];
  const replies: MockReply[] = [
    { status: 503, headers: { 'Retry-After': '7' } },
    { status: 429, headers: { 'Retry-After': 'Sun, 29 Nov 2026 12:00:30 GMT' } },
    { status: 503, headers: { 'Retry-After': '99999' } },
    { status: 200, headers: { 'Content-Type': 'text/plain' }, body: 'PEM' },
  ];
  const { client } = setup(() => replies.shift()!, sleeps);
  assert.equal(await new CaService(client, site, tls).getCaCert(), 'PEM');
  assert.deepEqual(sleeps, [7000, 30000, 1800000]);

  const plain = setup(() => ({ status: 503, body: 'busy' }));
  await assert.rejects(new CaService(plain.client, site, tls).getCaCert(), (e: Error) => e.message === 'Error 503 on SERVER: busy');
  const forever = setup(() => ({ status: 503, headers: { 'Retry-After': '0' } }));
  await assert.rejects(new CaService(forever.client, site, tls).getCaCert(), TooManyRetryAfters);
  assert.equal(forever.dispatcher.requests.length, 101);
});

test('the CRL GET sends If-Modified-Since and maps 304 to "unchanged"', async () => {
  const { dispatcher, client } = setup((req) => (req.headers['If-Modified-Since'] ? { status: 304 } : { status: 200, headers: { 'Content-Type': 'text/plain' }, body: 'CRL' }));
  const ca = new CaService(client, site, tls);
  assert.equal(await ca.getCrl(), 'CRL');
  assert.equal(await ca.getCrl({ ifModifiedSince: new Date('2026-11-29T17:23:47Z') }), undefined);
  assert.equal(dispatcher.requests[1].headers['If-Modified-Since'], 'Sun, 29 Nov 2026 17:23:47 GMT');
});

test('YAML and missing Content-Type are refused, as Puppet refuses them', async () => {
  const replies: MockReply[] = [
    { status: 200, headers: { 'Content-Type': 'text/yaml' }, body: '--- {}' },
    { status: 200, body: '{}' },
  ];
  const { client } = setup(() => replies.shift()!);
  const svc = new CompilerService(client, site, tls);
  await assert.rejects(svc.getNode('a', { environment: 'production' }), /Content-Type is unsupported/);
  await assert.rejects(svc.getNode('a', { environment: 'production' }), /No content type in http response; cannot parse/);
});
