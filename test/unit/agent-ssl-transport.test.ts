// NodeDispatcher over real TLS on loopback: one pool per SSL context, the
// unverified context never pooled, `Connection: close` honoured, idle
// connections closed after the keepalive timeout, read timeouts, server
// verification failures, and gzip undone by the client.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { gzipSync } from 'node:zlib';
import { generateKeyPairSync } from 'node:crypto';
import { NodeDispatcher } from '../../src/agent/http/node-dispatcher.js';
import { HttpClient } from '../../src/agent/http/client.js';
import { CaService } from '../../src/agent/http/ca-service.js';
import { CertVerifyError, TimeoutError } from '../../src/agent/http/errors.js';
import type { TlsSettings } from '../../src/agent/http/types.js';
import { buildCsr } from '../../src/agent/ssl/csr.js';
import { TestCa } from './agent-ssl-helpers.js';

let server: Server;
let port: number;
let caPem: string;
let otherCaPem: string;
let transportCa: TestCa;
let serverSerial: string;
const connections: TLSSocket[] = [];
const seenOn: number[] = [];

before(async () => {
  const ca = await TestCa.create('Puppet CA: transport');
  const other = await TestCa.create('Puppet CA: other');
  transportCa = ca;
  caPem = ca.pem;
  otherCaPem = other.pem;
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const cert = await ca.sign(buildCsr({ certname: 'localhost', privateKey: key }).pem, { dnsNames: ['localhost'] });
  serverSerial = cert.serial;
  server = createServer({ key: key.export({ type: 'pkcs8', format: 'pem' }), cert: cert.pem, requestCert: true, rejectUnauthorized: false }, (req, res) => {
    const id = connections.indexOf(req.socket as TLSSocket);
    seenOn.push(id);
    if (req.url === '/puppet-ca/v1/certificate/close') {
      res.writeHead(200, { 'Content-Type': 'text/plain', Connection: 'close' });
      res.end('closing');
    } else if (req.url === '/puppet-ca/v1/certificate/slow') {
      setTimeout(() => res.end('late'), 2000).unref();
    } else {
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Encoding': 'gzip' });
      res.end(gzipSync(`conn ${id}`));
    }
  });
  server.on('secureConnection', (s: TLSSocket) => connections.push(s));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as { port: number }).port;
});

after(() => {
  server.closeAllConnections();
  server.close();
});

function client(keepaliveMs = 4000, readMs = 10_000) {
  const dispatcher = new NodeDispatcher({ keepaliveTimeoutMs: keepaliveMs });
  return { dispatcher, http: new HttpClient({ dispatcher, connectTimeoutMs: 10_000, readTimeoutMs: readMs, maxRetrySleepSeconds: 1 }) };
}

test('one connection per SSL context; the insecure context is never pooled; Connection: close is honoured', async () => {
  const { http, dispatcher } = client();
  const site = { server: 'localhost', port };
  const verified: TlsSettings = { verifyPeer: true, ca: caPem };
  const insecure: TlsSettings = { verifyPeer: false, noPooling: true };
  const ca = new CaService(http, site, verified);
  try {
    const start = connections.length;
    const a = await ca.getCertificate('x');
    const b = await ca.getCertificate('y');
    assert.equal(a, `conn ${start}`, 'the body was gunzipped');
    assert.equal(b, a, 'the second request reused the pooled connection');
    const c = await ca.getCertificate('z', { ...verified });
    assert.equal(c, `conn ${start + 1}`, 'a new context object gets a new connection');
    const d = await ca.getCaCert(insecure);
    const e = await ca.getCaCert(insecure);
    assert.notEqual(d, e, 'unverified connections are not reused');
    await ca.getCertificate('close');
    const f = await ca.getCertificate('after-close');
    assert.notEqual(f, a, 'after Connection: close the next request opens a new connection');
  } finally {
    dispatcher.close();
  }
});

