// PUT certificate_revocation_list: newer CRLs of the other CAs of the chain
// replace the old ones; this CA's own CRL never does; garbage, CRLs without
// an authority key id, and forged CRLs are refused. Uses the real
// puppetserver intermediate-CA fixture and its root key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CaError } from '../../src/ca/errors.js';
import { createCrl } from '../../src/ca/issue.js';
import { parseCertificates, parseCrls } from '../../src/x509/cert.js';
import { generateRsaKeyPair, importRsaSigningKey } from '../../src/x509/keys.js';
import { FIXTURE, fixtureCa, tempDir } from './ca-helpers.js';
import { x509 } from '../../src/x509/crypto.js';

async function rootSigner(keyPem?: string) {
  const bundle = parseCertificates(await readFile(join(FIXTURE, 'ca', 'ca_crt.pem'), 'utf8'));
  const root = bundle.find((c) => c.subjectCn?.startsWith('Puppet Root CA'))!;
  return { cert: root, key: await importRsaSigningKey(keyPem ?? (await readFile(join(FIXTURE, 'ca', 'root_key.pem'), 'utf8'))) };
}

async function rootCrl(number: bigint, serials: bigint[], keyPem?: string) {
  const now = new Date();
  return createCrl({
    signer: await rootSigner(keyPem),
    number,
    thisUpdate: new Date(now.getTime() - 1000),
    nextUpdate: new Date(now.getTime() + 86400_000),
    entries: serials.map((serial) => ({ serial, revocationDate: now, reason: 1 })),
  });
}

test('a newer root CRL replaces the old one; ours stays first and unchanged', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const ca = await fixtureCa(dir);
    const before = parseCrls((await ca.crl()).pem);
    const newer = await rootCrl(5n, [7n]);
    assert.equal(await ca.updateCrls(newer.pem), 'Successfully updated CRLs.');
    const after = parseCrls((await ca.crl()).pem);
    assert.equal(after.length, 2);
    assert.ok(after[0].der.equals(before[0].der));
    assert.ok(after[1].der.equals(newer.der));
    // An older one than what we hold now changes nothing.
    await ca.updateCrls((await rootCrl(3n, [])).pem);
    assert.ok(parseCrls((await ca.crl()).pem)[1].der.equals(newer.der));
  } finally {
    await cleanup();
  }
});

test('refuses empty bodies, forged CRLs, and CRLs without an authority key id', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const ca = await fixtureCa(dir);
    const before = (await ca.crl()).pem;
    await assert.rejects(ca.updateCrls('no pem here'), (e: unknown) => e instanceof CaError && e.status === 400 && e.message === 'No valid CRLs submitted.');
    // Same issuer name and AKI as the root's, but signed by another key.
    const forged = await rootCrl(9n, [], (await generateRsaKeyPair(2048)).privateKeyPem);
    await assert.rejects(ca.updateCrls(forged.pem), (e: unknown) => e instanceof CaError && e.status === 400 && /^Invalid certs and\/or CRLs/.test(e.message));
    const signer = await rootSigner();
    const bare = await x509.X509CrlGenerator.create({
      issuer: signer.cert.cert.subjectName, signingKey: signer.key, signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as Algorithm,
      thisUpdate: new Date(), nextUpdate: new Date(Date.now() + 86400_000),
    });
    await assert.rejects(ca.updateCrls(bare.toString('pem')), (e: unknown) => e instanceof CaError && e.status === 400
      && e.message === 'One or more submitted CRLs do not have an authority key identifier.');
    assert.equal((await ca.crl()).pem, before);
  } finally {
    await cleanup();
  }
});
