// @peculiar/x509 stays unloaded through what every server start and TLS
// connection does (open the CA, read its certificates and CRL, classify a
// client certificate) and loads when the CA signs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { x509Loaded } from '../../src/x509/crypto.js';
import { fixtureCa, tempDir, FIXTURE } from './ca-helpers.js';
import { parseCertificates, parseCrls } from '../../src/x509/cert.js';
import { pemBlocks } from '../../src/x509/pem.js';
import { certificateFacts, parseCrlPem } from '../../src/server/identity.js';

test('the CA opens and certificates are read without loading @peculiar/x509; signing loads it', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const ca = await fixtureCa(dir, { autosign: true, clock: () => new Date('2026-11-29T20:00:00Z') });
    assert.equal(ca.caCertificate.subjectCn, 'Puppet CA: puppet.example.test');
    assert.ok(parseCertificates(await ca.caCertPem()).length >= 1);
    assert.ok(parseCrls((await ca.crl()).pem).length >= 1);
    await ca.expirations();
    const agentPem = await readFile(join(FIXTURE, 'ca', 'signed', 'puppet.example.test.pem'), 'utf8');
    const facts = certificateFacts(pemBlocks(agentPem)[0]!.der);
    assert.equal(facts.certname, 'puppet.example.test');
    parseCrlPem((await ca.crl()).pem);
    assert.equal(x509Loaded(), false);

    const csr = await readFile(join(FIXTURE, 'csr', 'plain.example.test.csr.pem'), 'utf8');
    assert.deepEqual(await ca.submitCsr('plain.example.test', csr), { signed: true });
    assert.equal(x509Loaded(), true);
  } finally {
    await cleanup();
  }
});
