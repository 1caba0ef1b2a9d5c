// The agent's CSRs against CSRs made by real Puppet 7.23 from the same key and
// settings (test/fixtures/agent-ssl/README.md): RSA signatures are
// deterministic, so the PEM must match byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import 'reflect-metadata';
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { Pkcs10CertificateRequest } from '@peculiar/x509';
import { parse } from 'yaml';
import { buildCsr, subjectAltNames } from '../../src/agent/ssl/csr.js';

const fixtures = new URL('../fixtures/agent-ssl/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, fixtures), 'utf8');
const key = createPrivateKey(read('test-key-rsa2048.pem'));
const attrs = parse(read('csr_attributes.yaml')) as { custom_attributes: Record<string, string>; extension_requests: Record<string, string> };

test('a CSR without alt names or attributes equals Puppet\'s', () => {
  assert.equal(buildCsr({ certname: 'agent1.example.test', privateKey: key }).pem, read('csr-plain.pem'));
});

test('dns_alt_names: certname added, DNS: prefixed, sorted, IPv4 and IPv6 encoded as Puppet does', () => {
  const csr = buildCsr({
    certname: 'agent1.example.test', privateKey: key,
    dnsAltNames: 'puppet, IP:10.0.0.5,DNS:alpha.example.test,zeta.example.test,IP:::1',
  });
  assert.equal(csr.pem, read('csr-alt.pem'));
});

test('csr_attributes: custom attributes and extension requests by short name and OID equal Puppet\'s', () => {
  const csr = buildCsr({
    certname: 'agent1.example.test', privateKey: key, dnsAltNames: 'zeta.example.test,puppet',
    customAttributes: attrs.custom_attributes, extensionRequests: attrs.extension_requests,
  });
  assert.equal(csr.pem, read('csr-full.pem'));
});

test('the SAN list is sorted and de-duplicated, with the certname once', () => {
  assert.deepEqual(subjectAltNames('web1', 'web1, DNS:web1,b,IP:10.0.0.1,a'), ['DNS:a', 'DNS:b', 'DNS:web1', 'IP:10.0.0.1']);
  assert.deepEqual(subjectAltNames('web1', ''), []);
  assert.deepEqual(subjectAltNames('web1', []), []);
});

test('reserved attributes and extensions are refused with Puppet\'s messages', () => {
  assert.throws(() => buildCsr({ certname: 'a', privateKey: key, customAttributes: { extReq: 'x' } }),
    /Cannot specify CSR attribute extReq: conflicts with internally used CSR attribute/);
  assert.throws(() => buildCsr({ certname: 'a', privateKey: key, extensionRequests: { '2.5.29.17': 'x' } }),
    /Cannot specify CSR extension request 2.5.29.17: conflicts with internally used extension request/);
  assert.throws(() => buildCsr({ certname: 'a', privateKey: key, extensionRequests: { pp_nonsense: 'x' } }),
    /Cannot create CSR with extension request pp_nonsense/);
});

test('an EC key gives an ecdsa-with-SHA256 CSR whose signature verifies', async () => {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const csr = new Pkcs10CertificateRequest(buildCsr({ certname: 'agent2.example.test', privateKey, dnsAltNames: 'puppet' }).pem);
  assert.equal(csr.subject, 'CN=agent2.example.test');
  assert.equal(csr.signatureAlgorithm.name, 'ECDSA');
  assert.ok(await csr.verify());
});
