// The remote file bucket client (file_bucket_file under /puppet/v3): HEAD to
// ask whether content is stored, PUT to store it, GET to fetch it back. Keys
// look like `sha256/<hex>` or `sha256/<hex>//etc/hosts` (note the `//`).
import type { TlsSettings } from './types.js';
import type { HttpClient } from './client.js';
import { HttpResponseError } from './errors.js';
import { Service, acceptFor, type ServiceSite } from './service.js';

export class FileBucketService extends Service {
  constructor(client: HttpClient, site: ServiceSite, tls: TlsSettings) {
    super(client, '/puppet/v3', site, tls);
  }

  /** True when the server already has this content (200), false on 404. */
  async head(key: string, o: { environment: string; bucketPath?: string }): Promise<boolean> {
    const res = await this.client.head(this.withBaseUrl(`/file_bucket_file/${key}`), {
      tls: this.tls, headers: { Accept: acceptFor('binary') }, params: { environment: o.environment, bucket_path: o.bucketPath },
    });
    if (res.status === 404) {
      await res.drain();
      return false;
    }
    await (await this.check(res)).drain();
    return true;
  }

  async get(key: string, o: { environment: string; bucketPath?: string; diffWith?: string; listAll?: boolean; fromdate?: string; todate?: string }): Promise<Buffer> {
    const res = await this.check(await this.client.get(this.withBaseUrl(`/file_bucket_file/${key}`), {
      tls: this.tls,
      headers: { Accept: acceptFor('binary') },
      params: { environment: o.environment, bucket_path: o.bucketPath, diff_with: o.diffWith, list_all: o.listAll, fromdate: o.fromdate, todate: o.todate },
    }));
    return res.buffer();
  }

  async put(key: string, content: Uint8Array, o: { environment: string }): Promise<void> {
    const res = await this.check(await this.client.put(this.withBaseUrl(`/file_bucket_file/${key}`), {
      tls: this.tls,
      headers: { Accept: acceptFor('binary'), 'Content-Type': 'application/octet-stream' },
      params: { environment: o.environment },
      body: content,
    }));
    await res.drain();
  }

  /** find that maps 404 to undefined. */
  async find(key: string, o: { environment: string }): Promise<Buffer | undefined> {
    try {
      return await this.get(key, o);
    } catch (err) {
      if (err instanceof HttpResponseError && err.status === 404) return undefined;
      throw err;
    }
  }
}
