// Static catalogs (Puppet's Catalog::Compiler#inline_metadata): file metadata
// inlined into the catalog for File resources sourced from puppet:///modules/
// inside the environment, with `content_uri` pointing at the file's path in
// the environment so agents fetch it from static_file_content.
import { realpath } from 'node:fs/promises';
import { relative } from 'node:path';
import { KNOWN_CHECKSUM_TYPES, isChecksumType } from './checksums.js';
import { serverError } from './errors.js';
import type { FileServer } from './file-server.js';
import type { FileMetadata } from './metadata.js';
import type { FileServingEnvironment } from './environment.js';
import type { Query } from './options.js';

/** What inlining needs of a catalog resource. */
export interface CatalogFileResource {
  readonly type: string;
  readonly title: string;
  readonly parameters?: Readonly<Record<string, unknown>>;
}

export interface InlinedMetadata {
  /** `catalog.metadata`: title -> metadata (with `content_uri` and `source`). */
  readonly metadata: Record<string, FileMetadata>;
  /** `catalog.recursive_metadata`: title -> source -> metadata list (with `content_uri`). */
  readonly recursiveMetadata: Record<string, Record<string, FileMetadata[]>>;
}

/**
 * The first type in the agent's dot-separated `checksum_type` list that the
 * server knows, or undefined (Puppet then fails the compile).
 */
export function commonChecksumType(agentList: string | undefined): string | undefined {
  if (!agentList) return undefined;
  return agentList.split('.').find((t) => isChecksumType(t));
}

/** The compile error when there is no common type. */
export function noCommonChecksumError(agentList: string | undefined): Error {
  const master = `[${KNOWN_CHECKSUM_TYPES.map((t) => `:${t}`).join(', ')}]`;
  return serverError(`Unable to find a common checksum type between agent '${agentList ?? ''}' and master '${master}'.`);
}

/** A puppet: URI split into the parts inlining needs. */
function parseSource(source: string): { host: string; port: string; key: string; path: string } {
  const m = /^puppet:\/\/([^/]*)(\/.*)?$/.exec(source);
  const authority = m?.[1] ?? '';
  const path = m?.[2] ?? '/';
  const at = authority.lastIndexOf(':');
  const host = at >= 0 ? authority.slice(0, at) : authority;
  const port = at >= 0 ? `:${authority.slice(at + 1)}` : '';
  let key: string;
  try {
    key = decodeURIComponent(path.replace(/^\//, ''));
  } catch {
    key = path.replace(/^\//, '');
  }
  return { host, port, key, path };
}

function param(resource: CatalogFileResource, name: string): unknown {
  return resource.parameters?.[name];
}

function asQueryValue(value: unknown): string | string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map(String);
  return String(value);
}

/** Puppet::FileServing::Base#full_path of a metadata object. */
function fullPathOf(m: FileMetadata): string {
  const full = m.relative_path === null || m.relative_path === '' || m.relative_path === '.' ? m.path : `${m.path}/${m.relative_path}`;
  return full.replace(/\/\/+/g, '/');
}

function escapeRegExp(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

/**
 * Computes `metadata` and `recursive_metadata` for the File resources of a
 * catalog. `checksumType` is the common checksum type. Throws Puppet's
 * `Could not get metadata for <source>` when no source of a non-recursive
 * resource exists.
 */
export async function inlineMetadata(
  resources: readonly CatalogFileResource[],
  environment: FileServingEnvironment & { readonly dir: string },
  checksumType: string,
  fileServer: FileServer,
  certname?: string,
): Promise<InlinedMetadata> {
  const envPath = await realpath(environment.dir).catch(() => environment.dir);
  // inlineable_metadata?: unanchored, as in Puppet: <env>/<dir>/<module>/files/<something>.
  const inEnvironment = new RegExp(`${escapeRegExp(envPath)}/[^/]+/[^/]+/files/.+`);
  const metadata: Record<string, FileMetadata> = {};
  const recursiveMetadata: Record<string, Record<string, FileMetadata[]>> = {};
  const inlineable = (m: FileMetadata, source: string) => parseSource(source).path.startsWith('/modules/') && inEnvironment.test(fullPathOf(m));
  const contentUri = (m: FileMetadata, source: string) => {
    const { host, port } = parseSource(source);
    return `puppet://${host}${port}/${relative(envPath, fullPathOf(m))}`;
  };

  for (const resource of resources) {
    if (resource.type !== 'File') continue;
    const rawSource = param(resource, 'source');
    const sources = (Array.isArray(rawSource) ? rawSource.flat(Infinity) : [rawSource]).filter((s) => s !== undefined && s !== null).map(String);
    if (param(resource, 'ensure') === 'absent' || sources.length === 0 || !sources.every((s) => /^puppet:/.test(s))) continue;
    const recurse = param(resource, 'recurse');
    const query: Record<string, string | string[] | undefined> = {
      links: asQueryValue(param(resource, 'links')) ?? 'manage',
      checksum_type: asQueryValue(param(resource, 'checksum')) ?? checksumType,
      source_permissions: asQueryValue(param(resource, 'source_permissions')) ?? 'ignore',
    };
    if (recurse === true || recurse === 'true' || recurse === 'remote') {
      Object.assign(query, {
        recurse: 'true',
        recurselimit: asQueryValue(param(resource, 'recurselimit')),
        max_files: asQueryValue(param(resource, 'max_files')),
        ignore: asQueryValue(param(resource, 'ignore')),
      });
      let allInEnvironment = true;
      const bySource: Record<string, FileMetadata[]> = {};
      for (const raw of sources) {
        const source = raw.replace(/\/+$/, '');
        let list: FileMetadata[] | null;
        try {
          list = await fileServer.metadatas({ key: parseSource(source).key, query: query as Query, environment, ...(certname ? { certname } : {}) });
        } catch (err) {
          if ((err as { status?: number }).status === 404) list = null;
          else throw err;
        }
        if (!list) continue;
        const root = list.find((m) => m.relative_path === '.');
        if (!root || !inlineable(root, source)) {
          allInEnvironment = false;
          break;
        }
        const base = contentUri(root, source);
        for (const m of list) m.content_uri = m.relative_path === '.' ? base : `${base}/${m.relative_path}`;
        bySource[source] = list;
        const select = param(resource, 'sourceselect');
        if (select === undefined || select === null || select === 'first') break;
      }
      if (allInEnvironment && Object.keys(bySource).length > 0) recursiveMetadata[resource.title] = bySource;
    } else {
      let found: FileMetadata | undefined;
      for (const raw of sources) {
        const source = raw.replace(/\/+$/, '');
        try {
          found = await fileServer.metadata({ key: parseSource(source).key, query: query as Query, environment, ...(certname ? { certname } : {}) });
        } catch (err) {
          if ((err as { status?: number }).status === 404) continue;
          throw err;
        }
        found.source = source;
        break;
      }
      if (!found) {
        // Ruby interpolates the parameter value: an Array prints as its #inspect.
        const shown = Array.isArray(rawSource) ? `[${rawSource.map((s) => JSON.stringify(String(s))).join(', ')}]` : String(rawSource);
        throw serverError(`Could not get metadata for ${shown}`);
      }
      if (inlineable(found, found.source!)) {
        const { source, ...rest } = found;
        metadata[resource.title] = { ...rest, content_uri: contentUri(found, source!), source: source! };
      }
    }
  }
  return { metadata, recursiveMetadata };
}
