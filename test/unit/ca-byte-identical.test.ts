// The strongest compatibility check: on the same CA key, real puppetserver
// 7.9.5 and this CA produce byte-identical certificates and CRLs (RSA
// PKCS#1 v1.5 signatures are deterministic), and the same status JSON.
// The fixture was written by real puppetserver running on a Bunraku CA dir.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CertificateAuthority } from '../../src/ca/authority.js';
import { CaError } from '../../src/ca/errors.js';
import { agentExtensions, revokeInCrl, signCertificate, validityWindow } from '../../src/ca/issue.js';
import { parseCertificate, parseCertificates, parseCrls, type ParsedCrl } from '../../src/x509/cert.js';
import { parseCsr } from '../../src/x509/csr.js';
import { importRsaSigningKey } from '../../src/x509/keys.js';
import { FIXTURE, tempDir } from './ca-helpers.js';

const DIR = join(FIXTURE, 'signed-by-puppetserver');
const CA_TTL = 157680000;

async function signer() {
  const cert = parseCertificates(await readFile(join(DIR, 'ca', 'ca_crt.pem'), 'utf8'))[0];
  return { cert, key: await importRsaSigningKey(await readFile(join(DIR, 'ca', 'ca_key.pem'), 'utf8')) };
}

for (const name of ['agent1.psrv.test', 'plain.example.test', 'attrs.example.test']) {
  test(`the cert puppetserver signed for ${name} is reproduced byte for byte`, async () => {
    const real = parseCertificate(await readFile(join(DIR, 'ca', 'signed', `${name}.pem`), 'utf8'));
    // agent1's CSR was not kept (the agent made it); it had no extensions, so its key is all we need.
    const csr = name === 'agent1.psrv.test'
      ? { spki: Buffer.from(real.cert.publicKey.rawData), extensions: [], altNames: { dns: [], ip: [], other: [] } }
      : parseCsr(await readFile(join(FIXTURE, 'csr', `${name}.csr.pem`), 'utf8'));
    const s = await signer();
    // puppetserver's clock at signing: not before + 1 day.
    const { notBefore, notAfter } = validityWindow(new Date(real.notBefore.getTime() + 86_400_000), CA_TTL);
    const ours = await signCertificate({ signer: s, serial: real.serial, subjectCn: name, spki: csr.spki, notBefore, notAfter, extensions: await agentExtensions(name, csr, s) });
    assert.equal(ours.pem, real.pem);
  });
}

test('the CRL puppetserver wrote when revoking is reproduced byte for byte', async () => {
  const real = parseCrls(await readFile(join(DIR, 'ca', 'ca_crl.pem'), 'utf8'))[0];
  // Before the revocation the CRL was the empty one this CA made (number 0).
  const before = { number: 0n, entries: [] } as unknown as ParsedCrl;
  const ours = await revokeInCrl(before, [4n], await signer(), real.entries[0].revocationDate);
  assert.equal(ours.pem, real.pem);
});

test('certificate_statuses and expirations equal puppetserver\'s replies for the same directory', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    await cp(join(DIR, 'ca'), join(dir, 'ca'), { recursive: true });
    const ca = await CertificateAuthority.open({ cadir: join(dir, 'ca') });
    const real = JSON.parse(await readFile(join(DIR, 'certificate_statuses.json'), 'utf8')) as { name: string; state: string }[];
    const ours = await ca.statuses();
    const byName = (list: { name: string }[]) => [...list].sort((a, b) => a.name.localeCompare(b.name));
    // puppetserver lists in directory order; compare as sets (CSRs still come first in both).
    assert.deepEqual(byName(ours), byName(real));
    assert.deepEqual(ours.map((s) => s.state === 'requested'), real.map((s) => s.state === 'requested'));
    assert.deepEqual(await ca.expirations(), JSON.parse(await readFile(join(DIR, 'expirations.json'), 'utf8')));
  } finally {
    await cleanup();
  }
});

test('refusals carry puppetserver\'s exact texts', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    await cp(join(DIR, 'ca'), join(dir, 'ca'), { recursive: true });
    const ca = await CertificateAuthority.open({ cadir: join(dir, 'ca'), autosign: true });
    const expected409 = (await readFile(join(DIR, 'sign-alt-409.txt'), 'utf8')).trimEnd();
    await assert.rejects(ca.sign('alt.example.test'), (e: unknown) => e instanceof CaError && e.status === 409 && e.message === expected409);
    // alt2 again, as a fresh CA would see it.
    await ca.deleteCsr('alt2.example.test');
    const expected400 = (await readFile(join(DIR, 'submit-alt2-400.txt'), 'utf8')).trimEnd();
    const csr = await readFile(join(DIR, 'alt2.example.test.csr.pem'), 'utf8');
    await assert.rejects(ca.submitCsr('alt2.example.test', csr), (e: unknown) => e instanceof CaError && e.status === 400 && e.message === expected400);
  } finally {
    await cleanup();
  }
});
