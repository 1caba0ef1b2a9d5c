// Writing a host's credentials into an ssldir in Puppet's layout
// (certs/<name>.pem, private_keys/<name>.pem, public_keys/<name>.pem,
// certs/ca.pem, crl.pem), as `puppetserver ca generate` does.
import { join } from 'node:path';
import { stat } from 'node:fs/promises';
import { writeFileAtomic } from '../util/atomic-write.js';

export interface SslDirFiles {
  cert: string;
  privateKey: string;
  publicKey: string;
  caCert: string;
  crl: string;
}

export function sslDirFiles(ssldir: string, certname: string): SslDirFiles {
  return {
    cert: join(ssldir, 'certs', `${certname}.pem`),
    privateKey: join(ssldir, 'private_keys', `${certname}.pem`),
    publicKey: join(ssldir, 'public_keys', `${certname}.pem`),
    caCert: join(ssldir, 'certs', 'ca.pem'),
    crl: join(ssldir, 'crl.pem'),
  };
}

/** The host files that already exist (the gem refuses to overwrite them). */
export async function existingHostFiles(files: SslDirFiles): Promise<string[]> {
  const out: string[] = [];
  for (const path of [files.cert, files.privateKey, files.publicKey]) {
    if (await stat(path).then(() => true, () => false)) out.push(path);
  }
  return out;
}

/** Writes key (0640), public key, cert, and the CA cert and CRL when absent. */
export async function writeHostFiles(files: SslDirFiles, pems: { certPem: string; privateKeyPem: string; publicKeyPem: string; caPem: string; crlPem: string }): Promise<void> {
  await writeFileAtomic(files.privateKey, pems.privateKeyPem, { mode: 0o640, mkdirp: true });
  await writeFileAtomic(files.publicKey, pems.publicKeyPem, { mode: 0o644, mkdirp: true });
  await writeFileAtomic(files.cert, pems.certPem, { mode: 0o644, mkdirp: true });
  if (!(await stat(files.caCert).then(() => true, () => false))) await writeFileAtomic(files.caCert, pems.caPem, { mode: 0o644, mkdirp: true });
  if (!(await stat(files.crl).then(() => true, () => false))) await writeFileAtomic(files.crl, pems.crlPem, { mode: 0o644, mkdirp: true });
}
