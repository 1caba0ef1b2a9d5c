// Parsed status data of cert and CSR files, kept per CA instance and reused
// while a file is unchanged (same inode, size and mtime; every write is an
// atomic rename, so a rewrite always shows as a new inode). Listing a CA with
// thousands of certs then costs a stat per file instead of an X.509 parse.
import { readFile, stat } from 'node:fs/promises';
import type { CertificateStatus } from './status.js';

export interface CachedStatus {
  /** The status with state `requested`, or `signed` for certs (revocation is applied by the caller). */
  status: CertificateStatus;
  /** Serial of a cert, to look up in the CRL. */
  serial?: bigint;
}

export class StatusCache {
  private readonly entries = new Map<string, { key: string; value: CachedStatus }>();

  /** The cached value for `path`, or `build(pem)` when the file is new or changed; undefined when it does not exist. */
  async get(path: string, build: (pem: string) => CachedStatus): Promise<CachedStatus | undefined> {
    const info = await stat(path, { bigint: true }).catch(() => undefined);
    if (!info) {
      this.entries.delete(path);
      return undefined;
    }
    const key = `${info.ino}:${info.size}:${info.mtimeNs}`;
    const hit = this.entries.get(path);
    if (hit && hit.key === key) return hit.value;
    const pem = await readFile(path, 'utf8').catch(() => undefined);
    if (pem === undefined) return undefined;
    const value = build(pem);
    this.entries.set(path, { key, value });
    return value;
  }
}
