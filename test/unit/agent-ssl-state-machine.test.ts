// The SSL bootstrap state machine against a mock CA service: the request
// sequence of a real 7.23 agent (puppet-wire trace-first-run.txt), Puppet's
// messages at each exit, and what is (and is not) written to disk.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, existsSync, readFileSync, writeFileSync, mkdirSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { HttpClient } from '../../src/agent/http/client.js';
import { MockDispatcher } from '../../src/agent/http/mock-dispatcher.js';
import { RecordingLog } from '../../src/agent/http/log.js';
import { PidLock } from '../../src/agent/ssl/lock.js';
import { SslStateMachine, SslExit, SslBootstrapError } from '../../src/agent/ssl/state-machine.js';
import type { AgentSslSettings } from '../../src/agent/ssl/settings.js';
import { buildCsr } from '../../src/agent/ssl/csr.js';
import { hexDigest } from '../../src/agent/ssl/x509-objects.js';
import { MockCaServer, TestCa } from './agent-ssl-helpers.js';

const CERTNAME = 'agent1.example.test';
let agentKey: KeyObject;
let otherKey: KeyObject;

before(() => {
  agentKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
});

function settingsFor(dir: string, overrides: Partial<AgentSslSettings> = {}): AgentSslSettings {
  const ssldir = join(dir, 'ssl');
  return {
    certname: CERTNAME, ca_server: 'puppet.example.test', ca_port: 8140,
    ssldir, certdir: join(ssldir, 'certs'), privatekeydir: join(ssldir, 'private_keys'), requestdir: join(ssldir, 'certificate_requests'),
    localcacert: join(ssldir, 'certs', 'ca.pem'), hostcrl: join(ssldir, 'crl.pem'), ssl_lockfile: join(ssldir, 'ssl.lock'),
    certificate_revocation: 'chain', keylength: 2048, csr_attributes: join(dir, 'csr_attributes.yaml'),
    waitforcert: 0, maxwaitforcert: null, onetime: true, dns_alt_names: '',
    ...overrides,
  };
}

interface Harness {
  dir: string;
  server: MockCaServer;
  dispatcher: MockDispatcher;
  log: RecordingLog;
  stdout: string[];
  sleeps: number[];
  machine: (overrides?: Partial<AgentSslSettings>, clock?: { now: number }) => SslStateMachine;
  cleanup: () => void;
}

