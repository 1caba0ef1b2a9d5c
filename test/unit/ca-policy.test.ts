// CSR submission rules (http-api.md §4.2, §4.5): duplicates, subject checks,
// SAN and authorization-extension policy, signatures, weak keys, and names
// that try to leave the CA directory. Expected messages are puppetserver's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CaError } from '../../src/ca/errors.js';
import { agentCsr, freshCa, tempDir, FIXTURE } from './ca-helpers.js';
import { generateKeyPairSync } from 'node:crypto';
import { createCsr } from '../../src/x509/csr.js';

async function rejects(promise: Promise<unknown>, status: number, message: string | RegExp): Promise<void> {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof CaError, `expected CaError, got ${String(err)}`);
    assert.equal(err.status, status);
    if (typeof message === 'string') assert.equal(err.message, message);
    else assert.match(err.message, message);
    return true;
  });
}

test('a second CSR for a name is refused as puppetserver does, whatever the state', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const ca = await freshCa(dir);
    const csr = await agentCsr('web1.example.test');
    assert.deepEqual(await ca.submitCsr('web1.example.test', csr.pem), { signed: false });
    await rejects(ca.submitCsr('web1.example.test', csr.pem), 400, 'web1.example.test already has a requested certificate; ignoring certificate request');
    await ca.sign('web1.example.test');
    await rejects(ca.submitCsr('web1.example.test', csr.pem), 400, 'web1.example.test already has a signed certificate; ignoring certificate request');
    await ca.revoke('web1.example.test');
    await rejects(ca.submitCsr('web1.example.test', csr.pem), 400, 'web1.example.test already has a revoked certificate; ignoring certificate request');
  } finally {
    await cleanup();
  }
});

test('allow_duplicate_certs lets a new CSR replace the old cert', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const ca = await freshCa(dir, { autosign: true, allowDuplicateCerts: true });
    const csr = await agentCsr('web1.example.test');
    await ca.submitCsr('web1.example.test', csr.pem);
    const first = (await ca.status('web1.example.test')).serial_number;
    await ca.submitCsr('web1.example.test', csr.pem);
    assert.equal((await ca.status('web1.example.test')).serial_number, first! + 1);
  } finally {
    await cleanup();
  }
});

test('subject checks: CN must match the URL, be lower case and well formed', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const ca = await freshCa(dir);
    await rejects(ca.submitCsr('other.example.test', (await agentCsr('web1.example.test')).pem), 400,
      'Instance name "web1.example.test" does not match requested key "other.example.test"');
    await rejects(ca.submitCsr('Web1.example.test', (await agentCsr('Web1.example.test')).pem), 400, 'Certificate names must be lower case.');
    await rejects(ca.submitCsr('*.example.test', (await agentCsr('*.example.test')).pem), 400, 'Subject contains a wildcard, which is not allowed: *.example.test');
    await rejects(ca.submitCsr('bad..name', (await agentCsr('bad..name')).pem), 400, 'Subject hostname format is invalid');
    await rejects(ca.submitCsr('-lead', (await agentCsr('-lead')).pem), 400, 'Subject hostname format is invalid');
    assert.deepEqual(await readdir(join(dir, 'ca', 'requests')), []);
  } finally {
    await cleanup();
  }
});

test('names that try to leave the CA directory never reach the file system', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const ca = await freshCa(dir, { autosign: true });
    for (const name of ['../escape', '../../etc/passwd', 'a/../../b', '..', '.', 'x/y', '.hidden', 'x\0y', '']) {
      await rejects(ca.submitCsr(name, (await agentCsr(name)).pem), 400, /.+/);
      await rejects(ca.certificatePem(name), 404, `Could not find certificate ${name}`);
      await rejects(ca.csrPem(name), 404, `Could not find certificate_request ${name}`);
      await rejects(ca.status(name), 404, /.+/);
      await rejects(ca.sign(name), 404, 'Invalid certificate subject.');
      await rejects(ca.revoke(name), 404, 'Invalid certificate subject.');
      await rejects(ca.deleteStatus(name), 404, /.+/);
      await rejects(ca.deleteCsr(name), 404, /.+/);
      assert.deepEqual((await ca.clean([name])).missing, [name]);
    }
    assert.deepEqual((await readdir(dir)).sort(), ['ca']);
    assert.deepEqual(await readdir(join(dir, 'ca', 'requests')), []);
    assert.deepEqual(await readdir(join(dir, 'ca', 'signed')), []);
  } finally {
    await cleanup();
  }
});

test('a malformed CSR is refused with a clear 400', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const ca = await freshCa(dir, { autosign: true });
    await rejects(ca.submitCsr('web1', 'hello'), 400, 'Cannot parse CSR for "web1": PEM header "-----BEGIN CERTIFICATE REQUEST-----" missing');
    await rejects(ca.submitCsr('web1', '-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n'), 400, /^Cannot parse CSR for "web1": not a valid PKCS#10 request/);
  } finally {
    await cleanup();
  }
});

test('RSA keys under 2048 bits are refused', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const ca = await freshCa(dir, { autosign: true });
    const weak = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
    const csr = await createCsr({ certname: 'weak.example.test', privateKeyPem: weak });
    await rejects(ca.submitCsr('weak.example.test', csr.pem), 400, 'CSR for "weak.example.test" refused: RSA key of 1024 bits is too weak (minimum 2048)');
  } finally {
    await cleanup();
  }
});

