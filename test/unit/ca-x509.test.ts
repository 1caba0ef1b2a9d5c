// X.509 helpers: CSR parsing of requests built by real Puppet (extension
// requests, custom attributes, SANs), certname rules, Puppet short names,
// DER strings and integers, PEM bundles.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCsr } from '../../src/x509/csr.js';
import { certnameProblem } from '../../src/x509/certname.js';
import { resolveOid, shortNameOf } from '../../src/x509/oids.js';
import { decodeDerString, derInteger, derUtf8String, readDerInteger } from '../../src/x509/der.js';
import { pemBlocks, toPem } from '../../src/x509/pem.js';
import { authorizationExtensions, extensionText } from '../../src/x509/extensions.js';
import { formatPuppetTime } from '../../src/x509/time.js';
import { puppetFingerprint } from '../../src/x509/fingerprint.js';
import { FIXTURE } from './ca-helpers.js';

const csrFile = (name: string) => readFile(join(FIXTURE, 'csr', `${name}.csr.pem`), 'utf8');

test('a CSR from real Puppet with extension requests and a custom attribute', async () => {
  const csr = parseCsr(await csrFile('attrs.example.test'));
  assert.equal(csr.commonName, 'attrs.example.test');
  assert.deepEqual(csr.publicKey, { type: 'rsa', bits: 2048 });
  assert.deepEqual(csr.extensions.map((e) => [shortNameOf(e.oid) ?? e.oid, e.critical, extensionText(e)]), [
    ['pp_role', false, 'webserver'],
    ['1.3.6.1.4.1.34380.1.2.1', false, 'private value'],
  ]);
  assert.deepEqual(csr.attributes.map((a) => [a.oid, a.values.map((v) => decodeDerString(v))]), [['1.2.840.113549.1.9.7', ['challenge-pass']]]);
  assert.equal(await csr.verifySignature(), true);
});

test('a CSR from real Puppet with dns_alt_names and one with pp_auth_role', async () => {
  const alt = parseCsr(await csrFile('alt.example.test'));
  assert.deepEqual(alt.altNames, { dns: ['alt.example.test', 'www.example.test'], ip: ['192.0.2.7'], other: [] });
  const auth = parseCsr(await csrFile('auth.example.test'));
  assert.deepEqual(authorizationExtensions(auth.extensions), { pp_auth_role: 'admin' });
});

test('a CSR from real Puppet without options has no extensions', async () => {
  const csr = parseCsr(await csrFile('plain.example.test'));
  assert.equal(csr.commonName, 'plain.example.test');
  assert.equal(await csr.verifySignature(), true);
  assert.deepEqual(csr.extensions, []);
});

test('the CSR a real 7.23 agent sent on the wire parses, verifies and has Puppet\'s fingerprint', async () => {
  const csr = parseCsr(await readFile(join(FIXTURE, 'csr', 'wire-agent1.example.test.csr.pem'), 'utf8'));
  assert.equal(csr.commonName, 'agent1.example.test');
  assert.deepEqual(csr.publicKey, { type: 'rsa', bits: 4096 });
  assert.deepEqual(csr.extensions, []);
  assert.equal(await csr.verifySignature(), true);
  const expected = (await readFile(join(FIXTURE, 'csr', 'wire-agent1.fingerprint.txt'), 'utf8')).trim();
  assert.equal(`agent1.example.test ${puppetFingerprint(csr.der)}`, expected);
});

test('certname rules follow puppetserver', () => {
  for (const ok of ['a', 'web1', 'web-1.example.com', 'a_b.c', 'x.y.z', '0', 'ca']) assert.equal(certnameProblem(ok), undefined, ok);
  assert.equal(certnameProblem('Web'), 'Certificate names must be lower case.');
  assert.equal(certnameProblem('*.x'), 'Subject contains a wildcard, which is not allowed: *.x');
  for (const bad of ['', '.', '..', 'a..b', '.a', 'a.', '-a', 'a-', 'a.-b', 'a/b', '../x', 'a b', 'a\0b', 'é']) {
    assert.equal(certnameProblem(bad), 'Subject hostname format is invalid', JSON.stringify(bad));
  }
});

test('short names and OIDs', () => {
  assert.equal(resolveOid('pp_role'), '1.3.6.1.4.1.34380.1.1.13');
  assert.equal(resolveOid('pp_cli_auth'), '1.3.6.1.4.1.34380.1.3.39');
  assert.equal(resolveOid('1.2.3'), '1.2.3');
  assert.equal(resolveOid('nonsense'), undefined);
  assert.equal(shortNameOf('1.3.6.1.4.1.34380.1.3.13'), 'pp_auth_role');
});

test('DER helpers round-trip', () => {
  assert.equal(Buffer.from(derUtf8String('true')).toString('hex'), '0c0474727565');
  assert.equal(decodeDerString(derUtf8String('wébserver')), 'wébserver');
  for (const n of [0n, 1n, 127n, 128n, 255n, 256n, 0xcafen, 2n ** 70n]) assert.equal(readDerInteger(derInteger(n)), n);
  assert.equal(Buffer.from(derInteger(128n)).toString('hex'), '02020080');
  assert.equal(decodeDerString(Uint8Array.of(0x02, 0x01, 0x05)), undefined);
});

test('PEM bundles split into blocks and re-encode as OpenSSL writes them', async () => {
  const bundle = await readFile(join(FIXTURE, 'ca', 'ca_crt.pem'), 'utf8');
  const blocks = pemBlocks(bundle, 'CERTIFICATE');
  assert.equal(blocks.length, 2);
  assert.equal(blocks.map((b) => toPem(b.label, b.der)).join(''), bundle);
});

test('puppet timestamps', () => {
  assert.equal(formatPuppetTime(new Date('2026-11-28T17:24:19.999Z')), '2026-11-28T17:24:19UTC');
});