async function harness(ca?: TestCa): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'bunraku-agent-ssl-'));
  const server = new MockCaServer(ca ?? (await TestCa.create()));
  const dispatcher = new MockDispatcher(server.handler);
  const log = new RecordingLog();
  const stdout: string[] = [];
  const sleeps: number[] = [];
  const client = new HttpClient({ dispatcher, connectTimeoutMs: 1000, readTimeoutMs: 1000, maxRetrySleepSeconds: 1, log });
  return {
    dir, server, dispatcher, log, stdout, sleeps,
    machine: (overrides = {}, clock) => {
      const settings = settingsFor(dir, overrides);
      return new SslStateMachine({
        settings, client, log, lock: new PidLock(settings.ssl_lockfile), stdout: (l) => stdout.push(l),
        generateKey: async () => agentKey,
        now: clock ? () => clock.now : undefined,
        sleep: async (ms) => {
          sleeps.push(ms);
          if (clock) clock.now += ms;
        },
      });
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

test('a fresh agent with autosign: CA, CRL, CSR, cert in Puppet\'s order and contexts, files with Puppet\'s modes', async () => {
  const h = await harness();
  try {
    h.server.autosign = true;
    const m = h.machine();
    const ssl = await m.ensureClientCertificate();
    assert.deepEqual(h.dispatcher.lines(), [
      'GET /puppet-ca/v1/certificate/ca',
      'GET /puppet-ca/v1/certificate_revocation_list/ca',
      `PUT /puppet-ca/v1/certificate_request/${CERTNAME}`,
      `GET /puppet-ca/v1/certificate/${CERTNAME}`,
    ]);
    assert.deepEqual(m.trace, ['NeedCACerts', 'NeedCRLs', 'NeedKey', 'NeedSubmitCSR', 'NeedCert', 'Done']);
    const [caReq, crlReq, csrReq, certReq] = h.dispatcher.requests;
    // insecure, never pooled; then server-verified without a client cert
    assert.equal(caReq.tls.verifyPeer, false);
    assert.equal(caReq.tls.noPooling, true);
    assert.equal(crlReq.tls.verifyPeer, true);
    assert.equal(crlReq.tls.cert, undefined);
    assert.equal(crlReq.tls.crl, undefined, 'the CRL download itself runs without revocation checking');
    assert.ok(csrReq.tls.crl, 'CSR and cert requests check the server against the CRL');
    assert.equal(csrReq.tls, certReq.tls, 'one context object, so one pool');
    assert.notEqual(crlReq.tls, csrReq.tls);
    for (const r of h.dispatcher.requests) {
      assert.equal(r.headers.Accept, 'text/plain');
      assert.equal(r.headers['X-Puppet-Version'], '7.23.0');
    }
    assert.equal(csrReq.headers['Content-Type'], 'text/plain');
    assert.ok(ssl.tls.cert && ssl.tls.key && ssl.tls.ca && ssl.tls.crl);
    assert.equal(ssl.clientCert?.subject, `CN=${CERTNAME}`);

    const s = settingsFor(h.dir);
    assert.equal(mode(s.ssldir), '771');
    assert.equal(mode(s.certdir), '755');
    assert.equal(mode(s.privatekeydir), '750');
    assert.equal(mode(join(s.privatekeydir, `${CERTNAME}.pem`)), '640');
    assert.equal(mode(join(s.certdir, `${CERTNAME}.pem`)), '644');
    assert.equal(mode(s.localcacert), '644');
    assert.equal(mode(s.hostcrl), '644');
    assert.match(readFileSync(join(s.privatekeydir, `${CERTNAME}.pem`), 'utf8'), /^-----BEGIN RSA PRIVATE KEY-----/);
    assert.equal(existsSync(join(s.requestdir, `${CERTNAME}.pem`)), false, 'the CSR is deleted once the cert is in');
    assert.equal(existsSync(s.ssl_lockfile), false, 'the lock is released');

    // A second run loads everything locally and makes no request.
    const before = h.dispatcher.requests.length;
    await h.machine().ensureClientCertificate();
    assert.equal(h.dispatcher.requests.length, before);
  } finally {
    h.cleanup();
  }
});

test('autosign off with waitforcert 0: CSR submitted and kept, Puppet\'s two messages, exit 1', async () => {
  const h = await harness();
  try {
    const err = await h.machine().ensureClientCertificate().then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof SslExit);
    assert.equal(err.code, 1);
    assert.deepEqual(h.stdout, [
      `Couldn't fetch certificate from CA server; you might still need to sign this agent's certificate (${CERTNAME}).`,
      'Exiting now because the waitforcert setting is set to 0.',
    ]);
    const s = settingsFor(h.dir);
    const csrPem = readFileSync(join(s.requestdir, `${CERTNAME}.pem`), 'utf8');
    assert.equal(csrPem, h.server.csrs.get(CERTNAME));
    const fp = h.log.messages('info').find((l) => l.startsWith('Certificate Request fingerprint (SHA256): '));
    assert.equal(fp, `Certificate Request fingerprint (SHA256): ${hexDigest(buildCsr({ certname: CERTNAME, privateKey: agentKey }).der)}`);
    assert.ok(h.log.messages('info').includes(`Certificate for ${CERTNAME} has not been signed yet`));

    // Signed on the CA; the next run re-PUTs (400 "already has a signed
    // certificate"), fetches the cert and removes the local CSR.
    await h.server.signPending(CERTNAME);
    h.dispatcher.requests.length = 0;
    await h.machine().ensureClientCertificate();
    assert.deepEqual(h.dispatcher.lines(), [
      `PUT /puppet-ca/v1/certificate_request/${CERTNAME}`,
      `GET /puppet-ca/v1/certificate/${CERTNAME}`,
    ]);
    assert.equal(existsSync(join(s.requestdir, `${CERTNAME}.pem`)), false);
  } finally {
    h.cleanup();
  }
});

test('waitforcert > 0: every cycle closes the pool and re-submits, until maxwaitforcert gives up', async () => {
  const h = await harness();
  try {
    const clock = { now: Date.now() };
    const err = await h.machine({ waitforcert: 60, maxwaitforcert: 150, onetime: false }, clock).ensureClientCertificate()
      .then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof SslExit);
    assert.equal(err.message, `Couldn't fetch certificate from CA server; you might still need to sign this agent's certificate (${CERTNAME}). Exiting now because the maxwaitforcert timeout has been exceeded.`);
    assert.deepEqual(h.sleeps, [60_000, 60_000, 60_000]);
    assert.equal(h.dispatcher.closed, 3);
    const puts = h.dispatcher.lines().filter((l) => l.startsWith('PUT '));
    assert.equal(puts.length, 4, 'the CSR is PUT again on every cycle');
    assert.equal(h.log.messages('info').filter((l) => l === 'Will try again in 60 seconds.').length, 3);
  } finally {
    h.cleanup();
  }
});

