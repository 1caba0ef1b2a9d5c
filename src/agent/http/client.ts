// The agent's HTTP client (Puppet::HTTP::Client): default headers, query
// encoding, redirects (301/302/307, at most 10), Retry-After on 429/503 (at
// most 100 times, each sleep capped at runinterval), transparent gzip/deflate
// decompression, and non-2xx responses left for the typed services to map.
// The transport is a Dispatcher, so tests run it against MockDispatcher.
import { createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';
import type { Dispatcher, HttpMethod, HttpResponse, TlsSettings } from './types.js';
import { ProtocolError, TooManyRedirects, TooManyRetryAfters } from './errors.js';
import { encodeParams, type Params } from './encoding.js';
import { silentLog, type AgentLog } from './log.js';

/** The Puppet agent version Bunraku speaks as (X-Puppet-Version). */
export const PUPPET_VERSION = '7.23.0';
export const ACCEPT_ENCODING = 'gzip;q=1.0,deflate;q=0.6,identity;q=0.3';

export interface HttpClientOptions {
  readonly dispatcher: Dispatcher;
  readonly connectTimeoutMs: number;
  readonly readTimeoutMs: number;
  /** Upper bound of one Retry-After sleep, in seconds (Puppet uses runinterval). */
  readonly maxRetrySleepSeconds: number;
  readonly puppetVersion?: string;
  readonly userAgent?: string;
  readonly redirectLimit?: number;
  readonly retryLimit?: number;
  /** http_extra_headers: added unless the request already sets the header. */
  readonly extraHeaders?: readonly (readonly [string, string])[];
  /** `profile` setting: adds X-Puppet-Profiling. */
  readonly profile?: boolean;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Wall clock in ms since the epoch, for Retry-After dates. */
  readonly now?: () => number;
  readonly log?: AgentLog;
}

export interface RequestOptions {
  readonly tls: TlsSettings;
  readonly headers?: Readonly<Record<string, string>>;
  readonly params?: Params;
  readonly body?: Uint8Array | string;
}

/** A response whose body can be read once, decompressed. */
export class ClientResponse {
  readonly url: URL;
  readonly status: number;
  readonly reason: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly #raw: Readable;
  #consumed = false;

  constructor(url: URL, response: HttpResponse) {
    this.url = url;
    this.status = response.status;
    this.reason = response.reason;
    this.headers = response.headers;
    this.#raw = response.body;
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  header(name: string): string | undefined {
    return this.headers[name.toLowerCase()];
  }

  /** The Content-Type without parameters (`; charset=...`), lower-cased. */
  get mediaType(): string | undefined {
    const ct = this.header('content-type');
    return ct === undefined ? undefined : ct.replace(/\s*;.*$/, '').trim().toLowerCase();
  }

  /** The decompressed body as a stream. */
  stream(): Readable {
    if (this.#consumed) throw new Error(`The body of ${this.url.href} was already read`);
    this.#consumed = true;
    const encoding = (this.header('content-encoding') ?? 'identity').trim().toLowerCase();
    if (encoding === 'gzip' || encoding === 'x-gzip') return this.#raw.pipe(createGunzip());
    if (encoding === 'deflate') return this.#raw.pipe(createInflate());
    return this.#raw;
  }

  async buffer(): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.stream()) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
    return Buffer.concat(chunks);
  }

  async text(): Promise<string> {
    return (await this.buffer()).toString('utf8');
  }

  /** Reads and discards the rest of the body so the connection can be reused. */
  async drain(): Promise<void> {
    if (this.#consumed) return;
    this.#consumed = true;
    for await (const _ of this.#raw) {
      // discard
    }
  }
}

export class HttpClient {
  readonly #o: HttpClientOptions;
  readonly #defaultHeaders: Readonly<Record<string, string>>;

  constructor(options: HttpClientOptions) {
    this.#o = options;
    const version = options.puppetVersion ?? PUPPET_VERSION;
    this.#defaultHeaders = Object.freeze({
      'X-Puppet-Version': version,
      'User-Agent': options.userAgent ?? `Puppet/${version} Bunraku Node/${process.versions.node} (${process.arch}-${process.platform})`,
    });
  }

  get log(): AgentLog {
    return this.#o.log ?? silentLog;
  }

  close(): void {
    this.#o.dispatcher.close();
  }

  /** The transport (shared by clients made with withDispatcher). */
  get dispatcher(): Dispatcher {
    return this.#o.dispatcher;
  }

  /** The same client over another transport (a session wraps the shared one per route). */
  withDispatcher(dispatcher: Dispatcher): HttpClient {
    return new HttpClient({ ...this.#o, dispatcher });
  }

  get(url: URL, options: RequestOptions): Promise<ClientResponse> {
    return this.request('GET', url, options);
  }

  head(url: URL, options: RequestOptions): Promise<ClientResponse> {
    return this.request('HEAD', url, options);
  }

  put(url: URL, options: RequestOptions & { body: Uint8Array | string }): Promise<ClientResponse> {
    return this.request('PUT', url, options);
  }

  post(url: URL, options: RequestOptions & { body: Uint8Array | string }): Promise<ClientResponse> {
    return this.request('POST', url, options);
  }

  delete(url: URL, options: RequestOptions): Promise<ClientResponse> {
    return this.request('DELETE', url, options);
  }

  async request(method: HttpMethod, url: URL, options: RequestOptions): Promise<ClientResponse> {
    const o = this.#o;
    const headers = this.#headers(options.headers ?? {});
    if ((method === 'PUT' || method === 'POST') && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      throw new Error(`'${method.toLowerCase()}' requires a 'content-type' header`);
    }
    let target = new URL(url.href);
    if (options.params) {
      const query = encodeParams(options.params);
      if (query !== '') target.search = `?${query}`;
    }
    const body = typeof options.body === 'string' ? Buffer.from(options.body, 'utf8') : options.body;
    const redirectLimit = o.redirectLimit ?? 10;
    const retryLimit = o.retryLimit ?? 100;
    let redirects = 0;
    let retries = 0;
    let sendHeaders = headers;
    for (;;) {
      const raw = await o.dispatcher.dispatch({
        method, url: target, headers: sendHeaders, body, tls: options.tls,
        connectTimeoutMs: o.connectTimeoutMs, readTimeoutMs: o.readTimeoutMs,
      });
      const response = new ClientResponse(target, raw);
      this.log.debug(`HTTP ${method} ${target.href} returned ${response.status} ${response.reason}`);
      if (response.status === 301 || response.status === 302 || response.status === 307) {
        await response.drain();
        if (redirects >= redirectLimit) throw new TooManyRedirects(target);
        const location = response.header('location');
        if (!location) throw new ProtocolError('Location response header is missing');
        let next: URL;
        try {
          next = new URL(location, target);
        } catch (err) {
          throw new ProtocolError(`Location URI is invalid: ${location}`, { cause: err });
        }
        if (next.hostname.toLowerCase() !== target.hostname.toLowerCase()) {
          sendHeaders = Object.fromEntries(Object.entries(sendHeaders).filter(([h]) => !/^(authorization|cookie)$/i.test(h)));
        }
        target = next;
        redirects += 1;
        continue;
      }
      if (response.status === 429 || response.status === 503) {
        if (retries >= retryLimit) {
          await response.drain();
          throw new TooManyRetryAfters(target);
        }
        const retryAfter = response.header('retry-after');
        if (retryAfter !== undefined) {
          const seconds = Math.min(this.#parseRetryAfter(retryAfter), o.maxRetrySleepSeconds);
          await response.drain();
          retries += 1;
          this.log.warning(`Sleeping for ${seconds} seconds before retrying the request`);
          await (o.sleep ?? defaultSleep)(seconds * 1000);
          continue;
        }
      }
      return response;
    }
  }

  #headers(given: Readonly<Record<string, string>>): Record<string, string> {
    const o = this.#o;
    const out: Record<string, string> = { ...this.#defaultHeaders, ...given };
    const has = (name: string) => Object.keys(out).some((k) => k.toLowerCase() === name.toLowerCase());
    if (o.profile) out['X-Puppet-Profiling'] = 'true';
    for (const [name, value] of o.extraHeaders ?? []) {
      if (has(name)) this.log.warning(`Ignoring extra header "${name}" as it was previously set.`);
      else if (value === '') this.log.warning(`Ignoring extra header "${name}" as it has no value.`);
      else out[name] = value;
    }
    if (!has('Accept-Encoding')) out['Accept-Encoding'] = ACCEPT_ENCODING;
    return out;
  }

  #parseRetryAfter(value: string): number {
    if (/^\s*\d+\s*$/.test(value)) return Number(value);
    const when = Date.parse(value);
    if (Number.isNaN(when)) throw new ProtocolError(`Failed to parse Retry-After header '${value}' as an integer or RFC 2822 date`);
    const now = (this.#o.now ?? Date.now)();
    return Math.max(Math.floor((when - now) / 1000), 0);
  }
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
