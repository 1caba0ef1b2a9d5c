// The /puppet-ca/v1 and /status/v1 families over real HTTPS with the real CA in
// a temp dir: statuses, content types and bodies as puppetserver answers
// (puppet-wire probes and http-api.md §4, §5A).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';
import { CertificateAuthority } from '../../src/ca/authority.js';
import { createPuppetServer, type PuppetServer } from '../../src/server/server.js';
import { caRoutes } from '../../src/server/routes/ca.js';
import { createRoutes as statusFamily } from '../../src/server/routes/status.js';
import { send, type KeyPairPem } from './server-fixtures.js';

let dir: string;
let ca: CertificateAuthority;
let server: PuppetServer;
let port: number;
let caPem: string;
let cli: KeyPairPem;

async function csrFor(name: string): Promise<string> {
  const alg = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
  const keys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as unknown as CryptoKeyPair;
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({ name: `CN=${name}`, keys, signingAlgorithm: alg });
  return csr.toString('pem');
}

before(async () => {
  x509.cryptoProvider.set(webcrypto as unknown as Crypto);
  dir = mkdtempSync(join(tmpdir(), 'bunraku-ca-routes-'));
  ca = await CertificateAuthority.open({ cadir: join(dir, 'ca'), keylength: 2048, autosign: false });
  await ca.ensureCa({ caName: 'Puppet CA: puppet' });
  const host = await ca.issueHostCert({ certname: 'puppet', dnsAltNames: ['puppet', 'localhost'], ppCliAuth: true });
  cli = { cert: host.certPem, key: host.privateKeyPem };
  caPem = await ca.caCertPem();
  server = createPuppetServer({
    tls: { cert: host.certPem, key: host.privateKeyPem, ca: caPem },
    crlPath: ca.paths.cacrl,
    families: [caRoutes(ca), statusFamily({ version: '0.1.0' })],
    authorize: () => ({ allowed: true, reason: 'test' }),
  });
  port = (await server.listen(0, '127.0.0.1')).port;
});

after(async () => {
  await server.close(1000);
  rmSync(dir, { recursive: true, force: true });
});

const get = (path: string, headers: Record<string, string> = {}) => send(port, path, { ca: caPem, headers, client: cli });

test('GET certificate/ca is the CA cert as text/plain; an unknown cert is a text 404', async () => {
  const res = await get('/puppet-ca/v1/certificate/ca', { Accept: 'text/plain' });
  assert.equal(res.status, 200);
  assert.equal(res.headers['content-type'], 'text/plain');
  assert.equal(res.text, caPem);
  const nf = await get('/puppet-ca/v1/certificate/nosuch.example.test');
  assert.equal(nf.status, 404);
  assert.equal(nf.headers['content-type'], 'text/plain');
  assert.equal(nf.text, 'Could not find certificate nosuch.example.test');
});

test('CSR PUT: 200 with an empty text/plain body, then 400 for a duplicate; GET and DELETE of the CSR', async () => {
  const pem = await csrFor('web1.example.test');
  const put = await send(port, '/puppet-ca/v1/certificate_request/web1.example.test', { ca: caPem, method: 'PUT', body: pem, headers: { 'Content-Type': 'text/plain', Accept: 'text/plain' } });
  assert.equal(put.status, 200);
  assert.equal(put.headers['content-type'], 'text/plain');
  assert.equal(put.headers['content-length'], '0');
  assert.equal(put.text, '');
  const again = await send(port, '/puppet-ca/v1/certificate_request/web1.example.test', { ca: caPem, method: 'PUT', body: pem, headers: { 'Content-Type': 'text/plain' } });
  assert.equal(again.status, 400);
  assert.equal(again.headers['content-type'], 'text/plain;charset=utf-8');
  assert.equal(again.text, 'web1.example.test already has a requested certificate; ignoring certificate request');
  const got = await get('/puppet-ca/v1/certificate_request/web1.example.test');
  assert.equal(got.status, 200);
  assert.equal(got.text.trim(), pem.trim());
  const del = await send(port, '/puppet-ca/v1/certificate_request/web1.example.test', { ca: caPem, method: 'DELETE' });
  assert.equal(del.status, 204);
  const gone = await get('/puppet-ca/v1/certificate_request/web1.example.test');
  assert.equal(gone.status, 404);
  assert.equal(gone.text, 'Could not find certificate_request web1.example.test');
});

