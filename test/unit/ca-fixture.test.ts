// Compatibility with a CA directory made by real puppetserver (`puppetserver
// ca setup`, an intermediate CA): we open it, sign CSRs built by real Puppet,
// and the certs verify under the fixture's CA with openssl and with Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { FIXTURE, fixtureCa, tempDir } from './ca-helpers.js';
import { parseCertificates } from '../../src/x509/cert.js';
import { fingerprint } from '../../src/x509/fingerprint.js';

const NOW = new Date('2026-11-29T20:00:00Z');

async function puppetCsr(name: string): Promise<string> {
  return readFile(join(FIXTURE, 'csr', `${name}.csr.pem`), 'utf8');
}

test('opens the puppetserver CA fixture and signs a CSR made by real Puppet', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const ca = await fixtureCa(dir, { autosign: true, clock: () => NOW });
    assert.equal(ca.caCertificate.subjectCn, 'Puppet CA: puppet.example.test');
    const result = await ca.submitCsr('plain.example.test', await puppetCsr('plain.example.test'));
    assert.deepEqual(result, { signed: true });

    const certPem = await ca.certificatePem('plain.example.test');
    const cadir = join(dir, 'ca');
    // The serial file said 002: this is serial 2, and the file moves on to 0003.
    const [cert] = parseCertificates(certPem);
    assert.equal(cert.serial, 2n);
    assert.equal(await readFile(join(cadir, 'serial'), 'utf8'), '0003');
    assert.equal(
      (await readFile(join(cadir, 'inventory.txt'), 'utf8')).split('\n')[1],
      '0x0002 2026-11-28T20:00:00UTC 2031-11-28T20:00:00UTC /CN=plain.example.test',
    );

    // openssl: the chain (intermediate then root) verifies the new cert.
    const bundle = join(cadir, 'ca_crt.pem');
    const leaf = join(dir, 'leaf.pem');
    await writeFile(leaf, certPem);
    const out = execFileSync('openssl', ['verify', '-attime', String(NOW.getTime() / 1000), '-CAfile', bundle, leaf], { encoding: 'utf8' });
    assert.equal(out.trim(), `${leaf}: OK`);

    // Node: signed by the intermediate's key, issued by its subject.
    const nodeCert = new X509Certificate(certPem);
    const intermediate = new X509Certificate(parseCertificates(await readFile(bundle, 'utf8'))[0].pem);
    assert.equal(nodeCert.verify(intermediate.publicKey), true);
    assert.equal(nodeCert.checkIssued(intermediate), true);
    assert.equal(nodeCert.subject, 'CN=plain.example.test');
    assert.equal(nodeCert.subjectAltName, 'DNS:plain.example.test');
  } finally {
    await cleanup();
  }
});

test('a signed cert carries the extensions puppetserver gives agent certs, in its order', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const ca = await fixtureCa(dir, { autosign: true, allowSubjectAltNames: true, clock: () => NOW });
    await ca.submitCsr('attrs.example.test', await puppetCsr('attrs.example.test'));
    const leaf = join(dir, 'leaf.pem');
    await writeFile(leaf, await ca.certificatePem('attrs.example.test'));
    const text = execFileSync('openssl', ['x509', '-in', leaf, '-noout', '-text'], { encoding: 'utf8' });
    const names = [...text.matchAll(/^ {12}(\S.*?):( critical)?\s*$/gm)].map((m) => m[1] + (m[2] ?? ''));
    assert.deepEqual(names, [
      'X509v3 Subject Alternative Name',
      'Netscape Comment',
      'X509v3 Authority Key Identifier',
      'X509v3 Subject Key Identifier',
      '1.3.6.1.4.1.34380.1.1.13',
      '1.3.6.1.4.1.34380.1.2.1',
      'X509v3 Basic Constraints critical',
      'X509v3 Extended Key Usage critical',
      'X509v3 Key Usage critical',
    ]);
    assert.match(text, /Puppet Server Internal Certificate/);
    assert.match(text, /CA:FALSE/);
    assert.match(text, /TLS Web Server Authentication, TLS Web Client Authentication/);
    assert.match(text, /Digital Signature, Key Encipherment/);
    assert.match(text, /DNS:attrs\.example\.test/);
    // AKI as puppetserver writes it: key id of the CA, its issuer, its serial.
    assert.match(text, /keyid:C5:20:5E:80:D3:74:F4:9C:3A:3A:6B:3A:E8:0C:71:46:E7:69:4D:C2\n\s+DirName:\/CN=Puppet Root CA: 01d089ba6b3056\n\s+serial:02/);
    const status = await ca.status('attrs.example.test');
    assert.equal(status.state, 'signed');
    assert.deepEqual(status.authorization_extensions, {});
  } finally {
    await cleanup();
  }
});

test('fingerprints equal what real Puppet prints for the same CSRs and cert', async () => {
  const lines = (await readFile(join(FIXTURE, 'csr', 'puppet-fingerprints.txt'), 'utf8')).trim().split('\n');
  assert.equal(lines.length, 4);
  const { dir, cleanup } = await tempDir();
  try {
    const ca = await fixtureCa(dir);
    for (const line of lines) {
      const [name, , fp] = line.split(' ');
      await ca.submitCsr(name, await puppetCsr(name));
      assert.equal((await ca.status(name)).fingerprint, fp, name);
    }
    const [name, , fp] = (await readFile(join(FIXTURE, 'signed-fingerprints.txt'), 'utf8')).trim().split(' ');
    const status = await ca.status(name);
    assert.equal(status.fingerprint, fp);
    assert.equal(status.fingerprints.SHA256, fp);
    assert.equal(status.state, 'signed');
    assert.equal(status.serial_number, 1);
    assert.deepEqual(status.authorization_extensions, { pp_cli_auth: 'true' });
    assert.deepEqual(status.dns_alt_names, ['DNS:puppet', 'DNS:puppet.example.test']);
    const der = parseCertificates(await readFile(join(FIXTURE, 'ca', 'signed', `${name}.pem`), 'utf8'))[0].der;
    assert.equal(status.fingerprints.SHA1, fingerprint(der, 'SHA1'));
  } finally {
    await cleanup();
  }
});
