// `bunraku ca`: output laid out as the real puppetserver-ca gem prints it,
// fingerprints as real `puppet agent --fingerprint` prints them, and each
// action's effect on a copy of the real puppetserver CA fixture.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { runCa } from '../../src/cli/ca.js';
import { formatStatusList } from '../../src/ca/list-format.js';
import type { CertificateStatus } from '../../src/ca/status.js';
import { parseCrls } from '../../src/x509/cert.js';
import { FIXTURE, tempDir } from './ca-helpers.js';

async function cli(dir: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const [action, ...rest] = argv;
  const code = await runCa([action, '--confdir', join(dir, 'conf'), '--ssldir', join(dir, 'ssl'), '--cadir', join(dir, 'ca'), ...rest], {
    out: (t) => { out += t; },
    err: (t) => { err += t; },
  });
  return { code, out, err };
}

async function setup(dir: string): Promise<void> {
  await cp(join(FIXTURE, 'ca'), join(dir, 'ca'), { recursive: true });
  await cp(join(FIXTURE, 'csr', 'plain.example.test.csr.pem'), join(dir, 'ca', 'requests', 'plain.example.test.pem'));
  await cp(join(FIXTURE, 'csr', 'alt.example.test.csr.pem'), join(dir, 'ca', 'requests', 'alt.example.test.pem'));
}

async function puppetFingerprint(name: string): Promise<string> {
  const line = (await readFile(join(FIXTURE, 'csr', 'puppet-fingerprints.txt'), 'utf8')).split('\n').find((l) => l.startsWith(`${name} `))!;
  return line.slice(name.length + 1);
}

for (const [input, missing] of [['wire-statuses', []], ['mixed-statuses', ['nosuch.example.test']], ['empty-statuses', []]] as const) {
  test(`list text for ${input} is what the puppetserver-ca gem prints`, async () => {
    const statuses = JSON.parse(await readFile(join(FIXTURE, 'list', `${input}.json`), 'utf8')) as CertificateStatus[];
    const expected = await readFile(join(FIXTURE, 'list', `${input}.gem-list.txt`), 'utf8');
    assert.equal(formatStatusList(statuses, [...missing]), expected);
  });
}

test('list shows pending requests with the fingerprints real Puppet prints', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    await setup(dir);
    const r = await cli(dir, 'list');
    assert.equal(r.code, 0, r.err);
    // Puppet prints "(SHA256) <hex>"; the list puts two spaces after the label.
    const alt = (await puppetFingerprint('alt.example.test')).replace('(SHA256) ', '');
    const plain = (await puppetFingerprint('plain.example.test')).replace('(SHA256) ', '');
    assert.equal(r.out, [
      'Requested Certificates:',
      `    alt.example.test         (SHA256)  ${alt}\talt names: ["IP:192.0.2.7", "DNS:alt.example.test", "DNS:www.example.test"]`,
      `    plain.example.test       (SHA256)  ${plain}`,
      '',
    ].join('\n'));
    const all = await cli(dir, 'list', '--all');
    assert.match(all.out, /^Requested Certificates:\n.*\n.*\nSigned Certificates:\n {4}puppet\.example\.test {7}\(SHA256\) {2}DE:15:DF:62:4E:EA:34:78.*\talt names: \["DNS:puppet", "DNS:puppet\.example\.test"\]\tauthorization extensions: \[pp_cli_auth: true\]\n$/);
    const one = await cli(dir, 'list', '--certname', 'plain.example.test,ghost.example.test');
    assert.equal(one.code, 1);
    assert.match(one.out, /Missing Certificates:\n {4}ghost\.example\.test\n$/);
    const json = JSON.parse((await cli(dir, 'list', '--format', 'json')).out) as { requested: { name: string; fingerprint: string }[] };
    assert.deepEqual(json.requested.map((s) => [s.name, s.fingerprint]), [['alt.example.test', alt], ['plain.example.test', plain]]);
  } finally {
    await cleanup();
  }
});

test('fingerprint prints what `puppet agent --fingerprint` printed for the same CSR', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    await setup(dir);
    const expected = await readFile(join(FIXTURE, 'csr', 'puppet-agent-fingerprint.plain.example.test.txt'), 'utf8');
    const r = await cli(dir, 'fingerprint', '--certname', 'plain.example.test');
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, expected);
    const missing = await cli(dir, 'fingerprint', '--certname', 'ghost.example.test');
    assert.equal(missing.code, 1);
    assert.match(missing.err, /No certificate or certificate request for ghost\.example\.test/);
  } finally {
    await cleanup();
  }
});

