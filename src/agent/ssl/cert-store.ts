// The agent's SSL files on disk (Puppet::X509::CertProvider): CA bundle, CRLs,
// private key, client certificate and pending CSR, each under the path its
// setting names, written atomically with Puppet's modes (keys 0640, the rest
// 0644) into directories created with Puppet's modes (ssldir 0771, certs
// 0755, private_keys 0750, certificate_requests 0755). Missing files load as
// undefined; unreadable or corrupt ones raise.
import { mkdir, chmod, readFile, stat, unlink, utimes } from 'node:fs/promises';
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { parseCertificate, parseCertificates, parseCrls, type Certificate, type Crl } from './x509-objects.js';

export interface CertStorePaths {
  ssldir: string;
  certdir: string;
  privatekeydir: string;
  requestdir: string;
  localcacert: string;
  hostcrl: string;
  /** When set, the key/cert of the certname live here instead of <dir>/<certname>.pem. */
  hostprivkey?: string;
  hostcert?: string;
  /** File holding the private key password (Puppet's `passfile`). */
  passfile?: string;
}

const VALID_CERTNAME = /^[ -.0-~]+$/;

const DIR_MODES: [keyof CertStorePaths, number][] = [
  ['ssldir', 0o771],
  ['certdir', 0o755],
  ['privatekeydir', 0o750],
  ['requestdir', 0o755],
];

export class CertStore {
  readonly paths: Readonly<CertStorePaths>;

  constructor(paths: CertStorePaths) {
    this.paths = Object.freeze({ ...paths });
  }

  /** <dir>/<name lower-cased>.pem, refusing names Puppet refuses. */
  pathFor(dir: string, name: string): string {
    if (!VALID_CERTNAME.test(name)) throw new Error(`Certname ${JSON.stringify(name)} must not contain unprintable or non-ASCII characters`);
    return join(dir, `${name.toLowerCase()}.pem`);
  }

  keyPath(name: string): string {
    return this.paths.hostprivkey ?? this.pathFor(this.paths.privatekeydir, name);
  }

  certPath(name: string): string {
    return this.paths.hostcert ?? this.pathFor(this.paths.certdir, name);
  }

  requestPath(name: string): string {
    return this.pathFor(this.paths.requestdir, name);
  }

  // --- CA certificates -----------------------------------------------------

  async loadCaCerts(): Promise<Certificate[] | undefined> {
    const pem = await readOptional(this.paths.localcacert, 'Failed to load CA certificates from');
    return pem === undefined ? undefined : parseCertificates(pem);
  }

  async saveCaCerts(certs: readonly Certificate[]): Promise<void> {
    await this.#save(this.paths.localcacert, certs.map((c) => c.pem).join(''), 0o644, `Failed to save CA certificates to '${this.paths.localcacert}'`);
  }

  // --- CRLs ----------------------------------------------------------------

  async loadCrls(): Promise<Crl[] | undefined> {
    const pem = await readOptional(this.paths.hostcrl, 'Failed to load CRLs from');
    return pem === undefined ? undefined : parseCrls(pem);
  }

  async saveCrls(crls: readonly Crl[]): Promise<void> {
    await this.#save(this.paths.hostcrl, crls.map((c) => c.pem).join(''), 0o644, `Failed to save CRLs to '${this.paths.hostcrl}'`);
  }

  /** The CRL file's mtime: when it was last refreshed. */
  async crlLastUpdate(): Promise<Date | undefined> {
    try {
      return (await stat(this.paths.hostcrl)).mtime;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  async setCrlLastUpdate(time: Date): Promise<void> {
    await utimes(this.paths.hostcrl, time, time);
  }

  // --- private key ---------------------------------------------------------

  async loadPrivateKeyPassword(): Promise<Buffer | undefined> {
    if (!this.paths.passfile) return undefined;
    try {
      return await readFile(this.paths.passfile);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  async loadPrivateKey(name: string, password?: Buffer): Promise<KeyObject | undefined> {
    const path = this.keyPath(name);
    const pem = await readOptional(path, `Failed to load private key for '${name}' from`);
    if (pem === undefined) return undefined;
    try {
      return createPrivateKey({ key: pem, format: 'pem', passphrase: password ?? '' });
    } catch (err) {
      throw new Error(`Failed to load private key for host '${name}': ${(err as Error).message}`, { cause: err });
    }
  }

  /** Saves RSA keys as PKCS#1 and EC keys as SEC1, as Ruby's `to_pem` writes them (AES-128-CBC with a password). */
  async savePrivateKey(name: string, key: KeyObject, password?: Buffer): Promise<void> {
    const type = key.asymmetricKeyType === 'ec' ? 'sec1' : 'pkcs1';
    const pem = password
      ? key.export({ type, format: 'pem', cipher: 'aes-128-cbc', passphrase: password })
      : key.export({ type, format: 'pem' });
    await this.#save(this.keyPath(name), pem.toString(), 0o640, `Failed to save private key for '${name}'`);
  }

  // --- client certificate --------------------------------------------------

  async loadClientCert(name: string): Promise<Certificate | undefined> {
    const pem = await readOptional(this.certPath(name), `Failed to load client certificate for '${name}' from`);
    return pem === undefined ? undefined : parseCertificate(pem);
  }

  async saveClientCert(name: string, cert: Certificate): Promise<void> {
    await this.#save(this.certPath(name), cert.pem, 0o644, `Failed to save client certificate for '${name}'`);
  }

  // --- certificate request -------------------------------------------------

  async loadRequest(name: string): Promise<string | undefined> {
    return readOptional(this.requestPath(name), `Failed to load certificate request for '${name}' from`);
  }

  async saveRequest(name: string, pem: string): Promise<void> {
    await this.#save(this.requestPath(name), pem, 0o644, `Failed to save certificate request for '${name}'`);
  }

  async deleteRequest(name: string): Promise<boolean> {
    try {
      await unlink(this.requestPath(name));
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw new Error(`Failed to delete certificate request for '${name}': ${(err as Error).message}`, { cause: err });
    }
  }

  // --- directories ---------------------------------------------------------

  /** Creates the SSL directories that are missing, with Puppet's modes. */
  async ensureDirectories(): Promise<void> {
    for (const [setting, mode] of DIR_MODES) {
      const dir = this.paths[setting];
      if (typeof dir !== 'string') continue;
      await ensureDir(dir, mode);
    }
  }

  async #save(path: string, text: string, mode: number, failure: string): Promise<void> {
    try {
      await this.ensureDirectories();
      await ensureDir(dirname(path), 0o755);
      await writeFileAtomic(path, text, { mode });
      await chmod(path, mode); // the umask may have narrowed the mode
    } catch (err) {
      throw new Error(`${failure}: ${(err as Error).message}`, { cause: err });
    }
  }
}

async function ensureDir(dir: string, mode: number): Promise<void> {
  try {
    await stat(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    await mkdir(dir, { recursive: true, mode });
    await chmod(dir, mode);
  }
}

async function readOptional(path: string, failure: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`${failure} '${path}': ${(err as Error).message}`, { cause: err });
  }
}
