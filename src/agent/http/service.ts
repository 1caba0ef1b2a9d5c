// What every typed service shares (Puppet::HTTP::Service): a base URL built
// from server and port, Puppet's path encoding, Accept lists per model, the
// mapping of non-2xx replies to HttpResponseError, and body parsing by
// Content-Type (JSON and PSON accepted; YAML refused as Puppet refuses it).
import type { TlsSettings } from './types.js';
import type { ClientResponse, HttpClient } from './client.js';
import { HttpResponseError, ProtocolError, SerializationError } from './errors.js';
import { pathEncode } from './encoding.js';

export interface ServiceSite {
  readonly server: string;
  readonly port: number;
}

/** preferred_serialization_format: `json` (the default) or `pson`. */
export type PreferredFormat = 'json' | 'pson';

/** The Accept header the 7.23 agent sends per model (no msgpack gem; http-api.md §2). */
export function acceptFor(model: 'catalog' | 'json' | 'binary' | 'ca', preferred: PreferredFormat = 'json'): string {
  switch (model) {
    case 'catalog':
      return preferred === 'pson'
        ? 'text/pson, application/vnd.puppet.rich+json, application/json'
        : 'application/vnd.puppet.rich+json, application/json, text/pson';
    case 'json':
      return preferred === 'pson' ? 'text/pson, application/json' : 'application/json, text/pson';
    case 'binary':
      return 'application/octet-stream';
    case 'ca':
      return 'text/plain';
  }
}

export function mimeFor(preferred: PreferredFormat): string {
  return preferred === 'pson' ? 'text/pson' : 'application/json';
}

export abstract class Service {
  readonly url: URL;
  protected readonly client: HttpClient;
  protected readonly tls: TlsSettings;
  /** X-Puppet-Version of the last response from this service's site. */
  serverVersion: string | undefined;

  constructor(client: HttpClient, api: string, site: ServiceSite, tls: TlsSettings) {
    this.client = client;
    this.tls = tls;
    const host = site.server.includes(':') && !site.server.startsWith('[') ? `[${site.server}]` : site.server;
    this.url = new URL(`https://${host}:${site.port}${api}`);
  }

  protected withBaseUrl(path: string): URL {
    return new URL(`${this.url.href}${pathEncode(path)}`);
  }

  /** Records the server version; throws HttpResponseError (reading the body) on non-2xx. */
  protected async check(response: ClientResponse): Promise<ClientResponse> {
    const version = response.header('x-puppet-version');
    if (version !== undefined) this.serverVersion = version;
    if (response.ok) return response;
    const body = await response.text().catch(() => '');
    throw new HttpResponseError({
      status: response.status, reason: response.reason, body, contentType: response.header('content-type'),
      url: response.url, headers: response.headers,
    });
  }

  /** Parses a JSON/PSON body; `what` names the model in error messages. */
  protected async parse<T>(response: ClientResponse, what: string): Promise<T> {
    return (await this.parseWithText<T>(response, what)).value;
  }

  protected async parseWithText<T>(response: ClientResponse, what: string): Promise<{ value: T; text: string }> {
    const type = response.mediaType;
    if (type === undefined) throw new ProtocolError('No content type in http response; cannot parse');
    if (!/^(application\/json|application\/vnd\.puppet\.rich\+json|text\/pson|pson)$/.test(type)) {
      await response.drain();
      throw new ProtocolError(`Content-Type is unsupported: "${type}"`);
    }
    const text = await response.text();
    try {
      return { value: JSON.parse(text) as T, text };
    } catch (err) {
      throw new SerializationError(`Failed to deserialize ${what} from ${type}: ${(err as Error).message}`, { cause: err });
    }
  }
}
