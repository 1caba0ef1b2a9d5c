// The certificate scenario both interop tests run against their peer (bunraku
// server or real puppetserver): the steps and messages of a real 7.23 agent's
// first contact (puppet-wire trace-first-run.txt, runs A-D).
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { agentArgs, bunraku, exec, type Peer } from './agent-ssl-peers.js';

/** Real Puppet 7.23 reading the agent's directories (no server contact). */
function puppet(args: readonly string[], dir: string, certname: string) {
  const base = join(dir, certname);
  return exec('puppet', [...args, '--confdir', join(base, 'conf'), '--vardir', join(base, 'var'), '--ssldir', join(base, 'ssl'), '--certname', certname], { timeoutMs: 300_000 });
}

const plain = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');

const NOT_YET = "you might still need to sign this agent's certificate";

export async function certificateScenario(t: TestContext, peer: Peer, dir: string): Promise<void> {
  t.diagnostic(`${peer.kind} started in ${peer.startMs} ms on port ${peer.port}`);

  // 1. Autosigned agent: CA, CRL, CSR, cert in one run.
  const auto = peer.autoName;
  const autoRun = await bunraku(['agent', '-t', ...agentArgs(dir, auto, peer, ['--keylength', '2048'])]);
  t.diagnostic(`autosigned bootstrap: ${autoRun.ms} ms (exit ${autoRun.code})`);
  assert.match(autoRun.stdout, new RegExp(`Info: Downloaded certificate for ${auto.replace(/\./g, '\\.')} from https://localhost:${peer.port}/puppet-ca/v1`), autoRun.stdout + autoRun.stderr);
  const autoSsl = join(dir, auto, 'ssl');
  const autoCert = new X509Certificate(readFileSync(join(autoSsl, 'certs', `${auto}.pem`)));
  const caCert = new X509Certificate(readFileSync(join(autoSsl, 'certs', 'ca.pem')));
  assert.ok(autoCert.verify(caCert.publicKey), 'the cert is signed by the CA the agent downloaded');
  assert.ok(autoCert.checkPrivateKey((await import('node:crypto')).createPrivateKey(readFileSync(join(autoSsl, 'private_keys', `${auto}.pem`)))));
  assert.ok(existsSync(join(autoSsl, 'crl.pem')));
  assert.equal(existsSync(join(autoSsl, 'certificate_requests', `${auto}.pem`)), false);
  assert.equal((statSync(join(autoSsl, 'private_keys', `${auto}.pem`)).mode & 0o777).toString(8), '640');
  const autoFp = await bunraku(['agent', '--fingerprint', ...agentArgs(dir, auto, peer)]);
  assert.equal(autoFp.code, 0);
  assert.equal(autoFp.stdout.trim(), (await peer.list()).get(auto));

  // 2. Not autosigned: submit, print Puppet's two lines, exit 1.
  const name = 'agent1.example.test';
  const first = await bunraku(['agent', '-t', ...agentArgs(dir, name, peer)]);
  t.diagnostic(`unsigned first contact (4096-bit key): ${first.ms} ms`);
  assert.equal(first.code, 1, first.stdout + first.stderr);
  assert.ok(first.stdout.includes(`Couldn't fetch certificate from CA server; ${NOT_YET} (${name}).\nExiting now because the waitforcert setting is set to 0.\n`), first.stdout);
  const fpLine = /Info: Certificate Request fingerprint \(SHA256\): ([0-9A-F:]+)/.exec(first.stdout);
  assert.ok(fpLine, first.stdout);
  assert.ok(existsSync(join(dir, name, 'ssl', 'certificate_requests', `${name}.pem`)));
  const pendingFp = await bunraku(['agent', '--fingerprint', ...agentArgs(dir, name, peer)]);
  assert.equal(pendingFp.stdout.trim(), `(SHA256) ${fpLine[1]}`);
  assert.equal(pendingFp.stdout.trim(), (await peer.list()).get(name), 'the operator sees the same fingerprint on the CA');
  const realPendingFp = await puppet(['agent', '--fingerprint'], dir, name);
  assert.equal(realPendingFp.stdout.trim(), pendingFp.stdout.trim(), 'real `puppet agent --fingerprint` prints the same');

  // A second try before signing re-submits (400) and stops the same way.
  const again = await bunraku(['agent', '-t', ...agentArgs(dir, name, peer)]);
  assert.equal(again.code, 1);
  assert.ok(again.stdout.includes('Exiting now because the waitforcert setting is set to 0.'));

  // 3. The operator signs; the next run picks the cert up and drops the CSR.
  const signed = await peer.sign(name);
  assert.equal(signed.code, 0, signed.stdout + signed.stderr);
  const second = await bunraku(['agent', '-t', ...agentArgs(dir, name, peer)]);
  t.diagnostic(`run after signing: ${second.ms} ms`);
  assert.match(second.stdout, /Info: Downloaded certificate for agent1\.example\.test/, second.stdout + second.stderr);
  assert.equal(existsSync(join(dir, name, 'ssl', 'certificate_requests', `${name}.pem`)), false);
  const certFp = await bunraku(['agent', '--fingerprint', ...agentArgs(dir, name, peer)]);
  assert.equal(certFp.stdout.trim(), (await peer.list()).get(name));
  assert.notEqual(certFp.stdout.trim(), pendingFp.stdout.trim());
  const realCertFp = await puppet(['agent', '--fingerprint'], dir, name);
  assert.equal(realCertFp.stdout.trim(), certFp.stdout.trim());
  // Real Puppet accepts the SSL directory we wrote: key, cert, CA bundle, CRL.
  const verify = await puppet(['ssl', 'verify'], dir, name);
  assert.equal(verify.code, 0, plain(verify.stdout + verify.stderr));
  assert.match(plain(verify.stdout), new RegExp(`Verified client certificate 'CN=${name.replace(/\./g, '\\.')}' fingerprint ${certFp.stdout.trim().replace(/[()]/g, '\\$&')}`));

  if (peer.kind === 'puppetserver') {
    // With its certificate the agent classifies, syncs plugins, sends facts,
    // caches the catalog the real server compiled and applies it.
    assert.match(second.stdout, /Info: Caching catalog for agent1\.example\.test\nInfo: Applying configuration version/, second.stdout + second.stderr);
    const cached = JSON.parse(readFileSync(join(dir, name, 'var', 'client_data', 'catalog', `${name}.json`), 'utf8')) as { name: string; environment: string; resources: { type: string; title: string }[] };
    assert.equal(cached.name, name);
    assert.equal(cached.environment, 'production');
    assert.ok(cached.resources.some((r) => r.type === 'Notify' && r.title === 'hello'));
  }

  // 4. Steady state: nothing to download, no key or CSR made.
  const steady = await bunraku(['agent', '-t', ...agentArgs(dir, name, peer)]);
  t.diagnostic(`steady-state certificate step: ${steady.ms} ms`);
  assert.doesNotMatch(steady.stdout, /Creating a new|Downloaded certificate/);
  assert.doesNotMatch(steady.stderr, /certificate verify failed|does not match/);
}