test('certificate_status PUT: malformed bodies 400, bad Content-Type 415, unknown subject 404, sign 204, conflict 409', async () => {
  const put = (name: string, body: string, ctype = 'application/json') =>
    send(port, `/puppet-ca/v1/certificate_status/${name}`, { ca: caPem, client: cli, method: 'PUT', body, headers: { 'Content-Type': ctype, Accept: 'application/json' } });
  assert.equal((await put('web2.example.test', '')).text, 'Empty request body.');
  assert.equal((await put('web2.example.test', 'nope')).text, 'Request body is not JSON.');
  assert.equal((await put('web2.example.test', '{}')).text, 'Missing required parameter "desired_state"');
  const bad = await put('web2.example.test', '{"desired_state":"lost"}');
  assert.equal(bad.status, 400);
  assert.equal(bad.text, "State lost invalid; Must specify desired state of 'signed' or 'revoked' for host web2.example.test.");
  assert.equal((await put('web2.example.test', '{"desired_state":"signed"}', 'text/plain')).status, 415);
  const missing = await put('web2.example.test', '{"desired_state":"signed"}');
  assert.equal(missing.status, 404);
  assert.equal(missing.text, 'Invalid certificate subject.');
  await ca.submitCsr('web2.example.test', await csrFor('web2.example.test'));
  const signed = await put('web2.example.test', '{"desired_state":"signed"}');
  assert.equal(signed.status, 204);
  const twice = await put('web2.example.test', '{"desired_state":"signed"}');
  assert.equal(twice.status, 409);
  assert.equal(twice.text, 'Cannot sign certificate for host web2.example.test without a certificate request');
  const cert = await get('/puppet-ca/v1/certificate/web2.example.test');
  assert.equal(cert.status, 200);
  assert.match(cert.text, /BEGIN CERTIFICATE/);
});

test('certificate_status GET is JSON with Vary: Accept; pson relabels; an unacceptable Accept is 406', async () => {
  const res = await get('/puppet-ca/v1/certificate_status/puppet', { Accept: 'application/json' });
  assert.equal(res.status, 200);
  assert.equal(res.headers['content-type'], 'application/json;charset=utf-8');
  assert.equal(res.headers['vary'], 'Accept');
  const status = JSON.parse(res.text);
  assert.equal(status.name, 'puppet');
  assert.equal(status.state, 'signed');
  assert.deepEqual(status.authorization_extensions, { pp_cli_auth: 'true' });
  assert.equal((await get('/puppet-ca/v1/certificate_status/puppet', { Accept: 'text/pson' })).headers['content-type'], 'text/pson;charset=utf-8');
  const zipped = await get('/puppet-ca/v1/certificate_status/puppet', { Accept: 'application/json', 'Accept-Encoding': 'gzip' });
  assert.equal(zipped.headers['vary'], 'Accept, Accept-Encoding, User-Agent');
  assert.equal(JSON.parse(zipped.text).name, 'puppet');
  assert.equal((await get('/puppet-ca/v1/certificate_status/puppet', { Accept: 'text/plain' })).status, 406);
  const nf = await get('/puppet-ca/v1/certificate_status/nobody.example.test', { Accept: 'application/json' });
  assert.equal(nf.status, 404);
});

test('certificate_statuses lists, filters by state, and needs a key segment', async () => {
  const all = JSON.parse((await get('/puppet-ca/v1/certificate_statuses/any_key', { Accept: 'application/json' })).text) as { name: string; state: string }[];
  assert.ok(all.some((s) => s.name === 'puppet'));
  assert.ok(all.some((s) => s.name === 'web2.example.test'));
  const requested = JSON.parse((await get('/puppet-ca/v1/certificate_statuses/x?state=requested', { Accept: 'application/json' })).text) as unknown[];
  assert.deepEqual(requested, []);
  const noKey = await get('/puppet-ca/v1/certificate_statuses/');
  assert.equal(noKey.status, 400);
  assert.equal(noKey.text, 'Missing URL Segment');
});

