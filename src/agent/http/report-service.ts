// The report service client (Puppet::HTTP::Service::Report): PUT of a format
// 12 report, sent as JSON (or PSON when preferred), to report_server:report_port.
import type { TlsSettings } from './types.js';
import type { HttpClient } from './client.js';
import { ProtocolError, HttpResponseError } from './errors.js';
import { Service, acceptFor, mimeFor, type PreferredFormat, type ServiceSite } from './service.js';

export class ReportService extends Service {
  readonly #preferred: PreferredFormat;

  constructor(client: HttpClient, site: ServiceSite, tls: TlsSettings, options: { preferredFormat?: PreferredFormat } = {}) {
    super(client, '/puppet/v3', site, tls);
    this.#preferred = options.preferredFormat ?? 'json';
  }

  /** `report` is the report object or its serialized text. Returns the server's reply body (ignored by Puppet). */
  async putReport(name: string, report: string | object, o: { environment: string }): Promise<string> {
    const body = typeof report === 'string' ? report : JSON.stringify(report);
    const res = await this.client.put(this.withBaseUrl(`/report/${name}`), {
      tls: this.tls,
      headers: { Accept: acceptFor('json', this.#preferred), 'Content-Type': mimeFor(this.#preferred) },
      params: { environment: o.environment },
      body,
    });
    try {
      return await (await this.check(res)).text();
    } catch (err) {
      // Puppet's hint for servers older than 5.0 that cannot take JSON reports.
      const version = this.serverVersion;
      if (err instanceof HttpResponseError && this.#preferred !== 'pson' && version !== undefined && majorOf(version) < 5) {
        throw new ProtocolError(`To submit reports to a server running puppetserver ${version}, set preferred_serialization_format to pson`, { cause: err });
      }
      throw err;
    }
  }
}

function majorOf(version: string): number {
  return Number.parseInt(version, 10) || 0;
}