test('waitforcert > 0: the cert signed while waiting is picked up on the next cycle', async () => {
  const h = await harness();
  try {
    const clock = { now: Date.now() };
    const m = h.machine({ waitforcert: 5, onetime: false }, clock);
    const origSleep = m.deps.sleep!;
    (m.deps as { sleep: (ms: number) => Promise<void> }).sleep = async (ms) => {
      await origSleep(ms);
      if (h.server.csrs.has(CERTNAME)) await h.server.signPending(CERTNAME);
    };
    const ssl = await m.ensureClientCertificate();
    assert.equal(ssl.clientCert?.subject, `CN=${CERTNAME}`);
    assert.deepEqual(h.sleeps, [5000]);
  } finally {
    h.cleanup();
  }
});

test('a 400 on the CSR PUT goes on to fetch the certificate (NeedCert)', async () => {
  const h = await harness();
  try {
    h.server.overrides.set(`PUT /puppet-ca/v1/certificate_request/${CERTNAME}`, { status: 400, body: 'agent1 already has a requested certificate' });
    const m = h.machine();
    await assert.rejects(m.ensureClientCertificate(), SslExit);
    assert.deepEqual(m.trace, ['NeedCACerts', 'NeedCRLs', 'NeedKey', 'NeedSubmitCSR', 'NeedCert', 'Wait']);
    assert.equal(existsSync(join(settingsFor(h.dir).requestdir, `${CERTNAME}.pem`)), false, 'a refused CSR is not saved');
  } finally {
    h.cleanup();
  }
});

test('other CSR PUT failures are errors with Puppet\'s message', async () => {
  const h = await harness();
  try {
    h.server.overrides.set(`PUT /puppet-ca/v1/certificate_request/${CERTNAME}`, { status: 500, body: 'boom' });
    await assert.rejects(h.machine().ensureClientCertificate(), (e: Error) =>
      e instanceof SslBootstrapError && e.message === 'Failed to submit the CSR, HTTP response was 500');
  } finally {
    h.cleanup();
  }
});

test('a certificate that does not match the key is an error and nothing is overwritten', async () => {
  const h = await harness();
  try {
    // The CA signs a CSR made with another key under our name.
    const foreign = await h.server.ca.sign(buildCsr({ certname: CERTNAME, privateKey: otherKey }).pem);
    h.server.signed.set(CERTNAME, foreign.pem);
    const s = settingsFor(h.dir);
    await assert.rejects(h.machine().ensureClientCertificate(), (e: Error) =>
      e instanceof SslBootstrapError && e.message === `The certificate for 'CN=${CERTNAME}' does not match its private key`);
    assert.equal(existsSync(join(s.certdir, `${CERTNAME}.pem`)), false, 'the mismatched cert is not saved');

    // The same cert already on disk: the run stops at NeedKey, files untouched.
    writeFileSync(join(s.certdir, `${CERTNAME}.pem`), foreign.pem);
    const keyBefore = readFileSync(join(s.privatekeydir, `${CERTNAME}.pem`), 'utf8');
    h.dispatcher.requests.length = 0;
    await assert.rejects(h.machine().ensureClientCertificate(), /does not match its private key/);
    assert.equal(h.dispatcher.requests.length, 0);
    assert.equal(readFileSync(join(s.privatekeydir, `${CERTNAME}.pem`), 'utf8'), keyBefore);
    assert.equal(readFileSync(join(s.certdir, `${CERTNAME}.pem`), 'utf8'), foreign.pem);
  } finally {
    h.cleanup();
  }
});

