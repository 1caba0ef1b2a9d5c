// Shared helpers for the CA tests: temp CA directories (fresh or copied from
// the real puppetserver fixture), CSRs made with Node, and openssl checks.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CertificateAuthority, type CaOptions } from '../../src/ca/authority.js';
import { createCsr, type ParsedCsr } from '../../src/x509/csr.js';
import { generateRsaKeyPair } from '../../src/x509/keys.js';

export const FIXTURE = fileURLToPath(new URL('../fixtures/puppetserver-ca/', import.meta.url));

export async function tempDir(prefix = 'bunraku-ca-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A copy of the real puppetserver CA directory, opened. */
export async function fixtureCa(dir: string, options: Partial<CaOptions> = {}): Promise<CertificateAuthority> {
  const cadir = join(dir, 'ca');
  await cp(join(FIXTURE, 'ca'), cadir, { recursive: true });
  return CertificateAuthority.open({ cadir, keylength: 2048, ...options });
}

/** A fresh CA made by our own first-start code (2048-bit for speed). */
export async function freshCa(dir: string, options: Partial<CaOptions> = {}): Promise<CertificateAuthority> {
  const ca = await CertificateAuthority.open({ cadir: join(dir, 'ca'), keylength: 2048, ...options });
  await ca.ensureCa({ caName: 'Puppet CA: puppet.test' });
  return ca;
}

let sharedKey: Promise<string> | undefined;
/** One 2048-bit key reused by tests that do not care whose key it is. */
export function testKey(): Promise<string> {
  sharedKey ??= generateRsaKeyPair(2048).then((k) => k.privateKeyPem);
  return sharedKey;
}

export async function agentCsr(certname: string, extra: { dnsAltNames?: string[]; extensionRequests?: Record<string, string>; privateKeyPem?: string } = {}): Promise<ParsedCsr> {
  return createCsr({ certname, privateKeyPem: extra.privateKeyPem ?? (await testKey()), dnsAltNames: extra.dnsAltNames, extensionRequests: extra.extensionRequests });
}
