// The file server client (Puppet::HTTP::Service::FileServer): metadata of one
// file or a tree, and content streamed (never buffered whole) from
// file_content or, for static catalogs, static_file_content.
import type { Readable } from 'node:stream';
import type { TlsSettings } from './types.js';
import type { HttpClient } from './client.js';
import { HttpResponseError } from './errors.js';
import { Service, acceptFor, type PreferredFormat, type ServiceSite } from './service.js';

/** One entry of file_metadata(s) (schema file_metadata.json). */
export interface FileMetadata {
  path: string;
  relative_path: string | null;
  links: string;
  owner: number;
  group: number;
  mode: number;
  type: 'file' | 'directory' | 'link' | string;
  destination: string | null;
  checksum: { type: string; value: string };
  source?: string;
  content_uri?: string;
  [key: string]: unknown;
}

export interface MetadataOptions {
  environment: string;
  links?: 'manage' | 'follow';
  checksumType?: string;
  sourcePermissions?: 'ignore' | 'use' | 'use_when_creating';
}

export interface MetadatasOptions extends MetadataOptions {
  recurse?: boolean;
  recurselimit?: number;
  maxFiles?: number;
  ignore?: readonly string[];
}

function validatePath(path: string): void {
  if (!path.startsWith('/')) throw new Error(`Path must start with a slash: "${path}"`);
}

export class FileServerService extends Service {
  readonly #preferred: PreferredFormat;

  constructor(client: HttpClient, site: ServiceSite, tls: TlsSettings, options: { preferredFormat?: PreferredFormat } = {}) {
    super(client, '/puppet/v3', site, tls);
    this.#preferred = options.preferredFormat ?? 'json';
  }

  /** `path` is `/<mount>/<path>`, e.g. `/modules/demo/motd`. */
  async getFileMetadata(path: string, o: MetadataOptions): Promise<FileMetadata> {
    validatePath(path);
    const res = await this.check(await this.client.get(this.withBaseUrl(`/file_metadata${path}`), {
      tls: this.tls,
      headers: { Accept: acceptFor('json', this.#preferred) },
      params: {
        links: o.links ?? 'manage',
        checksum_type: o.checksumType ?? 'sha256',
        source_permissions: o.sourcePermissions ?? 'ignore',
        environment: o.environment,
      },
    }));
    return this.parse<FileMetadata>(res, 'Puppet::FileServing::Metadata');
  }

  async getFileMetadatas(path: string, o: MetadatasOptions): Promise<FileMetadata[]> {
    validatePath(path);
    const res = await this.check(await this.client.get(this.withBaseUrl(`/file_metadatas${path}`), {
      tls: this.tls,
      headers: { Accept: acceptFor('json', this.#preferred) },
      params: {
        recurse: o.recurse ?? false,
        recurselimit: o.recurselimit,
        max_files: o.maxFiles,
        ignore: o.ignore,
        links: o.links ?? 'manage',
        checksum_type: o.checksumType ?? 'sha256',
        source_permissions: o.sourcePermissions ?? 'ignore',
        environment: o.environment,
      },
    }));
    return this.parse<FileMetadata[]>(res, 'Puppet::FileServing::Metadata');
  }

  /** The decompressed content stream; the caller must consume it. */
  async getFileContent(path: string, o: { environment: string }): Promise<Readable> {
    validatePath(path);
    const res = await this.check(await this.client.get(this.withBaseUrl(`/file_content${path}`), {
      tls: this.tls, headers: { Accept: acceptFor('binary') }, params: { environment: o.environment },
    }));
    return res.stream();
  }

  /** `path` is the content_uri path, e.g. `/modules/demo/files/motd`. */
  async getStaticFileContent(path: string, o: { environment: string; codeId: string }): Promise<Readable> {
    validatePath(path);
    const res = await this.check(await this.client.get(this.withBaseUrl(`/static_file_content${path}`), {
      tls: this.tls, headers: { Accept: acceptFor('binary') }, params: { environment: o.environment, code_id: o.codeId },
    }));
    return res.stream();
  }

  /** Search that maps 404 to an empty list, as the agent's pluginsync does. */
  async findFileMetadatas(path: string, o: MetadatasOptions): Promise<FileMetadata[]> {
    try {
      return await this.getFileMetadatas(path, o);
    } catch (err) {
      if (err instanceof HttpResponseError && err.status === 404) return [];
      throw err;
    }
  }
}
