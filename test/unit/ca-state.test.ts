// The CA directory under load and after crashes: unique serials with 200
// concurrent submissions, inventory and signed/ agreeing, CRL updates on
// revoke, clean, first-start setup, and recovery of interrupted work.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile, writeFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { CertificateAuthority } from '../../src/ca/authority.js';
import { CaError } from '../../src/ca/errors.js';
import { parseCertificate, parseCertificates, parseCrls } from '../../src/x509/cert.js';
import { agentCsr, fixtureCa, freshCa, tempDir } from './ca-helpers.js';

test('200 concurrent CSR submissions with autosign get 200 distinct serials', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const ca = await freshCa(dir, { autosign: true });
    const csrs = await Promise.all(Array.from({ length: 200 }, (_, i) => agentCsr(`node${i}.example.test`)));
    const results = await Promise.all(csrs.map((csr, i) => ca.submitCsr(`node${i}.example.test`, csr.pem)));
    assert.ok(results.every((r) => r.signed));

    const cadir = join(dir, 'ca');
    const signed = (await readdir(join(cadir, 'signed'))).filter((f) => f.endsWith('.pem'));
    assert.equal(signed.length, 200);
    const serials = await Promise.all(signed.map(async (f) => parseCertificate(await readFile(join(cadir, 'signed', f), 'utf8')).serial));
    assert.equal(new Set(serials).size, 200);
    // The CA cert took serial 1; the agents got 2..201 and the file points at 202 (0xCA).
    assert.deepEqual([...serials].sort((a, b) => Number(a - b)), Array.from({ length: 200 }, (_, i) => BigInt(i + 2)));
    assert.equal(await readFile(join(cadir, 'serial'), 'utf8'), '00CA');

    const inventory = (await readFile(join(cadir, 'inventory.txt'), 'utf8')).trim().split('\n');
    assert.equal(inventory.length, 201);
    const byName = new Map(inventory.slice(1).map((line) => [line.split(' /CN=')[1], line.split(' ')[0]]));
    for (const f of signed) {
      const cert = parseCertificate(await readFile(join(cadir, 'signed', f), 'utf8'));
      assert.equal(byName.get(f.slice(0, -4)), `0x${cert.serial.toString(16).toUpperCase().padStart(4, '0')}`);
    }
    assert.deepEqual(await readdir(join(cadir, 'requests')), []);
    assert.equal((await ca.statuses('signed')).length, 200);
  } finally {
    await cleanup();
  }
});

test('revoke adds the serial to our CRL only and bumps its number', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const ca = await fixtureCa(dir, { autosign: true });
    const cadir = join(dir, 'ca');
    await ca.submitCsr('web1.example.test', (await agentCsr('web1.example.test')).pem);
    const before = parseCrls(await readFile(join(cadir, 'ca_crl.pem'), 'utf8'));
    await ca.revoke('web1.example.test');
    const after = parseCrls(await readFile(join(cadir, 'ca_crl.pem'), 'utf8'));
    // Only our CRL (the intermediate's, first) changes; the root's is kept as it was.
    assert.equal(after.length, 2);
    assert.equal(after[0].issuerCn, 'Puppet CA: puppet.example.test');
    assert.equal(after[0].number, before[0].number + 1n);
    assert.deepEqual(after[0].entries.map((e) => e.serial), [2n]);
    assert.equal(after[0].entries[0].reason, 1);
    assert.ok(after[1].der.equals(before[1].der));
    assert.equal((await ca.status('web1.example.test')).state, 'revoked');
    assert.deepEqual((await ca.statuses('revoked')).map((s) => s.name), ['web1.example.test']);

    // openssl agrees: the CRL verifies under the CA and lists the cert as revoked.
    const leaf = join(dir, 'leaf.pem');
    await writeFile(leaf, await ca.certificatePem('web1.example.test'));
    const run = spawnSync('openssl', ['verify', '-crl_check', '-CAfile', join(cadir, 'ca_crt.pem'), '-CRLfile', join(cadir, 'ca_crl.pem'), leaf], { encoding: 'utf8' });
    assert.notEqual(run.status, 0);
    assert.match(run.stdout + run.stderr, /certificate revoked/);
  } finally {
    await cleanup();
  }
});