test('a revoked certificate is refused (chain) and accepted with certificate_revocation=false', async () => {
  const h = await harness();
  try {
    h.server.autosign = true;
    await h.machine().ensureClientCertificate();
    // Revoke it and give the agent the new CRL.
    const s = settingsFor(h.dir);
    const cert = (await import('../../src/agent/ssl/x509-objects.js')).parseCertificate(readFileSync(join(s.certdir, `${CERTNAME}.pem`), 'utf8'));
    h.server.ca.revoked.push(cert.fields.serialNumber);
    writeFileSync(s.hostcrl, await h.server.ca.crlPem());
    await assert.rejects(h.machine().ensureClientCertificate(), (e: Error) => e.message === `Certificate 'CN=${CERTNAME}' is revoked`);
    const ssl = await h.machine({ certificate_revocation: false }).ensureClientCertificate();
    assert.equal(ssl.tls.crl, undefined);
    assert.ok(h.log.messages('info').includes('Certificate revocation is disabled, skipping CRL download'));
  } finally {
    h.cleanup();
  }
});

test('ca_fingerprint: a mismatch stops before anything is saved; a match is logged', async () => {
  const h = await harness();
  try {
    const wrong = 'AA'.repeat(32);
    await assert.rejects(h.machine({ ca_fingerprint: wrong }).ensureClientCertificate(), (e: Error) =>
      e.message === `CA bundle with digest (SHA256) ${hexDigest(h.server.ca.pem)} did not match expected digest ${'AA:'.repeat(31)}AA`);
    assert.equal(existsSync(settingsFor(h.dir).localcacert), false);
    const right = hexDigest(h.server.ca.pem).replace(/:/g, '').toLowerCase();
    await assert.rejects(h.machine({ ca_fingerprint: right }).ensureClientCertificate(), SslExit);
    assert.ok(h.log.messages('info').includes(`Verified CA bundle with digest (SHA256) ${hexDigest(h.server.ca.pem)}`));
    assert.ok(existsSync(settingsFor(h.dir).localcacert));
  } finally {
    h.cleanup();
  }
});

test('CA and CRL download failures use Puppet\'s messages', async () => {
  const h = await harness();
  try {
    h.server.overrides.set('GET /puppet-ca/v1/certificate/ca', { status: 404, body: 'Could not find certificate ca' });
    await assert.rejects(h.machine().ensureClientCertificate(), (e: Error) => e.message === 'CA certificate is missing from the server');
    h.server.overrides.set('GET /puppet-ca/v1/certificate/ca', { status: 500, body: 'oops' });
    await assert.rejects(h.machine().ensureClientCertificate(), (e: Error) => e.message === 'Could not download CA certificate: Internal Server Error');
    h.server.overrides.set('GET /puppet-ca/v1/certificate/ca', { status: 200, headers: { 'Content-Type': 'text/plain' }, body: 'not a pem' });
    await assert.rejects(h.machine().ensureClientCertificate(), (e: Error) => e.message === 'Failed to parse CA certificates as PEM');
    h.server.overrides.delete('GET /puppet-ca/v1/certificate/ca');
    h.server.overrides.set('GET /puppet-ca/v1/certificate_revocation_list/ca', { status: 404, body: 'nope' });
    await assert.rejects(h.machine().ensureClientCertificate(), (e: Error) => e.message === 'CRL is missing from the server');
  } finally {
    h.cleanup();
  }
});

test('crl_refresh_interval: an old CRL is refreshed with If-Modified-Since; 304 keeps it', async () => {
  const h = await harness();
  try {
    h.server.autosign = true;
    await h.machine().ensureClientCertificate();
    const s = settingsFor(h.dir);
    const old = new Date('2026-01-01T00:00:00Z');
    utimesSync(s.hostcrl, old, old);
    h.server.crlModified = false;
    h.dispatcher.requests.length = 0;
    await h.machine({ crl_refresh_interval: 60 }).ensureClientCertificate();
    assert.deepEqual(h.dispatcher.lines(), ['GET /puppet-ca/v1/certificate_revocation_list/ca']);
    assert.equal(h.dispatcher.requests[0].headers['If-Modified-Since'], 'Thu, 01 Jan 2026 00:00:00 GMT');
    assert.ok(h.log.messages('info').includes('CRL is unmodified, using existing CRL'));
    assert.ok(statSync(s.hostcrl).mtime.getTime() > old.getTime(), 'the mtime is bumped before refreshing');
    // Fresh enough now: no request.
    h.dispatcher.requests.length = 0;
    await h.machine({ crl_refresh_interval: 3600 }).ensureClientCertificate();
    assert.equal(h.dispatcher.requests.length, 0);
  } finally {
    h.cleanup();
  }
});

