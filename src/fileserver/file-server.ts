// The file server's endpoints as plain functions over parsed parameters:
// file_metadata (find), file_metadatas (search) and file_content. HTTP
// handlers call these and render the result; errors are PuppetHttpError.
import { open } from 'node:fs/promises';
import { badRequest, notFound, searchNotFound } from './errors.js';
import { fsError } from './metadata.js';
import { collectMetadata, processIdentity, type FileMetadata, type ServerIdentity } from './metadata.js';
import { mergeFilesets, type LogFn } from './fileset.js';
import { mountFind, mountSearch, type Mount, type MountContext } from './mounts.js';
import { FileserverConfig } from './config.js';
import { DigestCache } from './checksums.js';
import { parseMetadataOptions, parseSearchOptions, type Query, type MetadataOptions, type SearchOptions } from './options.js';
import type { FileServingEnvironment } from './environment.js';

export interface FileServerSettings {
  /** `$confdir/fileserver.conf`; undefined means built-in mounts only. */
  readonly fileserverConfig?: string;
  /** Puppet[:codedir], the root entry of plugin searches when no modulepath exists. */
  readonly codedir: string;
  /** Reported as owner/group when source_permissions=ignore; default: this process's euid/egid. */
  readonly identity?: ServerIdentity;
  /** Puppet[:digest_algorithm], the checksum type when none is requested. */
  readonly digestAlgorithm?: string;
  readonly log?: LogFn;
}

/** One file_metadata(s)/file_content request, already parsed by the HTTP layer. */
export interface FileRequest {
  /** The URL key after `/puppet/v3/<indirection>/`, percent-decoded: `<mount>/<path>`. */
  readonly key: string;
  readonly query: Query;
  readonly environment: FileServingEnvironment;
  /** The authenticated client's certname (for %h/%H/%d in custom mounts). */
  readonly certname?: string;
}

/** What a file_content handler streams: `Content-Type: application/octet-stream`, `Content-Length: size`. */
export interface FileContent {
  readonly path: string;
  readonly size: number;
  readonly stream: NodeJS.ReadableStream & { destroy(): void };
}

/** Files hashed at once during a search. */
const SEARCH_CONCURRENCY = 16;

export class FileServer {
  private readonly config: FileserverConfig;
  private readonly identity: ServerIdentity;
  private readonly digests = new DigestCache();

  constructor(private readonly settings: FileServerSettings) {
    this.config = new FileserverConfig(settings.fileserverConfig, settings.log);
    this.identity = settings.identity ?? processIdentity();
  }

  /**
   * Configuration#split_path: the mount and the path inside it (null when
   * empty). Unknown mount → mount undefined (the caller answers 404).
   */
  async splitKey(key: string): Promise<{ mount: Mount | undefined; path: string | null }> {
    const slash = key.indexOf('/');
    const mountName = slash < 0 ? key : key.slice(0, slash);
    const rest = slash < 0 ? undefined : key.slice(slash + 1);
    if (!/^[-\w]+$/.test(mountName)) throw badRequest(`Cannot find file: Invalid mount '${mountName}'`);
    if (rest !== undefined && rest.split('/').includes('..')) throw badRequest(`Cannot find file: Invalid relative path '${rest}'`);
    const mounts = await this.config.current();
    const mount = mounts.get(mountName);
    const path: string | null = rest === undefined || rest === '' ? null : rest.replace(/\/+/g, '/');
    return { mount, path };
  }

  private context(request: FileRequest): MountContext {
    return request.certname === undefined
      ? { env: request.environment, codedir: this.settings.codedir }
      : { env: request.environment, codedir: this.settings.codedir, node: request.certname };
  }

  /** Resolves a key to the file path a find would serve, or null. */
  async resolve(request: FileRequest): Promise<string | null> {
    const { mount, path } = await this.splitKey(request.key);
    if (!mount) return null;
    return mountFind(mount, path, this.context(request));
  }

  /** GET file_metadata/<key>: one metadata object, or 404 `Could not find file_metadata <key>`. */
  async metadata(request: FileRequest): Promise<FileMetadata> {
    const options = parseMetadataOptions(request.query, this.settings.digestAlgorithm);
    const path = await this.resolve(request);
    if (path === null) throw notFound('file_metadata', request.key);
    return this.metadataAt(path, options);
  }

  /** Metadata of an absolute path (used by static catalog inlining). */
  metadataAt(path: string, options: MetadataOptions): Promise<FileMetadata> {
    return collectMetadata(path, null, options, this.identity, this.digests);
  }

  /** GET file_metadatas/<key>: root entry first, or 404 `Could not find instances in file_metadata with '<key>'`. */
  async metadatas(request: FileRequest): Promise<FileMetadata[]> {
    const options = parseSearchOptions(request.query, this.settings.digestAlgorithm);
    const { mount, path } = await this.splitKey(request.key);
    const bases = mount ? await mountSearch(mount, path, this.context(request)) : null;
    if (!bases) {
      this.settings.log?.('info', `Could not find filesystem info for file '${request.key}' in environment ${request.environment.name}`);
      throw searchNotFound('file_metadata', request.key);
    }
    return this.searchPaths(bases.paths, bases.forceNoRecurse ? { ...options, recurse: false } : options);
  }

  /** Metadata of every entry under the given base paths, merged (first base wins). */
  async searchPaths(paths: readonly string[], options: SearchOptions): Promise<FileMetadata[]> {
    const merged = [...(await mergeFilesets(paths, options, this.settings.log))];
    // Collect with bounded concurrency; the result keeps the fileset order.
    const result: FileMetadata[] = new Array(merged.length);
    let next = 0;
    const worker = async () => {
      while (next < merged.length) {
        const i = next++;
        const [relative, base] = merged[i]!;
        result[i] = await collectMetadata(base, relative, options, this.identity, this.digests);
      }
    };
    await Promise.all(Array.from({ length: Math.min(SEARCH_CONCURRENCY, merged.length) }, worker));
    return result;
  }

  /** GET file_content/<key>: a stream of the file, or 404 `Could not find file_content <key>`. */
  async content(request: FileRequest): Promise<FileContent> {
    const path = await this.resolve(request);
    if (path === null) throw notFound('file_content', request.key);
    return openContent(path);
  }
}

/** Opens a file for streaming; refuses directories and unreadable files with Puppet's 500. */
export async function openContent(path: string): Promise<FileContent> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    throw fsError(err, 'rb_sysopen', path);
  }
  const st = await handle.stat();
  if (st.isDirectory()) {
    await handle.close();
    throw fsError(Object.assign(new Error('EISDIR'), { code: 'EISDIR' }), 'io_fread', path);
  }
  return { path, size: st.size, stream: handle.createReadStream({ start: 0 }) };
}
