// The CA bootstrap with the real Puppet 7 agent against `bunraku server`:
// autosigned and manually signed certificates, the fingerprint the operator
// sees, the auth.conf matrix over real TLS, and 200 concurrent CSRs. Fails
// (never skips) when /usr/bin/puppet is missing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { webcrypto, X509Certificate } from 'node:crypto';
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { makeAuthority, issue, send, type KeyPairPem } from '../unit/server-fixtures.js';

const run = promisify(execFile);
const PUPPET = '/usr/bin/puppet';
const repo = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(repo, 'bin', 'bunraku.js');

let dir: string;
let serverDir: string;
let port: number;
let server: ChildProcess;
let serverOut = '';
let caPem: string;
let serverCreds: KeyPairPem;

function bunraku(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, [bin, ...args], { env: { ...process.env, BUNRAKU_FROM_SOURCE: '1' }, timeout: 120_000 });
}

const serverArgs = () => ['--confdir', join(serverDir, 'etc'), '--vardir', join(serverDir, 'var'), '--logdir', join(serverDir, 'log'), '--codedir', join(serverDir, 'code')];

interface AgentRun {
  code: number;
  output: string;
  ms: number;
}

/** One `puppet agent -t` for `certname`, everything under its own temp tree. */
function agent(certname: string, extra: string[] = []): Promise<AgentRun> {
  const base = join(dir, 'agents', certname);
  const args = [
    'agent', '-t', '--confdir', join(base, 'etc'), '--vardir', join(base, 'var'), '--logdir', join(base, 'log'),
    '--rundir', join(base, 'run'), '--codedir', join(base, 'code'), '--ssldir', join(base, 'ssl'), '--publicdir', join(base, 'public'),
    '--server', 'localhost', '--serverport', String(port), '--certname', certname, '--keylength', '2048', '--waitforcert', '0', ...extra,
  ];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(PUPPET, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, output, ms: performance.now() - started });
    });
  });
}

const agentSsl = (certname: string) => join(dir, 'agents', certname, 'ssl');
const agentCreds = (certname: string): KeyPairPem => ({
  cert: readFileSync(join(agentSsl(certname), 'certs', `${certname}.pem`), 'utf8'),
  key: readFileSync(join(agentSsl(certname), 'private_keys', `${certname}.pem`), 'utf8'),
});