test('idle pooled connections are closed after the keepalive timeout', async () => {
  const { http, dispatcher } = client(200);
  const ca = new CaService(http, { server: 'localhost', port }, { verifyPeer: true, ca: caPem });
  try {
    const first = await ca.getCertificate('a');
    await new Promise((r) => setTimeout(r, 600));
    const second = await ca.getCertificate('b');
    assert.notEqual(second, first);
  } finally {
    dispatcher.close();
  }
});

test('a read timeout ends the request with Puppet\'s message', async () => {
  const { http, dispatcher } = client(4000, 300);
  const ca = new CaService(http, { server: 'localhost', port }, { verifyPeer: true, ca: caPem });
  try {
    await assert.rejects(ca.getCertificate('slow'), (e: Error) =>
      e instanceof TimeoutError && /^Request to https:\/\/localhost:\d+\/puppet-ca\/v1\/certificate\/slow timed out read operation after [\d.]+ seconds$/.test(e.message));
  } finally {
    dispatcher.close();
  }
});

test('a server cert from another CA, or for another name, fails verification', async () => {
  const { http, dispatcher } = client();
  try {
    const wrongCa = new CaService(http, { server: 'localhost', port }, { verifyPeer: true, ca: otherCaPem });
    await assert.rejects(wrongCa.getCaCert(), (e: Error) => e instanceof CertVerifyError && /^certificate verify failed \[/.test(e.message));
    const wrongName = new CaService(http, { server: '127.0.0.1', port }, { verifyPeer: true, ca: caPem });
    await assert.rejects(wrongName.getCaCert(), (e: Error) =>
      e instanceof CertVerifyError && e.message === "Server hostname '127.0.0.1' did not match server certificate; expected one of localhost");
  } finally {
    dispatcher.close();
  }
});

test('a refused connection is a ConnectionError worded like Net::HTTP\'s', async () => {
  const { ConnectionError } = await import('../../src/agent/http/errors.js');
  const { freePort } = { freePort: async () => {
    const { createServer: net } = await import('node:net');
    return new Promise<number>((resolve) => {
      const s = net().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
  } };
  const closed = await freePort();
  const { http, dispatcher } = client();
  try {
    await assert.rejects(new CaService(http, { server: 'localhost', port: closed }, { verifyPeer: false, noPooling: true }).getCaCert(), (e: Error) =>
      e instanceof ConnectionError && e.message.endsWith(`Failed to open TCP connection to localhost:${closed} (Connection refused - connect(2) for 127.0.0.1:${closed})`));
  } finally {
    dispatcher.close();
  }
});

test('certificate_revocation: a revoked server certificate is refused in chain and in leaf mode', async () => {
  const { createRootContext } = await import('../../src/agent/ssl/ssl-context.js');
  const { parseCertificates, parseCrls } = await import('../../src/agent/ssl/x509-objects.js');
  const cacerts = parseCertificates(caPem);
  const clean = parseCrls(await transportCa.crlPem());
  transportCa.revoked.push(serverSerial);
  const revoked = parseCrls(await transportCa.crlPem());
  transportCa.revoked.pop();
  const { http, dispatcher } = client();
  const site = { server: 'localhost', port };
  try {
    for (const revocation of ['chain', 'leaf'] as const) {
      const ok = createRootContext({ cacerts, crls: clean, revocation });
      assert.match(await new CaService(http, site, ok.tls).getCertificate('x'), /^conn \d+$/, `${revocation}: a clean CRL passes`);
      const bad = createRootContext({ cacerts, crls: revoked, revocation });
      await assert.rejects(new CaService(http, site, bad.tls).getCertificate('x'), (e: Error) =>
        e instanceof CertVerifyError && /^certificate verify failed \[certificate revoked/.test(e.message), `${revocation}: revoked`);
    }
    const leaf = createRootContext({ cacerts, crls: revoked, revocation: 'leaf' });
    await assert.rejects(new CaService(http, site, leaf.tls).getCertificate('x'), (e: Error) =>
      e.message === 'certificate verify failed [certificate revoked for CN=localhost]');
  } finally {
    dispatcher.close();
  }
});