test('the ssl lock held by a live process fails at once with waitforlock 0', async () => {
  const h = await harness();
  try {
    const s = settingsFor(h.dir);
    mkdirSync(s.ssldir, { recursive: true });
    writeFileSync(s.ssl_lockfile, String(process.ppid));
    await assert.rejects(h.machine().ensureClientCertificate(), (e: Error) =>
      e instanceof SslBootstrapError && e.message === 'Another puppet instance is already running and the waitforlock setting is set to 0; exiting');
    assert.equal(readFileSync(s.ssl_lockfile, 'utf8'), String(process.ppid), 'someone else\'s lock is left alone');
    // A stale lock (no such process) is taken over.
    writeFileSync(s.ssl_lockfile, '999999999');
    h.server.autosign = true;
    await h.machine().ensureClientCertificate();
    assert.equal(existsSync(s.ssl_lockfile), false);
  } finally {
    h.cleanup();
  }
});

test('not onetime: an error logs, waits and retries instead of failing', async () => {
  const h = await harness();
  try {
    let calls = 0;
    h.dispatcher.setHandler(async (req) => {
      if (req.url.pathname === '/puppet-ca/v1/certificate/ca' && calls++ === 0) return { status: 500, body: 'warming up' };
      return h.server.handler(req);
    });
    h.server.autosign = true;
    const ssl = await h.machine({ onetime: false, waitforcert: 1 }, { now: Date.now() }).ensureClientCertificate();
    assert.ok(ssl.clientCert);
    assert.deepEqual(h.log.messages('err'), ['Could not download CA certificate: Internal Server Error']);
    assert.deepEqual(h.sleeps, [1000]);
  } finally {
    h.cleanup();
  }
});

test('dns_alt_names and csr_attributes.yaml go into the submitted CSR', async () => {
  const h = await harness();
  try {
    writeFileSync(join(h.dir, 'csr_attributes.yaml'), 'extension_requests:\n  pp_role: web\n');
    await assert.rejects(h.machine({ dns_alt_names: 'puppet,IP:127.0.0.1' }).ensureClientCertificate(), SslExit);
    const submitted = h.server.csrs.get(CERTNAME)!;
    assert.equal(submitted, buildCsr({
      certname: CERTNAME, privateKey: agentKey, dnsAltNames: 'puppet,IP:127.0.0.1', extensionRequests: { pp_role: 'web' },
    }).pem);
    writeFileSync(join(h.dir, 'csr_attributes.yaml'), 'bogus: 1\n');
    rmSync(join(settingsFor(h.dir).requestdir), { recursive: true });
    await assert.rejects(h.machine().ensureClientCertificate(), (e: Error) => /unexpected attributes \["bogus"\]/.test(e.message));
  } finally {
    h.cleanup();
  }
});

test('an unreachable CA is reported as Puppet\'s route resolver reports it', async () => {
  const h = await harness();
  try {
    const { ConnectionError } = await import('../../src/agent/http/errors.js');
    h.dispatcher.setHandler(() => {
      throw new ConnectionError('Request to https://puppet.example.test:8140/puppet-ca/v1/certificate/ca failed after 0.002 seconds: Failed to open TCP connection to puppet.example.test:8140 (Connection refused - connect(2) for 10.0.0.1:8140)');
    });
    await assert.rejects(h.machine().ensureClientCertificate(), (e: Error) => e instanceof SslBootstrapError && e.message === 'No more routes to ca');
    assert.deepEqual(h.log.messages('err'), [
      'Connection to https://puppet.example.test:8140/puppet-ca/v1 failed, trying next route: Request to https://puppet.example.test:8140/puppet-ca/v1/certificate/ca failed after 0.002 seconds: Failed to open TCP connection to puppet.example.test:8140 (Connection refused - connect(2) for 10.0.0.1:8140)',
      'No more routes to ca',
    ]);
  } finally {
    h.cleanup();
  }
});