before(async () => {
  assert.ok(existsSync(PUPPET), `The real Puppet agent is needed at ${PUPPET}`);
  x509.cryptoProvider.set(webcrypto as unknown as Crypto);
  dir = mkdtempSync(join(tmpdir(), 'bunraku-ca-bootstrap-'));
  serverDir = join(dir, 'server');
  const etc = join(serverDir, 'etc');
  // Names under .auto.test are autosigned; others wait for `bunraku ca sign`.
  writeFileSync(join(dir, 'autosign.conf'), '*.auto.test\n');
  server = spawn(process.execPath, [
    bin, 'server', ...serverArgs(), '--serverport', '0', '--bindaddress', '127.0.0.1', '--certname', 'puppet',
    '--dns_alt_names', 'puppet,localhost', '--autosign', join(dir, 'autosign.conf'), '--keylength', '2048',
  ], { env: { ...process.env, BUNRAKU_FROM_SOURCE: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bunraku server did not start:\n${serverOut}`)), 60_000);
    const onData = (d: Buffer) => {
      serverOut += d.toString();
      const m = /Listening on https:\/\/[^:]+:(\d+)/.exec(serverOut);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    server.stdout!.on('data', onData);
    server.stderr!.on('data', onData);
    server.on('exit', (code) => reject(new Error(`bunraku server exited with ${code}:\n${serverOut}`)));
  });
  caPem = readFileSync(join(etc, 'ssl', 'certs', 'ca.pem'), 'utf8');
  serverCreds = { cert: readFileSync(join(etc, 'ssl', 'certs', 'puppet.pem'), 'utf8'), key: readFileSync(join(etc, 'ssl', 'private_keys', 'puppet.pem'), 'utf8') };
});

after(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    await exited;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const signedDir = () => join(serverDir, 'etc', 'ssl', 'ca', 'signed');

/** The CA requests of one agent from the server's access log, with their durations. */
function caRequestsOf(certname: string): { line: string; ms: number }[] {
  const log = readFileSync(join(serverDir, 'log', 'access.log'), 'utf8').split('\n');
  return log.filter((l) => l.includes(`/puppet-ca/v1/certificate_request/${certname} `) || l.includes(`/puppet-ca/v1/certificate/${certname} `))
    .map((line) => ({ line, ms: Number(line.split(' ').at(-1)) }));
}

test('(a) autosign: the real agent gets its certificate in one run', async (t) => {
  const name = 'agent1.auto.test';
  const res = await agent(name, ['--http_debug']);
  const certPath = join(agentSsl(name), 'certs', `${name}.pem`);
  assert.ok(existsSync(certPath), `no certificate at ${certPath}; agent said:\n${res.output}`);
  assert.ok(existsSync(join(signedDir(), `${name}.pem`)));
  assert.equal(readFileSync(certPath, 'utf8').trim(), readFileSync(join(signedDir(), `${name}.pem`), 'utf8').trim());
  assert.doesNotMatch(res.output, /Exiting now because the waitforcert setting is set to 0/);
  // puppetserver's 30-second stall: after the CSR PUT (200, empty body) Ruby's
  // keep-alive probe blocked on a late TLS 1.3 session ticket until Jetty closed
  // the connection, logged by Net::HTTP as "Conn close because of EOF".
  assert.match(res.output, /PUT \/puppet-ca\/v1\/certificate_request\/agent1\.auto\.test/);
  assert.doesNotMatch(res.output, /Conn close because of EOF/);
  // (c) bootstrap cost on our side, from the access log (a note, not an assertion):
  // the first agent on a fresh server makes all the CA requests so far.
  const log = readFileSync(join(serverDir, 'log', 'access.log'), 'utf8').split('\n').filter((l) => l.includes('/puppet-ca/'));
  const parts = log.map((l) => `${/"(\w+) (\S+)/.exec(l)?.slice(1).join(' ')} ${l.split(' ').at(-1)} ms`);
  const total = log.reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0);
  t.diagnostic(`bootstrap on the server: ${total} ms in ${log.length} CA requests (${parts.join('; ')}); agent run ${Math.round(res.ms)} ms wall`);
});

test('(b) no autosign: CSR, exit 1, `bunraku ca sign`, the next run gets the cert; fingerprints agree', async (t) => {
  const name = 'agent2.example.test';
  const first = await agent(name);
  assert.equal(first.code, 1, first.output);
  assert.match(first.output, /Exiting now because the waitforcert setting is set to 0/);
  assert.ok(existsSync(join(serverDir, 'etc', 'ssl', 'ca', 'requests', `${name}.pem`)));
  const sign = await bunraku(['ca', 'sign', '--certname', name, ...serverArgs()]);
  t.diagnostic(`bunraku ca sign: ${sign.stdout.trim()}`);
  assert.ok(existsSync(join(signedDir(), `${name}.pem`)));
  const second = await agent(name);
  assert.ok(existsSync(join(agentSsl(name), 'certs', `${name}.pem`)), second.output);
  const fp = await run(PUPPET, ['agent', '--fingerprint', '--confdir', join(dir, 'agents', name, 'etc'), '--ssldir', agentSsl(name), '--certname', name]);
  const agentFp = /\(SHA256\) ([0-9A-F:]+)/.exec(fp.stdout)?.[1];
  assert.ok(agentFp, fp.stdout);
  const list = await bunraku(['ca', 'list', '--all', ...serverArgs()]);
  const line = list.stdout.split('\n').find((l) => l.includes(name));
  assert.ok(line, list.stdout);
  assert.ok(line.includes(agentFp), `"${line}" should show ${agentFp}`);
  const ca = caRequestsOf(name);
  t.diagnostic(`second run ${Math.round(second.ms)} ms wall; server time for CA requests of ${name}: ${ca.map((c) => c.ms).join(' + ')} ms`);
});

test('(d) auth matrix over real TLS with the default auth.conf', async () => {
  // Identities: none, own cert, another node's cert, a revoked cert, a cert from a foreign CA with the same name.
  // Self-contained when run alone (--test-name-pattern): (a) normally made this cert.
  if (!existsSync(join(agentSsl('agent1.auto.test'), 'certs', 'agent1.auto.test.pem'))) await agent('agent1.auto.test');
  const own = agentCreds('agent1.auto.test');
  await agent('other.auto.test');
  const other = agentCreds('other.auto.test');
  await agent('gone.auto.test');
  const revoked = agentCreds('gone.auto.test');
  const revoke = await send(port, '/puppet-ca/v1/certificate_status/gone.auto.test', {
    ca: caPem, client: serverCreds, method: 'PUT', body: '{"desired_state":"revoked"}', headers: { 'Content-Type': 'application/json' },
  });
  assert.equal(revoke.status, 204, revoke.text);
  const foreignCa = await makeAuthority('Puppet CA: elsewhere');
  const foreign = await issue(foreignCa, 'agent1.auto.test', '02');
  // Plus the server's own cert, which carries pp_cli_auth (how `puppetserver ca` reaches the CA API).
  const who: Record<string, KeyPairPem | undefined> = { none: undefined, own, other, revoked, foreign, cli: serverCreds };

  // Expected from puppetserver 7.9.5's default rules (auth.conf.default, spec/auth-conf.md §4):
  // F = 403 Forbidden; otherwise the endpoint's own answer ('ok' = anything but 403, for
  // endpoints other parts of Bunraku serve). puppetserver refuses the TLS handshake of a
  // revoked or foreign-CA cert; Bunraku treats them as unauthenticated, so their column
  // equals the no-cert column.
  const me = 'agent1.auto.test';
  const F = 403;
  const ok = 'ok';
  const matrix: [string, string, string | undefined, Record<string, number | 'ok'>][] = [
    ['GET', '/puppet-ca/v1/certificate/ca', undefined, { none: 200, own: 200, other: 200, revoked: 200, foreign: 200, cli: 200 }],
    ['GET', `/puppet-ca/v1/certificate/${me}`, undefined, { none: 200, own: 200, other: 200, revoked: 200, foreign: 200, cli: 200 }],
    ['GET', '/puppet-ca/v1/certificate_revocation_list/ca', undefined, { none: 200, own: 200, other: 200, revoked: 200, foreign: 200, cli: 200 }],
    ['GET', '/puppet-ca/v1/certificate_revocation_list/other', undefined, { none: F, own: F, other: F, revoked: F, foreign: F, cli: F }],
    ['PUT', '/puppet-ca/v1/certificate_revocation_list', 'x', { none: F, own: F, other: F, revoked: F, foreign: F, cli: ok }],
    ['GET', `/puppet-ca/v1/certificate_request/${me}`, undefined, { none: 404, own: 404, other: 404, revoked: 404, foreign: 404, cli: 404 }],
    ['DELETE', `/puppet-ca/v1/certificate_request/${me}`, undefined, { none: F, own: F, other: F, revoked: F, foreign: F, cli: F }],
    ['GET', `/puppet-ca/v1/certificate_status/${me}`, undefined, { none: F, own: F, other: F, revoked: F, foreign: F, cli: 200 }],
    ['GET', '/puppet-ca/v1/certificate_statuses/any', undefined, { none: F, own: F, other: F, revoked: F, foreign: F, cli: 200 }],
    ['GET', '/puppet-ca/v1/expirations', undefined, { none: F, own: 200, other: 200, revoked: F, foreign: F, cli: 200 }],
    ['PUT', '/puppet-ca/v1/clean', '{"certnames":[]}', { none: F, own: F, other: F, revoked: F, foreign: F, cli: 200 }],
    ['GET', '/status/v1/simple', undefined, { none: 200, own: 200, other: 200, revoked: 200, foreign: 200, cli: 200 }],
    ['GET', '/status/v1/services', undefined, { none: 200, own: 200, other: 200, revoked: 200, foreign: 200, cli: 200 }],
    ['GET', `/puppet/v3/node/${me}?environment=production`, undefined, { none: F, own: ok, other: F, revoked: F, foreign: F, cli: F }],
    ['POST', `/puppet/v3/catalog/${me}?environment=production`, 'environment=production', { none: F, own: ok, other: F, revoked: F, foreign: F, cli: F }],
    ['PUT', `/puppet/v3/report/${me}?environment=production`, '{}', { none: F, own: ok, other: F, revoked: F, foreign: F, cli: F }],
    ['PUT', `/puppet/v3/facts/${me}?environment=production`, '{}', { none: F, own: ok, other: F, revoked: F, foreign: F, cli: F }],
    ['GET', '/puppet/v3/file_metadatas/plugins?environment=production', undefined, { none: F, own: ok, other: ok, revoked: F, foreign: F, cli: ok }],
    ['GET', '/puppet/v3/file_content/modules/nosuch/x?environment=production', undefined, { none: F, own: ok, other: ok, revoked: F, foreign: F, cli: ok }],
    ['GET', '/puppet/v3/file_bucket_file/sha256/0?environment=production', undefined, { none: F, own: ok, other: ok, revoked: F, foreign: F, cli: ok }],
    ['GET', '/puppet/v3/static_file_content/modules/x/files/y?environment=production&code_id=1', undefined, { none: F, own: ok, other: ok, revoked: F, foreign: F, cli: ok }],
    ['GET', '/puppet/v3/environments', undefined, { none: F, own: ok, other: ok, revoked: F, foreign: F, cli: ok }],
    ['GET', '/puppet/v3/tasks?environment=production', undefined, { none: F, own: ok, other: ok, revoked: F, foreign: F, cli: ok }],
    ['POST', '/puppet/v4/catalog', '{}', { none: F, own: F, other: F, revoked: F, foreign: F, cli: F }],
    ['GET', '/puppet/v3/environment_classes?environment=production', undefined, { none: F, own: F, other: F, revoked: F, foreign: F, cli: F }],
    ['GET', '/metrics/v2/read', undefined, { none: F, own: F, other: F, revoked: F, foreign: F, cli: F }],
  ];
  const failures: string[] = [];
  for (const [method, path, body, expected] of matrix) {
    for (const [id, creds] of Object.entries(who)) {
      const res = await send(port, path, { ca: caPem, client: creds, method, body, headers: body ? { 'Content-Type': path.includes('catalog/') ? 'application/x-www-form-urlencoded' : 'application/json' } : {} });
      const want = expected[id]!;
      const good = want === 'ok' ? res.status !== 403 : res.status === want;
      if (!good) failures.push(`${method} ${path} as ${id}: got ${res.status}, want ${want}`);
      if (res.status === 403) assert.equal(res.text, `Forbidden request: ${path.split('?')[0]} (method :${method.toLowerCase()}). Please see the server logs for details.`);
    }
  }
  assert.deepEqual(failures, []);
});

test('(e) 200 concurrent CSRs with autosign: 200 distinct serials, inventory and signed/ agree, server still answers', async () => {
  // One key for all CSRs keeps the test fast; the CA signs per name.
  const alg = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
  const keys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as unknown as CryptoKeyPair;
  const names = Array.from({ length: 200 }, (_, i) => `load${i}.auto.test`);
  const csrs = await Promise.all(names.map(async (n) => (await x509.Pkcs10CertificateRequestGenerator.create({ name: `CN=${n}`, keys, signingAlgorithm: alg })).toString('pem')));
  const started = performance.now();
  const results = await Promise.all(names.map((n, i) =>
    send(port, `/puppet-ca/v1/certificate_request/${n}`, { ca: caPem, method: 'PUT', body: csrs[i], headers: { 'Content-Type': 'text/plain', Accept: 'text/plain' } })));
  const elapsed = performance.now() - started;
  assert.deepEqual(results.map((r) => r.status).filter((s) => s !== 200), []);
  const signed = new Set(readdirSync(signedDir()));
  for (const n of names) assert.ok(signed.has(`${n}.pem`), `${n} not signed`);
  const serials = names.map((n) => new X509Certificate(readFileSync(join(signedDir(), `${n}.pem`))).serialNumber);
  assert.equal(new Set(serials).size, 200);
  const inventory = readFileSync(join(serverDir, 'etc', 'ssl', 'ca', 'inventory.txt'), 'utf8').split('\n').filter((l) => l.trim() !== '');
  const invSerials = inventory.map((l) => l.split(' ')[0]!.replace(/^0x/, '').toUpperCase().replace(/^0+/, ''));
  assert.equal(new Set(invSerials).size, inventory.length, 'inventory serials are unique');
  for (const s of serials) assert.ok(invSerials.includes(s.replace(/^0+/, '')), `serial ${s} missing from inventory.txt`);
  const health = await send(port, '/status/v1/simple', { ca: caPem });
  assert.equal(health.status, 200);
  assert.equal(health.text, 'running');
  const cert = await send(port, `/puppet-ca/v1/certificate/${names[199]}`, { ca: caPem });
  assert.equal(cert.status, 200);
  process.stderr.write(`# 200 concurrent CSR PUTs (autosign) answered in ${Math.round(elapsed)} ms\n`);
});

test('(g) SIGHUP reloads auth.conf; a broken file keeps the rules in force', async () => {
  const authconf = join(serverDir, 'etc', 'auth.conf');
  const waitFor = async (re: RegExp) => {
    for (let i = 0; i < 100 && !re.test(serverOut); i++) await new Promise((r) => setTimeout(r, 100));
    assert.match(serverOut, re);
  };
  writeFileSync(authconf, 'authorization: { version: 1, rules: [ { match-request: { path: "/", type: path }, deny: "*", sort-order: 1, name: "closed" } ] }\n');
  server.kill('SIGHUP');
  await waitFor(/reloaded the authorization rules/);
  assert.equal((await send(port, '/status/v1/simple', { ca: caPem })).status, 403);
  writeFileSync(authconf, 'authorization: { broken\n');
  server.kill('SIGHUP');
  await waitFor(/keeping the current authorization rules/);
  assert.equal((await send(port, '/status/v1/simple', { ca: caPem })).status, 403);
  rmSync(authconf);
  server.kill('SIGHUP');
  await waitFor(/reloaded the authorization rules from .*default rules/);
  assert.equal((await send(port, '/status/v1/simple', { ca: caPem })).status, 200);
});

test('(f) SIGTERM stops the server gracefully with exit code 0', async () => {
  const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
  server.kill('SIGTERM');
  assert.equal(await exited, 0);
  assert.match(serverOut, /Caught SIGTERM/);
  assert.match(serverOut, /Stopped/);
});