test('extra SANs are refused unless allowed; DNS:<cn> alone is always fine', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const alt = await readFile(join(FIXTURE, 'csr', 'alt.example.test.csr.pem'), 'utf8');
    const strict = await freshCa(dir, { autosign: true });
    await rejects(strict.submitCsr('alt.example.test', alt), 400,
      "CSR 'alt.example.test' contains extra subject alternative names (IP:192.0.2.7, DNS:www.example.test), which are disallowed. To allow subject alternative names, set allow-subject-alt-names to true in your ca.conf file. Then restart the puppetserver and try signing this certificate again.");
    // The CSR stays pending, and signing it by hand is a 409 with the same text.
    assert.equal((await strict.status('alt.example.test')).state, 'requested');
    assert.deepEqual((await strict.status('alt.example.test')).subject_alt_names, ['IP:192.0.2.7', 'DNS:alt.example.test', 'DNS:www.example.test']);
    await rejects(strict.sign('alt.example.test'), 409, /^CSR 'alt.example.test' contains extra subject alternative names/);
    const own = await agentCsr('own.example.test', { dnsAltNames: ['own.example.test'] });
    assert.deepEqual(await strict.submitCsr('own.example.test', own.pem), { signed: true });

    const { dir: dir2, cleanup: cleanup2 } = await tempDir();
    try {
      const lax = await freshCa(dir2, { autosign: true, allowSubjectAltNames: true });
      assert.deepEqual(await lax.submitCsr('alt.example.test', alt), { signed: true });
      const status = await lax.status('alt.example.test');
      assert.deepEqual(status.dns_alt_names, ['DNS:alt.example.test', 'DNS:www.example.test']);
      assert.deepEqual(status.subject_alt_names, ['IP:192.0.2.7', 'DNS:alt.example.test', 'DNS:www.example.test']);
    } finally {
      await cleanup2();
    }
  } finally {
    await cleanup();
  }
});

test('authorization extensions need allow-authorization-extensions; pp_cli_auth is never copied', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const auth = await readFile(join(FIXTURE, 'csr', 'auth.example.test.csr.pem'), 'utf8');
    const strict = await freshCa(dir, { autosign: true });
    await rejects(strict.submitCsr('auth.example.test', auth), 400,
      "CSR 'auth.example.test' contains an authorization extension, which is disallowed. To allow authorization extensions, set allow-authorization-extensions to true in your ca.conf file. Then restart the puppetserver and try signing this certificate again.");
    assert.deepEqual((await strict.status('auth.example.test')).authorization_extensions, { pp_auth_role: 'admin' });

    const { dir: dir2, cleanup: cleanup2 } = await tempDir();
    try {
      const lax = await freshCa(dir2, { autosign: true, allowAuthorizationExtensions: true });
      await lax.submitCsr('auth.example.test', auth);
      assert.deepEqual((await lax.status('auth.example.test')).authorization_extensions, { pp_auth_role: 'admin' });
      const cli = await agentCsr('sneaky.example.test', { extensionRequests: { '1.3.6.1.4.1.34380.1.3.39': 'true' } });
      await rejects(lax.submitCsr('sneaky.example.test', cli.pem), 400, 'Found extensions that are not permitted: 1.3.6.1.4.1.34380.1.3.39');
      const other = await agentCsr('other.example.test', { extensionRequests: { '1.2.3.4': 'x' } });
      await rejects(lax.submitCsr('other.example.test', other.pem), 400, 'Found extensions that are not permitted: 1.2.3.4');
    } finally {
      await cleanup2();
    }
  } finally {
    await cleanup();
  }
});

test('a CSR whose signature does not match its key is refused', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const ca = await freshCa(dir, { autosign: true });
    const csr = await agentCsr('tamper.example.test');
    // Flip one bit of the signature (the last byte of the DER).
    const der = Buffer.from(csr.der);
    der[der.length - 1] ^= 1;
    const pem = `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString('base64').match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE REQUEST-----\n`;
    await rejects(ca.submitCsr('tamper.example.test', pem), 400, 'CSR contains a public key that does not correspond to the signing key');
  } finally {
    await cleanup();
  }
});

test('sign and revoke follow the certificate_status rules (404, 409, cert_ttl)', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const ca = await freshCa(dir, { clock: () => new Date('2026-01-01T00:00:00Z') });
    await rejects(ca.sign('nobody'), 404, 'Invalid certificate subject.');
    await rejects(ca.revoke('nobody'), 404, 'Invalid certificate subject.');
    await ca.submitCsr('web1', (await agentCsr('web1')).pem);
    await rejects(ca.revoke('web1'), 409, 'Cannot revoke certificate for host web1 without a signed certificate');
    await rejects(ca.sign('web1', { certTtlSeconds: 0 }), 400, /cert_ttl must be a positive/);
    await rejects(ca.sign('web1', { certTtlSeconds: -5 }), 400, /cert_ttl must be a positive/);
    const status = await ca.sign('web1', { certTtlSeconds: 3600 });
    assert.equal(status.not_before, '2025-12-31T00:00:00UTC');
    assert.equal(status.not_after, '2026-01-01T01:00:00UTC');
    await rejects(ca.sign('web1'), 409, 'Cannot sign certificate for host web1 without a certificate request');
  } finally {
    await cleanup();
  }
});

test('agents with EC keys (key_type=ec) are signed; the cert verifies under the CA', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const ca = await freshCa(dir, { autosign: true });
    const key = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'sec1', format: 'pem' }) as string;
    const csr = await createCsr({ certname: 'ec.example.test', privateKeyPem: key });
    assert.deepEqual(csr.publicKey, { type: 'ec', bits: 256, curve: 'prime256v1' });
    assert.deepEqual(await ca.submitCsr('ec.example.test', csr.pem), { signed: true });
    const { X509Certificate } = await import('node:crypto');
    const cert = new X509Certificate(await ca.certificatePem('ec.example.test'));
    assert.equal(cert.publicKey.asymmetricKeyType, 'ec');
    assert.equal(cert.verify(new X509Certificate(await ca.caCertPem()).publicKey), true);
  } finally {
    await cleanup();
  }
});