test('revoking an already revoked cert leaves the CRL alone', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const ca = await freshCa(dir, { autosign: true });
    await ca.submitCsr('web1', (await agentCsr('web1')).pem);
    await ca.revoke('web1');
    const crl = await readFile(join(dir, 'ca', 'ca_crl.pem'), 'utf8');
    await ca.revoke('web1');
    assert.equal(await readFile(join(dir, 'ca', 'ca_crl.pem'), 'utf8'), crl);
  } finally {
    await cleanup();
  }
});

test('clean revokes and deletes existing certs and reports the missing ones', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const ca = await freshCa(dir, { autosign: true });
    await ca.submitCsr('a', (await agentCsr('a')).pem);
    await ca.submitCsr('b', (await agentCsr('b')).pem);
    const serialA = (await ca.status('a')).serial_number;
    const result = await ca.clean(['a', 'nope', 'b']);
    assert.deepEqual(result.cleaned, ['a', 'b']);
    assert.equal(result.message, 'The following certs do not exist and cannot be revoked: ["nope"]');
    assert.deepEqual(await readdir(join(dir, 'ca', 'signed')), []);
    const [crl] = parseCrls((await ca.crl()).pem);
    assert.deepEqual(crl.entries.map((e) => Number(e.serial)), [serialA, serialA! + 1]);
    assert.equal((await ca.clean([])).message, 'Successfully cleaned all certs.');
    await assert.rejects(ca.status('a'), CaError);
  } finally {
    await cleanup();
  }
});

test('deleteStatus removes cert and CSR without revoking; deleteCsr 404s when there is none', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const ca = await freshCa(dir, { autosign: true });
    await ca.submitCsr('a', (await agentCsr('a')).pem);
    const crl = (await ca.crl()).pem;
    await ca.deleteStatus('a');
    assert.deepEqual(await readdir(join(dir, 'ca', 'signed')), []);
    assert.equal((await ca.crl()).pem, crl);
    await assert.rejects(ca.deleteStatus('a'), (e: unknown) => e instanceof CaError && e.status === 404);
    await assert.rejects(ca.deleteCsr('a'), (e: unknown) => e instanceof CaError && e.status === 404);
  } finally {
    await cleanup();
  }
});

test('first start creates a root CA with the files and extensions puppetserver makes', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const now = new Date('2026-11-29T17:23:44Z');
    const ca = await CertificateAuthority.open({ cadir: join(dir, 'ca'), keylength: 2048, clock: () => now });
    assert.equal(ca.initialized, false);
    assert.equal(await ca.ensureCa({ caName: 'Puppet CA: puppet' }), true);
    assert.equal(await ca.ensureCa({ caName: 'Puppet CA: puppet' }), false);
    const cadir = join(dir, 'ca');
    assert.deepEqual((await readdir(cadir)).sort(), [
      'ca_crl.pem', 'ca_crt.pem', 'ca_key.pem', 'ca_pub.pem', 'infra_crl.pem', 'infra_inventory.txt',
      'infra_serials', 'inventory.txt', 'requests', 'serial', 'signed',
    ]);
    assert.equal(await readFile(join(cadir, 'serial'), 'utf8'), '0002');
    assert.equal(await readFile(join(cadir, 'inventory.txt'), 'utf8'), '0x0001 2026-11-28T17:23:44UTC 2031-11-28T17:23:44UTC /CN=Puppet CA: puppet\n');
    assert.equal((await stat(join(cadir, 'ca_key.pem'))).mode & 0o777, 0o640);
    // Compare with the CA cert real puppetserver 7.9.5 made at first start (the wire capture).
    const text = execFileSync('openssl', ['x509', '-in', join(cadir, 'ca_crt.pem'), '-noout', '-text'], { encoding: 'utf8' });
    const names = [...text.matchAll(/^ {12}(\S.*?):( critical)?\s*$/gm)].map((m) => m[1] + (m[2] ?? ''));
    assert.deepEqual(names, [
      'Netscape Comment', 'X509v3 Authority Key Identifier', 'X509v3 Subject Key Identifier',
      'X509v3 Basic Constraints critical', 'X509v3 Key Usage critical',
    ]);
    assert.match(text, /Issuer: CN ?= ?Puppet CA: puppet\n/);
    assert.match(text, /Not Before: Nov 28 17:23:44 2026 GMT\n\s+Not After : Nov 28 17:23:44 2031 GMT/);
    assert.match(text, /CA:TRUE/);
    assert.match(text, /Certificate Sign, CRL Sign/);
    const asn1 = execFileSync('openssl', ['asn1parse', '-in', join(cadir, 'ca_crt.pem')], { encoding: 'utf8' });
    assert.match(asn1, /UTF8STRING\s+:Puppet CA: puppet/);
    const crlText = execFileSync('openssl', ['crl', '-in', join(cadir, 'ca_crl.pem'), '-noout', '-text'], { encoding: 'utf8' });
    // As the CRL real puppetserver wrote at first start in the wire capture: five calendar years.
    assert.match(crlText, /Last Update: Nov 29 17:23:44 2026 GMT\n\s+Next Update: Nov 29 17:23:44 2031 GMT/);
    assert.match(crlText, /X509v3 CRL Number: \n\s+0\n\s+X509v3 Authority Key Identifier/);
    assert.equal(execFileSync('openssl', ['verify', '-attime', String(now.getTime() / 1000), '-CAfile', join(cadir, 'ca_crt.pem'), join(cadir, 'ca_crt.pem')], { encoding: 'utf8' }).trim().endsWith('OK'), true);
  } finally {
    await cleanup();
  }
});

