// File metadata exactly as Puppet::FileServing::Metadata#collect and
// #to_data_hash produce it: key order, numeric owner/group/mode, `{type}value`
// checksums, directories always `ctime` (of the search base, a Puppet quirk).
import { lstatSync, statSync, readlinkSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { join } from 'node:path';
import { checksumFileValue, isDigestType, rubyTimeToS, type DigestCache } from './checksums.js';
import { serverError } from './errors.js';
import type { Links, MetadataOptions } from './options.js';

/** One file_metadata object; property order is the wire order. */
export interface FileMetadata {
  path: string;
  relative_path: string | null;
  links: Links;
  owner: number;
  group: number;
  mode: number;
  checksum: { type: string; value: string | null };
  type: string;
  destination: string | null;
  content_uri?: string;
  source?: string;
}

/** Who the server runs as: reported as owner/group when source_permissions is ignore. */
export interface ServerIdentity {
  readonly uid: number;
  readonly gid: number;
}

export function processIdentity(): ServerIdentity {
  return { uid: process.geteuid?.() ?? 0, gid: process.getegid?.() ?? 0 };
}

/** Ruby's File::Stat#ftype names. */
export function ftypeOf(st: Stats): string {
  if (st.isFile()) return 'file';
  if (st.isDirectory()) return 'directory';
  if (st.isSymbolicLink()) return 'link';
  if (st.isFIFO()) return 'fifo';
  if (st.isSocket()) return 'socket';
  if (st.isCharacterDevice()) return 'characterSpecial';
  if (st.isBlockDevice()) return 'blockSpecial';
  return 'unknown';
}

/**
 * FileServing::Base#full_path: File.join(base, relative), with repeated
 * slashes collapsed. Ruby's File.join only puts one separator between the
 * parts; unlike path.join it resolves no `.` or `..` (and allocates less).
 */
export function fullPath(path: string, relativePath: string | null): string {
  const full = relativePath === null || relativePath === '' || relativePath === '.' ? path : `${path}/${relativePath}`;
  return full.includes('//') ? full.replace(/\/\/+/g, '/') : full;
}

/** Turns an fs error into the 500 Puppet's handler would send for the Errno. */
export function fsError(err: unknown, op: string, path: string): Error {
  const code = (err as NodeJS.ErrnoException)?.code;
  const text: Record<string, string> = {
    ENOENT: 'No such file or directory',
    EACCES: 'Permission denied',
    EISDIR: 'Is a directory',
    ENOTDIR: 'Not a directory',
    ELOOP: 'Too many levels of symbolic links',
  };
  if (code && text[code]) return serverError(`${text[code]} @ ${op} - ${path}`);
  return err instanceof Error ? err : new Error(String(err));
}

/**
 * Collects the metadata of `path` (+ `relativePath` for search entries).
 * `links: manage` uses lstat, `follow` uses stat.
 */
export async function collectMetadata(
  path: string,
  relativePath: string | null,
  options: MetadataOptions,
  identity: ServerIdentity,
  cache?: DigestCache,
): Promise<FileMetadata> {
  const real = fullPath(path, relativePath);
  let st: Stats;
  try {
    // Synchronous stats: microseconds each, cheaper than a thread-pool round trip (see fileset.ts).
    st = options.links === 'manage' ? lstatSync(real) : statSync(real);
  } catch (err) {
    throw fsError(err, options.links === 'manage' ? 'rb_file_s_lstat' : 'rb_file_s_stat', real);
  }
  const ignore = options.sourcePermissions === 'ignore';
  const owner = ignore ? identity.uid : st.uid;
  const group = ignore ? identity.gid : st.gid;
  const mode = (ignore ? 0o644 : st.mode) & 0o7777;
  const ftype = ftypeOf(st);
  let checksumType = options.checksumType;
  let value: string | null;
  let destination: string | null = null;
  try {
    switch (ftype) {
      case 'file':
        value =
          cache && isDigestType(checksumType)
            ? `{${checksumType}}${await cache.digest(checksumType, real, st)}`
            : `{${checksumType}}${await checksumFileValue(checksumType, real)}`;
        break;
      case 'directory':
        // Puppet timestamps directories with the ctime of the *base* path, not of the entry.
        checksumType = 'ctime';
        value = `{ctime}${rubyTimeToS(statSync(path).ctime)}`;
        break;
      case 'link':
        destination = readlinkSync(real);
        try {
          value = `{${checksumType}}${await checksumFileValue(checksumType, real)}`;
        } catch {
          value = null; // dangling link or link to a directory: Puppet rescues to nil
        }
        break;
      case 'fifo':
      case 'socket':
        checksumType = 'none';
        value = '{none}';
        break;
      default:
        throw serverError(`Cannot manage files of type ${ftype}`);
    }
  } catch (err) {
    if (err instanceof Error && err.name === 'PuppetHttpError') throw err;
    throw fsError(err, 'rb_sysopen', real);
  }
  return {
    path,
    relative_path: relativePath,
    links: options.links,
    owner,
    group,
    mode,
    checksum: { type: checksumType, value },
    type: ftype,
    destination,
  };
}
