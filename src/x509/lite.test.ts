// The light DER reader against @peculiar/x509 on the same bytes: real
// puppetserver 7.9.5 certificates and CRLs (test/fixtures/puppetserver-ca)
// and generated ones with the shapes Puppet certs rarely have (several RDNs,
// escaped characters, IPv6 and e-mail SANs, EC keys, revoked entries with
// reasons, times past 2049).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { x509, webcrypto } from './crypto.js';
import { pemBlocks } from './pem.js';
import { nameField, readCertificate, readCrl, readGeneralNames, verifySigned } from './lite.js';

const FIXTURES = new URL('../../test/fixtures/puppetserver-ca/', import.meta.url);

function pemFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...pemFiles(path));
    else if (name.endsWith('.pem')) out.push(path);
  }
  return out;
}

function sameCertificate(der: Uint8Array): void {
  const lite = readCertificate(der);
  const px = new x509.X509Certificate(Uint8Array.from(der));
  assert.equal(lite.serialNumber, px.serialNumber.toLowerCase());
  assert.equal(lite.subject.text, px.subject);
  assert.equal(lite.issuer.text, px.issuer);
  assert.deepEqual(lite.subject.der, Buffer.from(px.subjectName.toArrayBuffer()));
  assert.deepEqual(lite.issuer.der, Buffer.from(px.issuerName.toArrayBuffer()));
  assert.deepEqual(nameField(lite.subject, '2.5.4.3'), px.subjectName.getField('CN'));
  assert.equal(lite.notBefore.getTime(), px.notBefore.getTime());
  assert.equal(lite.notAfter.getTime(), px.notAfter.getTime());
  assert.deepEqual(lite.spki, Buffer.from(px.publicKey.rawData));
  assert.deepEqual(
    lite.extensions.map((e) => [e.oid, e.critical, e.value.toString('hex')]),
    Array.from(px.extensions, (e) => [e.type, e.critical, Buffer.from(e.value).toString("hex")]),
  );
  const san = px.getExtension(x509.SubjectAlternativeNameExtension);
  const liteSan = lite.extensions.find((e) => e.oid === '2.5.29.17');
  assert.equal(liteSan === undefined, san === null);
  if (san && liteSan) {
    const names = readGeneralNames(liteSan.value);
    const pick = (type: string) => san.names.items.filter((n) => n.type === type).map((n) => n.value);
    assert.deepEqual(names.dns, pick('dns'));
    assert.deepEqual(names.ip, pick('ip'));
    assert.deepEqual(names.email, pick('email'));
    assert.deepEqual(names.uri, pick('url'));
  }
}

function sameCrl(der: Uint8Array): void {
  const lite = readCrl(der);
  const px = new x509.X509Crl(Uint8Array.from(der));
  assert.equal(lite.issuer.text, px.issuer);
  assert.deepEqual(lite.issuer.der, Buffer.from(px.issuerName.toArrayBuffer()));
  assert.equal(lite.thisUpdate.getTime(), px.thisUpdate.getTime());
  assert.equal(lite.nextUpdate?.getTime(), px.nextUpdate?.getTime());
  assert.deepEqual(
    lite.entries.map((e) => [e.serialNumber, e.revocationDate.getTime(), e.reason]),
    Array.from(px.entries, (e) => [e.serialNumber.toLowerCase(), e.revocationDate.getTime(), e.reason]),
  );
  assert.deepEqual(
    lite.extensions.map((e) => [e.oid, e.critical, e.value.toString('hex')]),
    Array.from(px.extensions, (e) => [e.type, e.critical, Buffer.from(e.value).toString("hex")]),
  );
}

test('certificates and CRLs made by real puppetserver read as @peculiar/x509 reads them', () => {
  let certs = 0;
  let crls = 0;
  for (const file of pemFiles(FIXTURES.pathname)) {
    for (const block of pemBlocks(readFileSync(file, 'utf8'))) {
      if (block.label === 'CERTIFICATE') {
        sameCertificate(block.der);
        certs++;
      } else if (block.label === 'X509 CRL') {
        sameCrl(block.der);
        crls++;
      }
    }
  }
  assert.ok(certs >= 5 && crls >= 2, `read ${certs} certificates and ${crls} CRLs`);
});

test('a CRL signature verifies with its issuer key and fails with another', () => {
  const ca = pemBlocks(readFileSync(new URL('ca/ca_crt.pem', FIXTURES), 'utf8'))[0]!;
  const crl = pemBlocks(readFileSync(new URL('ca/ca_crl.pem', FIXTURES), 'utf8'))[0]!;
  const issuerKey = createPublicKey({ key: readCertificate(ca.der).spki, format: 'der', type: 'spki' });
  assert.equal(verifySigned(readCrl(crl.der), issuerKey), true);
  const other = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
  assert.equal(verifySigned(readCrl(crl.der), other), false);
  assert.equal(verifySigned({ ...readCrl(crl.der), signatureAlgorithm: '1.2.840.113549.1.1.10' }, issuerKey), undefined);
});

test('generated certificates and CRLs with unusual names, SANs, EC keys and late dates read as @peculiar/x509 reads them', async () => {
  x509.cryptoProvider.set(webcrypto as unknown as Crypto);
  const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify']) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '00ff01',
    name: 'CN=web\\, "one"+OU=ops, O=Example #1, C=DE, E=root@example.test',
    notBefore: new Date('2049-12-31T23:59:59Z'),
    notAfter: new Date('2051-06-01T12:00:00Z'),
    signingAlgorithm: alg,
    keys,
    extensions: [
      new x509.SubjectAlternativeNameExtension([
        { type: 'dns', value: 'web1.example.test' },
        { type: 'ip', value: '192.0.2.7' },
        { type: 'ip', value: '2001:db8::1' },
        { type: 'ip', value: '2001:db8:0:1:0:0:0:1' },
        { type: 'email', value: 'ops@example.test' },
        { type: 'url', value: 'https://example.test/' },
      ]),
      new x509.BasicConstraintsExtension(true, undefined, true),
    ],
  });
  sameCertificate(new Uint8Array(cert.rawData));
  const crl = await x509.X509CrlGenerator.create({
    issuer: cert.subject,
    thisUpdate: new Date('2026-01-01T00:00:00Z'),
    nextUpdate: new Date('2060-01-01T00:00:00Z'),
    signingKey: keys.privateKey,
    signingAlgorithm: alg,
    entries: [
      { serialNumber: '05', revocationDate: new Date('2026-01-02T03:04:05Z'), reason: x509.X509CrlReason.keyCompromise },
      { serialNumber: '0a0b', revocationDate: new Date('2055-01-02T03:04:05Z') },
    ],
  });
  sameCrl(new Uint8Array(crl.rawData));
  const publicKey = createPublicKey({ key: Buffer.from(cert.publicKey.rawData), format: 'der', type: 'spki' });
  assert.equal(verifySigned(readCrl(new Uint8Array(crl.rawData)), publicKey), true);
});

test('malformed DER is refused with an error, not misread', () => {
  assert.throws(() => readCertificate(Buffer.from('3003020101', 'hex')), /Cannot read/);
  assert.throws(() => readCrl(Buffer.from('30', 'hex')), /truncated/);
});