test('a CA directory with only some of its files is refused', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    await freshCa(dir);
    const { unlink } = await import('node:fs/promises');
    await unlink(join(dir, 'ca', 'ca_key.pem'));
    const ca = await CertificateAuthority.open({ cadir: join(dir, 'ca'), keylength: 2048 });
    await assert.rejects(ca.ensureCa({ caName: 'x' }), /Cannot initialize CA with partial state; need all files or none\.\nFound:\n.*\nMissing:\n.*ca_key\.pem/s);
  } finally {
    await cleanup();
  }
});

test('the server cert: SAN puppet + certname by default, pp_cli_auth, in signed/ and the inventory', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const ca = await freshCa(dir);
    const host = await ca.issueHostCert({ certname: 'puppet.example.test', ppCliAuth: true });
    const status = await ca.status('puppet.example.test');
    assert.deepEqual(status.dns_alt_names, ['DNS:puppet', 'DNS:puppet.example.test']);
    assert.deepEqual(status.authorization_extensions, { pp_cli_auth: 'true' });
    assert.equal(await ca.certificatePem('puppet.example.test'), host.certPem);
    const withAlt = await ca.issueHostCert({ certname: 'other.example.test', dnsAltNames: ['puppet', 'localhost', 'IP:127.0.0.1'] });
    // puppetserver appends the certname after the configured names, duplicates and all.
    assert.deepEqual((await ca.status('other.example.test')).subject_alt_names, ['IP:127.0.0.1', 'DNS:puppet', 'DNS:localhost', 'DNS:other.example.test']);
    assert.match(withAlt.privateKeyPem, /^-----BEGIN RSA PRIVATE KEY-----/);
    await ca.issueHostCert({ certname: 'attrs.example.test', extensionRequests: { pp_role: 'db', '1.3.6.1.4.1.34380.1.2.5': 'x' } });
    const attrs = execFileSync('openssl', ['x509', '-noout', '-text'], { input: await ca.certificatePem('attrs.example.test'), encoding: 'utf8' });
    assert.match(attrs, /1\.3\.6\.1\.4\.1\.34380\.1\.1\.13: \n\s+\.\.db\n/);
    await assert.rejects(ca.issueHostCert({ certname: 'bad.example.test', extensionRequests: { no_such_name: 'x' } }), /neither a Puppet short name nor an OID/);
    await assert.rejects(ca.issueHostCert({ certname: 'bad.example.test', extensionRequests: { '1.2.3.4': 'x' } }), /Found extensions that are not permitted: 1\.2\.3\.4/);
    const text = execFileSync('openssl', ['x509', '-noout', '-text'], { input: host.certPem, encoding: 'utf8' });
    assert.match(text, /1\.3\.6\.1\.4\.1\.34380\.1\.3\.39: \n\s+\.\.true/);
    const inventory = await readFile(join(dir, 'ca', 'inventory.txt'), 'utf8');
    assert.match(inventory, /\n0x0002 \S+UTC \S+UTC \/CN=puppet\.example\.test\n0x0003 \S+ \S+ \/CN=other\.example\.test\n0x0004 \S+ \S+ \/CN=attrs\.example\.test\n$/);
  } finally {
    await cleanup();
  }
});

