// The compiler service client (Puppet::HTTP::Service::Compiler): node
// classification, the catalog POST with Puppet 7's exact form encoding (facts
// JSON URL-encoded twice, `job_uuid`, environment repeated in the query), and
// the facts PUT used by resubmit_facts.
import type { TlsSettings } from './types.js';
import type { HttpClient } from './client.js';
import { queryEncode } from './encoding.js';
import { Service, acceptFor, mimeFor, type PreferredFormat, type ServiceSite } from './service.js';

/** The node object of GET /puppet/v3/node (schema node.json). */
export interface NodeObject {
  name: string;
  environment?: string;
  classes?: string[] | Record<string, unknown>;
  parameters?: Record<string, unknown>;
  [key: string]: unknown;
}

/** A facts document: `{name, values, timestamp, expiration}` or its JSON text. */
export type FactsDocument = string | { name: string; values: Record<string, unknown>; [key: string]: unknown };

export interface CatalogRequest {
  facts: FactsDocument;
  environment: string;
  configuredEnvironment?: string;
  checkEnvironment?: boolean;
  transactionUuid?: string;
  jobUuid?: string;
  staticCatalog?: boolean;
  /** supported_checksum_types, in order of preference. */
  checksumTypes?: readonly string[];
}

export const DEFAULT_CHECKSUM_TYPES = ['sha256', 'sha384', 'sha512', 'sha224', 'md5'] as const;

/**
 * The catalog POST body exactly as the 7.23 agent writes it: the serialized
 * facts are query-encoded once into the value, then every value is
 * query-encoded as a form field, so `{` travels as `%257B`.
 */
export function catalogFormBody(request: CatalogRequest, preferred: PreferredFormat = 'json'): string {
  const factsText = typeof request.facts === 'string' ? request.facts : JSON.stringify(request.facts);
  const fields: [string, string][] = [
    ['facts_format', preferred === 'pson' ? 'pson' : 'application/json'],
    ['facts', queryEncode(factsText)],
    ['environment', request.environment],
    ['configured_environment', request.configuredEnvironment ?? request.environment],
    ['check_environment', String(request.checkEnvironment ?? false)],
    ['transaction_uuid', request.transactionUuid ?? ''],
    ['job_uuid', request.jobUuid ?? ''],
    ['static_catalog', String(request.staticCatalog ?? true)],
    ['checksum_type', (request.checksumTypes ?? DEFAULT_CHECKSUM_TYPES).join('.')],
  ];
  return fields.map(([k, v]) => `${k}=${queryEncode(v)}`).join('&');
}

export class CompilerService extends Service {
  readonly #preferred: PreferredFormat;

  constructor(client: HttpClient, site: ServiceSite, tls: TlsSettings, options: { preferredFormat?: PreferredFormat } = {}) {
    super(client, '/puppet/v3', site, tls);
    this.#preferred = options.preferredFormat ?? 'json';
  }

  async getNode(name: string, options: { environment: string; configuredEnvironment?: string; transactionUuid?: string }): Promise<NodeObject> {
    const res = await this.check(await this.client.get(this.withBaseUrl(`/node/${name}`), {
      tls: this.tls,
      headers: { Accept: acceptFor('json', this.#preferred) },
      params: {
        environment: options.environment,
        configured_environment: options.configuredEnvironment ?? options.environment,
        transaction_uuid: options.transactionUuid,
      },
    }));
    return this.parse<NodeObject>(res, 'Puppet::Node');
  }

  /** POST catalog/<name>: the parsed catalog, its text as received, and its Content-Type. */
  async postCatalog(name: string, request: CatalogRequest): Promise<{ catalog: Record<string, unknown>; text: string; contentType: string | undefined }> {
    const res = await this.check(await this.client.post(this.withBaseUrl(`/catalog/${name}`), {
      tls: this.tls,
      headers: { Accept: acceptFor('catalog', this.#preferred), 'Content-Type': 'application/x-www-form-urlencoded' },
      params: { environment: request.environment },
      body: catalogFormBody(request, this.#preferred),
    }));
    const contentType = res.header('content-type');
    const { value, text } = await this.parseWithText<Record<string, unknown>>(res, 'Puppet::Resource::Catalog');
    return { catalog: value, text, contentType };
  }

  async putFacts(name: string, options: { environment: string; facts: FactsDocument }): Promise<void> {
    const body = typeof options.facts === 'string' ? options.facts : JSON.stringify(options.facts);
    const res = await this.check(await this.client.put(this.withBaseUrl(`/facts/${name}`), {
      tls: this.tls,
      headers: { Accept: acceptFor('json', this.#preferred), 'Content-Type': mimeFor(this.#preferred) },
      params: { environment: options.environment },
      body,
    }));
    await res.drain();
  }
}
