// Request options of file_metadata(s) as Puppet's indirector hands them to the
// file server: links, checksum_type, source_permissions, recurse, recurselimit,
// max_files, ignore — normalised from the query and validated like Puppet does.
import { isChecksumType } from './checksums.js';
import { serverError } from './errors.js';

export type Links = 'manage' | 'follow';
export type SourcePermissions = 'ignore' | 'use' | 'use_when_creating';

export interface MetadataOptions {
  readonly links: Links;
  readonly checksumType: string;
  readonly sourcePermissions: SourcePermissions;
}

export interface SearchOptions extends MetadataOptions {
  readonly recurse: boolean;
  /** 'infinite' when not given. */
  readonly recurselimit: number | 'infinite';
  /** 0: warn above 1000 entries; -1 (any negative): unlimited; n > 0: error above n. */
  readonly maxFiles: number;
  readonly ignore: readonly string[];
}

/** A query value as the HTTP layer decoded it (strings, or Puppet-coerced scalars, or repeated keys). */
export type QueryValue = string | number | boolean | null | undefined | readonly (string | number | boolean)[];
export type Query = Readonly<Record<string, QueryValue>>;

function scalar(value: QueryValue): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.length ? String(value[value.length - 1]) : undefined;
  return String(value);
}

/** The server's digest_algorithm default. */
export const DEFAULT_CHECKSUM_TYPE = 'sha256';

export function parseMetadataOptions(query: Query, defaultChecksumType = DEFAULT_CHECKSUM_TYPE): MetadataOptions {
  let links: Links = 'manage';
  const rawLinks = scalar(query.links);
  if (rawLinks !== undefined && rawLinks !== '') {
    // Puppet maps :ignore to :manage (FileServing::Base#links=).
    const value = rawLinks === 'ignore' ? 'manage' : rawLinks;
    if (value !== 'manage' && value !== 'follow') throw serverError(':links can only be set to :manage or :follow');
    links = value;
  }
  const checksumType = scalar(query.checksum_type) || defaultChecksumType;
  if (!isChecksumType(checksumType)) throw serverError(`Unsupported checksum type ${checksumType}`);
  let sourcePermissions: SourcePermissions = 'ignore';
  const rawPerms = scalar(query.source_permissions);
  if (rawPerms !== undefined && rawPerms !== '') {
    if (rawPerms !== 'ignore' && rawPerms !== 'use' && rawPerms !== 'use_when_creating') {
      throw serverError(`Unsupported source_permission ${rawPerms}`);
    }
    sourcePermissions = rawPerms;
  }
  return { links, checksumType, sourcePermissions };
}

export function parseSearchOptions(query: Query, defaultChecksumType = DEFAULT_CHECKSUM_TYPE): SearchOptions {
  const base = parseMetadataOptions(query, defaultChecksumType);
  const rawRecurse = scalar(query.recurse);
  let recurse = false;
  if (rawRecurse !== undefined) {
    if (/^\d+$/.test(rawRecurse)) {
      throw serverError('Fileset recurse parameter must not be a number anymore, please use recurselimit');
    }
    // Puppet's Fileset only knows true/false here; "remote" (a File type value) counts as true.
    recurse = rawRecurse === 'true' || rawRecurse === 'remote';
  }
  let recurselimit: number | 'infinite' = 'infinite';
  const rawLimit = scalar(query.recurselimit);
  if (rawLimit !== undefined && rawLimit !== '' && rawLimit !== 'infinite') {
    const n = Number(rawLimit);
    if (!Number.isInteger(n)) throw serverError(`Invalid value for recurselimit: ${JSON.stringify(rawLimit)}`);
    recurselimit = n;
  }
  let maxFiles = 0;
  const rawMax = scalar(query.max_files);
  if (rawMax !== undefined && rawMax !== '') {
    const n = Number(rawMax);
    if (!Number.isInteger(n)) throw serverError(`Invalid value for max_files: ${JSON.stringify(rawMax)}`);
    maxFiles = n;
  }
  const rawIgnore = query.ignore;
  const ignore =
    rawIgnore === undefined || rawIgnore === null ? [] : (Array.isArray(rawIgnore) ? rawIgnore : [rawIgnore]).map(String);
  return { ...base, recurse, recurselimit, maxFiles, ignore };
}