test('sign, revoke and clean act on the CA directory and say what they did', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    await setup(dir);
    const signed = await cli(dir, 'sign', '--certname', 'plain.example.test', '--ttl', '90d');
    assert.equal(signed.code, 0, signed.err);
    assert.match(signed.out, /^Successfully signed certificate request for plain\.example\.test \(serial 2, valid until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dUTC\)\n$/);
    assert.ok(await stat(join(dir, 'ca', 'signed', 'plain.example.test.pem')));

    // alt.example.test has extra SANs: refused with puppetserver's 409 text.
    const refused = await cli(dir, 'sign', '--certname', 'alt.example.test');
    assert.equal(refused.code, 1);
    assert.match(refused.err, /When attempting to sign certificate request 'alt\.example\.test', received\n {6}code: 409\n {6}body: CSR 'alt\.example\.test' contains extra subject alternative names/);
    const none = await cli(dir, 'sign', '--certname', 'ghost.example.test');
    assert.equal(none.code, 1);
    assert.match(none.err, /Could not find certificate request for ghost\.example\.test/);

    const revoked = await cli(dir, 'revoke', '--certname', 'plain.example.test');
    assert.equal(revoked.code, 0, revoked.err);
    assert.equal(revoked.out, 'Certificate for plain.example.test has been revoked\n');
    const [crl] = parseCrls(await readFile(join(dir, 'ca', 'ca_crl.pem'), 'utf8'));
    assert.deepEqual(crl.entries.map((e) => e.serial), [2n]);
    assert.match((await cli(dir, 'list', '--all')).out, /Revoked Certificates:\n {4}plain\.example\.test/);
    const unsigned = await cli(dir, 'revoke', '--certname', 'alt.example.test');
    assert.equal(unsigned.code, 24);
    assert.match(unsigned.err, /Could not revoke unsigned csr for alt\.example\.test/);

    const cleaned = await cli(dir, 'clean', '--certname', 'plain.example.test,alt.example.test');
    assert.equal(cleaned.code, 24, cleaned.err);
    assert.equal(cleaned.out, 'Certificate for plain.example.test has been revoked\nCleaned files related to plain.example.test\nCleaned files related to alt.example.test\n');
    assert.deepEqual(await readdir(join(dir, 'ca', 'requests')), []);
    assert.deepEqual(await readdir(join(dir, 'ca', 'signed')), ['puppet.example.test.pem']);
    const ghost = await cli(dir, 'clean', '--certname', 'ghost.example.test');
    assert.equal(ghost.code, 1);
    assert.match(ghost.err, /Could not find files to clean for ghost\.example\.test/);
    const nothing = await cli(dir, 'sign', '--all');
    assert.equal(nothing.code, 24);
    assert.match(nothing.err, /No waiting certificate requests to sign/);
  } finally {
    await cleanup();
  }
});

test('generate writes a key and a signed cert into the ssldir', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    await setup(dir);
    const r = await cli(dir, 'generate', '--certname', 'tool.example.test', '--dns-alt-names', 'tool2.example.test,IP:192.0.2.9', '--ca-client', '--keylength', '2048');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Successfully saved certificate for tool\.example\.test to .*certs\/tool\.example\.test\.pem/);
    const cert = await readFile(join(dir, 'ssl', 'certs', 'tool.example.test.pem'), 'utf8');
    assert.equal(cert, await readFile(join(dir, 'ca', 'signed', 'tool.example.test.pem'), 'utf8'));
    assert.match(await readFile(join(dir, 'ssl', 'private_keys', 'tool.example.test.pem'), 'utf8'), /BEGIN RSA PRIVATE KEY/);
    assert.equal((await stat(join(dir, 'ssl', 'private_keys', 'tool.example.test.pem'))).mode & 0o777, 0o640);
    assert.ok(await stat(join(dir, 'ssl', 'certs', 'ca.pem')));
    const list = await cli(dir, 'list', '--certname', 'tool.example.test');
    assert.match(list.out, /alt names: \["IP:192\.0\.2\.9", "DNS:tool2\.example\.test", "DNS:tool\.example\.test"\]\tauthorization extensions: \[pp_cli_auth: true\]/);
    const again = await cli(dir, 'generate', '--certname', 'tool.example.test');
    assert.equal(again.code, 1);
    assert.match(again.err, /Please delete these files if you really want to generate a new cert for tool\.example\.test/);
  } finally {
    await cleanup();
  }
});

test('a missing CA directory is reported, not created', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const r = await cli(dir, 'list');
    assert.equal(r.code, 1);
    assert.match(r.err, /No CA found in .*ca \(ca_crt\.pem is missing\)/);
    assert.deepEqual(await readdir(dir), []);
  } finally {
    await cleanup();
  }
});

test('--config FILE reads cadir from that puppet.conf, as the gem does', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    await setup(dir);
    const { mkdir, writeFile } = await import('node:fs/promises');
    await mkdir(join(dir, 'etc'));
    await writeFile(join(dir, 'etc', 'puppet.conf'), `[main]\nssldir = ${join(dir, 'ssl')}\n[server]\ncadir = ${join(dir, 'ca')}\n`);
    let out = '';
    const code = await runCa(['list', '--config', join(dir, 'etc', 'puppet.conf')], { out: (t) => { out += t; }, err: () => undefined });
    assert.equal(code, 0);
    assert.match(out, /^Requested Certificates:\n {4}alt\.example\.test/);
    let err = '';
    const bad = await runCa(['list', '--config', join(dir, 'etc', 'other.conf')], { out: () => undefined, err: (t) => { err += t; } });
    assert.equal(bad, 1);
    assert.match(err, /--config must name a file called puppet\.conf/);
  } finally {
    await cleanup();
  }
});