test('on open, CSRs left pending are signed if autosign allows; finished ones are tidied', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const cadir = join(dir, 'ca');
    const manual = await freshCa(dir);
    await manual.submitCsr('pending', (await agentCsr('pending')).pem);
    await manual.submitCsr('done', (await agentCsr('done')).pem);
    await manual.sign('done');
    // Simulate a crash after the cert was written but before the CSR was removed,
    // and a temp file a dead writer left behind.
    // (agentCsr reuses one key, so this CSR has the issued cert's key.)
    await writeFile(join(cadir, 'requests', 'done.pem'), (await agentCsr('done')).pem);
    await writeFile(join(cadir, 'signed', '.x.pem.999999999.0123456789ab.tmp'), 'junk');
    await writeFile(join(cadir, '.serial.999999999.0123456789ab.tmp'), 'junk');
    const reopened = await CertificateAuthority.open({ cadir, autosign: true, keylength: 2048 });
    assert.equal((await reopened.status('pending')).state, 'signed');
    assert.equal((await reopened.status('done')).state, 'signed');
    assert.deepEqual(await readdir(join(cadir, 'requests')), []);
    assert.deepEqual((await readdir(join(cadir, 'signed'))).sort(), ['done.pem', 'pending.pem']);
    assert.ok(!(await readdir(cadir)).some((f) => f.endsWith('.tmp')));
  } finally {
    await cleanup();
  }
});

test('without autosign, pending CSRs stay pending across a restart', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const ca = await freshCa(dir);
    await ca.submitCsr('pending', (await agentCsr('pending')).pem);
    const reopened = await CertificateAuthority.open({ cadir: join(dir, 'ca'), keylength: 2048 });
    assert.equal((await reopened.status('pending')).state, 'requested');
    assert.deepEqual((await reopened.statuses()).map((s) => [s.name, s.state]), [['pending', 'requested']]);
  } finally {
    await cleanup();
  }
});

test('expirations report each CA cert and CRL by CN, as puppetserver does', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const ca = await fixtureCa(dir);
    const exp = await ca.expirations();
    const certs = parseCertificates(await ca.caCertPem());
    assert.deepEqual(Object.keys(exp['ca-certs']), certs.map((c) => c.subjectCn));
    assert.equal(exp['ca-certs']['Puppet CA: puppet.example.test'], '2041-11-25T19:13:01UTC');
    assert.equal(exp.crls['Puppet CA: puppet.example.test'], '2041-11-25T19:13:01UTC');
  } finally {
    await cleanup();
  }
});

test('two CA instances on one directory (server and CLI) never hand out the same serial', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const a = await freshCa(dir, { autosign: true });
    const b = await CertificateAuthority.open({ cadir: join(dir, 'ca'), keylength: 2048, autosign: true });
    const csrs = await Promise.all(Array.from({ length: 40 }, (_, i) => agentCsr(`host${i}`)));
    await Promise.all(csrs.map((csr, i) => (i % 2 ? a : b).submitCsr(`host${i}`, csr.pem)));
    const serials = (await a.statuses('signed')).map((s) => s.serial_number);
    assert.equal(serials.length, 40);
    assert.equal(new Set(serials).size, 40);
    assert.equal(await readFile(join(dir, 'ca', 'serial'), 'utf8'), '002A');
  } finally {
    await cleanup();
  }
});