test('CRL GET honours If-Modified-Since with 304; revocation changes it', async () => {
  const crl = await get('/puppet-ca/v1/certificate_revocation_list/ca', { Accept: 'text/plain' });
  assert.equal(crl.status, 200);
  assert.equal(crl.headers['content-type'], 'text/plain');
  assert.match(crl.text, /BEGIN X509 CRL/);
  const mtime = statSync(ca.paths.cacrl).mtime;
  const later = new Date(mtime.getTime() + 2000).toUTCString();
  const notModified = await get('/puppet-ca/v1/certificate_revocation_list/ca', { 'If-Modified-Since': later });
  assert.equal(notModified.status, 304);
  assert.equal(notModified.text, '');
  const earlier = new Date(mtime.getTime() - 5000).toUTCString();
  assert.equal((await get('/puppet-ca/v1/certificate_revocation_list/ca', { 'If-Modified-Since': earlier })).status, 200);
  assert.equal((await get('/puppet-ca/v1/certificate_revocation_list/ca', { 'If-Modified-Since': 'garbage' })).status, 200);
});

test('expirations is application/json keyed by CN; clean reports missing names', async () => {
  const exp = await get('/puppet-ca/v1/expirations', { Accept: 'application/json' });
  assert.equal(exp.status, 200);
  assert.equal(exp.headers['content-type'], 'application/json');
  const body = JSON.parse(exp.text);
  assert.match(body['ca-certs']['Puppet CA: puppet'], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dUTC$/);
  const clean = await send(port, '/puppet-ca/v1/clean', { ca: caPem, client: cli, method: 'PUT', body: '{"certnames":["web2.example.test","ghost"]}', headers: { 'Content-Type': 'application/json' } });
  assert.equal(clean.status, 200);
  assert.equal(clean.text, 'The following certs do not exist and cannot be revoked: ["ghost"]');
  const notJson = await send(port, '/puppet-ca/v1/clean', { ca: caPem, client: cli, method: 'PUT', body: 'x' });
  assert.equal(notJson.status, 400);
  assert.equal(notJson.text, 'Request body is not JSON.');
});

test('unknown CA paths and methods are a text 404 "Not Found"', async () => {
  const res = await get('/puppet-ca/v1/nosuch');
  assert.equal(res.status, 404);
  assert.equal(res.text, 'Not Found');
  const post = await send(port, '/puppet-ca/v1/certificate/ca', { ca: caPem, method: 'POST', body: 'x' });
  assert.equal(post.status, 404);
  assert.equal(post.text, 'Not Found');
});

test('status: simple is text "running", services JSON per service, unknowns 404', async () => {
  const simple = await get('/status/v1/simple');
  assert.equal(simple.status, 200);
  assert.equal(simple.headers['content-type'], 'text/plain;charset=utf-8');
  assert.equal(simple.text, 'running');
  assert.equal((await get('/status/v1/simple/server')).text, 'running');
  const nf = await get('/status/v1/simple/nope');
  assert.equal(nf.status, 404);
  assert.equal(nf.text, 'not found: nope');
  const services = JSON.parse((await get('/status/v1/services')).text);
  assert.deepEqual(Object.keys(services).sort(), ['ca', 'master', 'server', 'status-service']);
  assert.deepEqual(services.ca, { service_version: '0.1.0', service_status_version: 1, detail_level: 'info', state: 'running', status: {}, active_alerts: [] });
  const one = JSON.parse((await get('/status/v1/services/master?level=debug')).text);
  assert.equal(one.service_name, 'master');
  assert.equal(one.detail_level, 'debug');
  const unknown = await get('/status/v1/services/nope');
  assert.equal(unknown.status, 404);
  assert.deepEqual(JSON.parse(unknown.text), { kind: 'service-not-found', msg: 'No status information found for service nope' });
  const badLevel = await get('/status/v1/services?level=bar');
  assert.equal(badLevel.status, 400);
  assert.deepEqual(JSON.parse(badLevel.text), { kind: 'request-data-invalid', msg: 'Invalid level: :bar' });
});
