// Puppet's checksum types (Puppet::Util::Checksums) computed the way the file
// server does: digests streamed from disk, times printed like Ruby's Time#to_s.
import { createHash } from 'node:crypto';
import { open, stat as fsStat } from 'node:fs/promises';
import type { Stats } from 'node:fs';

/** Every type Puppet knows, in Puppet's order (KNOWN_CHECKSUMS). */
export const KNOWN_CHECKSUM_TYPES = [
  'sha256', 'sha256lite', 'md5', 'md5lite', 'sha1', 'sha1lite', 'sha512', 'sha384', 'sha224', 'mtime', 'ctime', 'none',
] as const;
export type ChecksumType = (typeof KNOWN_CHECKSUM_TYPES)[number];

export function isChecksumType(value: string): value is ChecksumType {
  return (KNOWN_CHECKSUM_TYPES as readonly string[]).includes(value);
}

const DIGESTS: Record<string, { algorithm: string; lite: boolean }> = {
  sha256: { algorithm: 'sha256', lite: false },
  sha256lite: { algorithm: 'sha256', lite: true },
  md5: { algorithm: 'md5', lite: false },
  md5lite: { algorithm: 'md5', lite: true },
  sha1: { algorithm: 'sha1', lite: false },
  sha1lite: { algorithm: 'sha1', lite: true },
  sha512: { algorithm: 'sha512', lite: false },
  sha384: { algorithm: 'sha384', lite: false },
  sha224: { algorithm: 'sha224', lite: false },
};

/** True for the types that hash content (as opposed to mtime/ctime/none). */
export function isDigestType(type: string): boolean {
  return type in DIGESTS;
}

/** The Node hash algorithm behind a digest type, e.g. `sha256lite` -> `sha256`. */
export function digestAlgorithm(type: string): string | undefined {
  return DIGESTS[type]?.algorithm;
}

const CHUNK = 64 * 1024;

/**
 * Hex digest of a file's content, read in chunks (never whole into memory).
 * `*lite` types hash only the first 512 bytes. Opening follows symlinks, as
 * Ruby's File.open does. Throws the fs error (EISDIR, ENOENT, ...) as is.
 */
export async function digestFile(type: string, path: string): Promise<string> {
  const spec = DIGESTS[type];
  if (!spec) throw new Error(`Unsupported checksum type ${type}`);
  const hash = createHash(spec.algorithm);
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(spec.lite ? 512 : CHUNK);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
      if (spec.lite) break;
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}

/** Hex digest of in-memory content (for the file bucket and tests). */
export function digestContent(type: string, content: Uint8Array): string {
  const spec = DIGESTS[type];
  if (!spec) throw new Error(`Unsupported checksum type ${type}`);
  return createHash(spec.algorithm).update(spec.lite ? content.subarray(0, 512) : content).digest('hex');
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/**
 * Ruby's Time#to_s for a local time: `2013-10-01 13:16:10 -0700`. The offset
 * is the server's local zone at that instant (TZ of this process).
 */
export function rubyTimeToS(date: Date): string {
  const offsetMin = -date.getTimezoneOffset();
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())} ` +
    `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`
  );
}

/**
 * The value part of `{type}value` for a file, as `<type>_file(path)` does in
 * Puppet: a digest, a time (mtime/ctime via stat, which follows links) or ''.
 */
export async function checksumFileValue(type: string, path: string, statOf: (p: string) => Promise<Stats> = fsStat): Promise<string> {
  if (type === 'mtime') return rubyTimeToS((await statOf(path)).mtime);
  if (type === 'ctime') return rubyTimeToS((await statOf(path)).ctime);
  if (type === 'none') return '';
  return digestFile(type, path);
}

/**
 * Remembers content digests by file identity (device, inode, size, mtime,
 * ctime), so repeated metadata searches (every agent run's pluginsync) do not
 * re-read unchanged files. Any write changes ctime, which invalidates the
 * entry. Bounded: the oldest entries are dropped past `maxEntries`.
 */
export class DigestCache {
  private readonly entries = new Map<string, { stamp: string; hex: string }>();

  constructor(private readonly maxEntries = 100_000) {}

  async digest(type: string, path: string, st: Stats): Promise<string> {
    const key = `${type}\0${path}`;
    const stamp = `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
    const hit = this.entries.get(key);
    if (hit && hit.stamp === stamp) return hit.hex;
    const hex = await digestFile(type, path);
    this.entries.delete(key);
    this.entries.set(key, { stamp, hex });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return hex;
  }
}
