// The CA service client (Puppet::HTTP::Service::Ca): CA bundle, CRL, CSR
// submission and certificate download under /puppet-ca/v1, all text/plain.
// The TLS context is given per call because the SSL bootstrap changes it at
// every step (insecure -> CA -> CA+CRL).
import type { TlsSettings } from './types.js';
import type { HttpClient } from './client.js';
import { HttpResponseError } from './errors.js';
import { Service, acceptFor, type ServiceSite } from './service.js';

export class CaService extends Service {
  constructor(client: HttpClient, site: ServiceSite, tls: TlsSettings) {
    super(client, '/puppet-ca/v1', site, tls);
  }

  /** GET certificate/<name>: the PEM text. 404 means "not signed yet" (HttpResponseError). */
  async getCertificate(name: string, tls: TlsSettings = this.tls): Promise<string> {
    const res = await this.check(await this.client.get(this.withBaseUrl(`/certificate/${name}`), {
      tls, headers: { Accept: acceptFor('ca') },
    }));
    return res.text();
  }

  /** The CA bundle; called with the insecure context during bootstrap. */
  getCaCert(tls: TlsSettings = this.tls): Promise<string> {
    return this.getCertificate('ca', tls);
  }

  /**
   * GET certificate_revocation_list/ca. With `ifModifiedSince`, a 304 reply
   * returns undefined ("keep what you have").
   */
  async getCrl(options: { ifModifiedSince?: Date; tls?: TlsSettings } = {}): Promise<string | undefined> {
    const headers: Record<string, string> = { Accept: acceptFor('ca') };
    if (options.ifModifiedSince) headers['If-Modified-Since'] = options.ifModifiedSince.toUTCString();
    const res = await this.client.get(this.withBaseUrl('/certificate_revocation_list/ca'), { tls: options.tls ?? this.tls, headers });
    if (res.status === 304 && options.ifModifiedSince) {
      await res.drain();
      return undefined;
    }
    return (await this.check(res)).text();
  }

  /** PUT certificate_request/<name> with the PEM CSR. Any 400 means "already submitted or refused". */
  async putCsr(name: string, csrPem: string, tls: TlsSettings = this.tls): Promise<void> {
    const res = await this.check(await this.client.put(this.withBaseUrl(`/certificate_request/${name}`), {
      tls, headers: { Accept: acceptFor('ca'), 'Content-Type': 'text/plain' }, body: csrPem,
    }));
    await res.drain();
  }

  /** GET certificate/<name>, undefined on 404. */
  async findCertificate(name: string, tls: TlsSettings = this.tls): Promise<string | undefined> {
    try {
      return await this.getCertificate(name, tls);
    } catch (err) {
      if (err instanceof HttpResponseError && err.status === 404) return undefined;
      throw err;
    }
  }
}
