// Report parsing and the store/log/http processors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, rmSync, statSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseReport, reportFormatFor } from '../../src/report/parse.js';
import { processReport, storeReport, pruneReports, reportProcessorNames, type LogLevel, type ReportEnv } from '../../src/report/processors.js';
import { reportToYaml } from '../../src/report/report-yaml.js';
import { PuppetHttpError } from '../../src/fileserver/errors.js';

const fixtures = new URL('../fixtures/reports/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, fixtures), 'utf8');

function tempDir(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'bunraku-report-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function envFor(reportdir: string, overrides: Partial<ReportEnv['settings']> = {}) {
  const lines: [LogLevel, string, string | undefined][] = [];
  const env: ReportEnv = {
    settings: { reports: 'store', reportdir, reporturl: 'http://localhost:3000/reports/upload', ...overrides },
    log: (level, message, source) => lines.push([level, message, source]),
    now: () => new Date(Date.UTC(2026, 10, 29, 7, 5, 59)),
  };
  return { env, lines };
}

test('real agent reports parse and satisfy the schema (integer lines excused)', () => {
  for (const name of ['report.json', 'report-first-run-debug.json']) {
    const r = parseReport(read(name), 'json');
    assert.equal(r.host, 'agent1.example.test');
    assert.deepEqual(r.problems, [], name);
  }
});

test('schema problems are reported with their path', () => {
  const data = JSON.parse(read('report.json'));
  data.status = 'exploded';
  delete data.noop;
  const r = parseReport(JSON.stringify(data), 'json');
  assert.ok(r.problems.some((p) => p.path === '$.status'));
  assert.ok(r.problems.some((p) => p.message === 'missing required property "noop"'));
});

test('bodies Puppet cannot read are 400s', () => {
  for (const [body, text] of [
    ['{', 'The request body is invalid: Cannot parse JSON'],
    ['[]', 'The request body is invalid: a report must be a JSON object'],
    ['{"host":"a","logs":[],"resource_statuses":{}}', 'The request body is invalid: "metrics" must be an object'],
  ] as const) {
    assert.throws(() => parseReport(body, 'json'), (err: unknown) => err instanceof PuppetHttpError && err.status === 400 && err.detail.startsWith(text));
  }
  assert.equal(reportFormatFor('application/json; charset=utf-8'), 'json');
  assert.equal(reportFormatFor('text/pson'), 'json');
  assert.equal(reportFormatFor('application/x-yaml'), 'yaml');
  assert.throws(() => reportFormatFor('text/html'), (err: unknown) => err instanceof PuppetHttpError && err.status === 415);
});

test('a YAML report (as Puppet stores it) reads back to the same report', () => {
  for (const name of ['report.yaml', 'report-first-run-debug.yaml']) {
    const yaml = read(name);
    const r = parseReport(yaml, 'yaml');
    assert.equal(reportToYaml(r.data), yaml, name);
  }
});

test('plain YAML scalars resolve as Psych resolves them', () => {
  const r = parseReport('host: h\nlogs: []\nmetrics: {}\nresource_statuses: {}\na: Y\nb: 1e5\nc: 2023-02-30\nd: yes\ne: 1.5\nf: 017\ng: 0x1F\nh: ~\ni: 1:30\nj: "yes"\n', 'yaml');
  const p = r.plain;
  assert.deepEqual([p.a, p.b, p.c, p.d, p.e, p.f, p.g, p.h, p.i, p.j], ['Y', '1e5', '2023-02-30', true, 1.5, 15, 31, null, 5400, 'yes']);
});

test('store writes <reportdir>/<host>/<YYYYMMDDHHMM>.yaml (UTC), 0640 in a 0750 dir, as Puppet does', async (t) => {
  const dir = tempDir(t);
  const { env } = envFor(dir);
  const file = await storeReport(parseReport(read('report.json'), 'json'), env);
  assert.equal(file, join(dir, 'agent1.example.test', '202611290705.yaml'));
  assert.equal(readFileSync(file, 'utf8'), read('report.yaml'));
  assert.equal(statSync(file).mode & 0o777, 0o640);
  assert.equal(statSync(join(dir, 'agent1.example.test')).mode & 0o777, 0o750);
});

test('store refuses host names that could escape the reportdir', async (t) => {
  const dir = tempDir(t);
  for (const host of ['..', '.', 'a/b', 'a\\b']) {
    const data = JSON.parse(read('report.json'));
    data.host = host;
    const { env, lines } = envFor(dir);
    const names = await processReport(parseReport(JSON.stringify(data), 'json'), env);
    assert.deepEqual(names, ['store']);
    assert.ok(lines.some(([level, msg]) => level === 'err' && msg === `Report store failed: Invalid node name ${JSON.stringify(host)}`), host);
  }
  assert.deepEqual(readdirSync(dir), []);
});

test('retention keeps the newest N reports of a node', async (t) => {
  const dir = tempDir(t);
  const node = join(dir, 'n1');
  mkdirSync(node);
  for (const name of ['202601010000.yaml', '202601010001.yaml', '202601010002.yaml', 'notes.txt']) writeFileSync(join(node, name), '');
  assert.deepEqual(await pruneReports(node, 2), ['202601010000.yaml']);
  assert.deepEqual(readdirSync(node).sort(), ['202601010001.yaml', '202601010002.yaml', 'notes.txt']);
  const { env } = envFor(dir, { retainPerNode: 1 });
  await storeReport(parseReport(read('report.json'), 'json'), env);
  await storeReport(parseReport(read('report.json'), 'json'), { ...env, now: () => new Date(Date.UTC(2026, 10, 29, 8, 0)) });
  assert.deepEqual(readdirSync(join(dir, 'agent1.example.test')), ['202611290800.yaml']);
});

test('the processor list follows the reports setting; none disables; unknown names warn', async (t) => {
  assert.deepEqual(reportProcessorNames('none'), []);
  assert.deepEqual(reportProcessorNames(' store , log,http '), ['store', 'log', 'http']);
  const dir = tempDir(t);
  const { env, lines } = envFor(dir, { reports: 'log, bogus' });
  const names = await processReport(parseReport(read('report.json'), 'json'), env);
  assert.deepEqual(names, ['log', 'bogus']);
  assert.ok(lines.some(([level, msg]) => level === 'warning' && msg === "No report named 'bogus'"));
  const logged = lines.filter(([, , source]) => source?.startsWith('//agent1.example.test/'));
  assert.equal(logged.length, (JSON.parse(read('report.json')).logs as unknown[]).length);
  assert.deepEqual(logged[0], ['info', "Using environment 'production'", '//agent1.example.test/Puppet']);
  const { env: noneEnv } = envFor(dir, { reports: 'none' });
  assert.deepEqual(await processReport(parseReport(read('report.json'), 'json'), noneEnv), []);
});

test('http POSTs the YAML with basic auth; a non-2xx reply is only logged', async (t) => {
  const seen: { method?: string; url?: string; headers: IncomingMessage['headers']; body: string }[] = [];
  let status = 200;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  const port = (server.address() as AddressInfo).port;
  const dir = tempDir(t);
  const { env, lines } = envFor(dir, { reports: 'http', reporturl: `http://us%40er:p%3Ass@127.0.0.1:${port}/reports/upload` });
  const report = parseReport(read('report.json'), 'json');
  assert.deepEqual(await processReport(report, env), ['http']);
  assert.equal(seen.length, 1);
  assert.equal(seen[0]!.method, 'POST');
  assert.equal(seen[0]!.url, '/reports/upload');
  assert.equal(seen[0]!.headers['content-type'], 'application/x-yaml');
  assert.equal(seen[0]!.headers.authorization, `Basic ${Buffer.from('us@er:p:ss').toString('base64')}`);
  assert.equal(seen[0]!.body, read('report.yaml'));
  assert.deepEqual(lines.filter(([l]) => l === 'err'), []);
  status = 503;
  await processReport(report, env);
  const errors = lines.filter(([l]) => l === 'err').map(([, m]) => m);
  assert.deepEqual(errors, [`Unable to submit report to http://127.0.0.1:${port}/reports/upload [503] Service Unavailable`]);
});

test('a failing processor does not stop the others', async (t) => {
  const dir = tempDir(t);
  const { env, lines } = envFor(dir, { reports: 'http, store', reporturl: 'http://127.0.0.1:1/unreachable' });
  const names = await processReport(parseReport(read('report.json'), 'json'), env);
  assert.deepEqual(names, ['http', 'store']);
  assert.ok(lines.some(([level, msg]) => level === 'err' && msg.startsWith('Report http failed:')));
  assert.deepEqual(readdirSync(join(dir, 'agent1.example.test')), ['202611290705.yaml']);
});

test('http to an https reporturl verifies the server against the configured CA', async (t) => {
  const { makePki } = await import('./server-fixtures.js');
  const { createServer: createHttpsServer } = await import('node:https');
  const pki = await makePki();
  let hits = 0;
  const server = createHttpsServer({ cert: pki.server.cert, key: pki.server.key }, (req, res) => {
    req.resume();
    req.on('end', () => {
      hits++;
      res.statusCode = 201;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  const port = (server.address() as AddressInfo).port;
  const dir = tempDir(t);
  const report = parseReport(read('report.json'), 'json');
  const trusted = envFor(dir, { reports: 'http', reporturl: `https://localhost:${port}/upload`, httpsCa: pki.ca.pem });
  await processReport(report, trusted.env);
  assert.equal(hits, 1);
  assert.deepEqual(trusted.lines.filter(([l]) => l === 'err'), []);
  const untrusted = envFor(dir, { reports: 'http', reporturl: `https://localhost:${port}/upload`, httpsCa: pki.foreignCa.pem });
  await processReport(report, untrusted.env);
  assert.equal(hits, 1);
  assert.ok(untrusted.lines.some(([l, m]) => l === 'err' && m.startsWith('Report http failed:')));
});
