// One run's HTTP session (Puppet::HTTP::Session): where each service lives and
// whether it was reached. With `server_list` set, the session picks the first
// server that answers GET /status/v1/simple/server (Puppet's ServerList
// resolver and Configurer#find_functional_server) and routes every service
// but a configured ca_server/report_server there. Otherwise each service comes
// from the settings, and, as Puppet's Settings resolver, a service whose first
// connection fails is logged as "Connection to <url> failed, trying next
// route" and reported as "No more routes to <service>". Puppet checks the
// route with a bare connect; Bunraku checks it on the service's first request,
// which sends nothing more and costs no extra handshake.
import { HttpClient } from './client.js';
import { ConnectionError, HttpError, HttpResponseError, CertVerifyError, TimeoutError } from './errors.js';
import type { AgentLog } from './log.js';
import type { ServiceSite } from './service.js';
import type { Dispatcher, HttpRequest, HttpResponse, TlsSettings } from './types.js';

export type ServiceName = 'ca' | 'fileserver' | 'puppet' | 'puppetserver' | 'report';

const API: Record<ServiceName, string> = {
  ca: '/puppet-ca/v1', fileserver: '/puppet/v3', puppet: '/puppet/v3', puppetserver: '/status/v1', report: '/puppet/v3',
};

/** No resolver found a reachable server for the service. */
export class RouteError extends HttpError {
  override name = 'RouteError';
  constructor(readonly service: ServiceName) {
    super(`No more routes to ${service}`);
  }
}

export interface SessionOptions {
  readonly client: HttpClient;
  readonly log: AgentLog;
  /** The TLS context of the run (the client certificate context). */
  readonly tls: TlsSettings;
  /** Where each service lives by the settings (server, report_server, ca_server and their ports). */
  readonly sites: Readonly<Record<ServiceName, ServiceSite>>;
  /** `server_list`, ports defaulted to serverport; empty when unset. */
  readonly serverList: readonly ServiceSite[];
  /** The services server_list routes (all but an explicitly configured ca_server or report_server). */
  readonly serverListServices: ReadonlySet<ServiceName>;
  /** A selection already made this run (before the SSL bootstrap); `site` undefined when none answered. */
  readonly preselected?: { readonly site: ServiceSite | undefined };
}

/** The settings a session reads, by Puppet's names. */
export interface SessionSettings {
  readonly server: unknown;
  readonly serverport: unknown;
  readonly server_list?: unknown;
  readonly report_server?: unknown;
  readonly report_port?: unknown;
  readonly ca_server?: unknown;
  readonly ca_port?: unknown;
}

/** The session options from resolved settings: sites by setting, server_list and the services it routes. */
export function sessionOptionsFromSettings(s: SessionSettings, explicit: ReadonlySet<string> | undefined): Pick<SessionOptions, 'sites' | 'serverList' | 'serverListServices'> {
  const port = (v: unknown, fallback: number): number => (Number.isFinite(Number(v)) && v !== null && v !== '' ? Number(v) : fallback);
  const serverport = port(s.serverport, 8140);
  const main = { server: String(s.server), port: serverport };
  const sites: Record<ServiceName, ServiceSite> = {
    puppet: main, fileserver: main, puppetserver: main,
    report: { server: String(s.report_server ?? s.server), port: port(s.report_port, serverport) },
    ca: { server: String(s.ca_server ?? s.server), port: port(s.ca_port, serverport) },
  };
  // As Puppet's build_resolvers: an explicitly set ca_server or report_server keeps its own route.
  const services = new Set<ServiceName>(['ca', 'fileserver', 'puppet', 'puppetserver', 'report']);
  if (explicit?.has('ca_server')) services.delete('ca');
  if (explicit?.has('report_server')) services.delete('report');
  return { sites, serverList: parseServerList(s.server_list, serverport), serverListServices: services };
}

/** `host[:port]` entries of the server_list setting, with serverport for a missing port. */
export function parseServerList(value: unknown, defaultPort: number): ServiceSite[] {
  const entries = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(',') : [];
  return entries.map((e) => e.trim()).filter((e) => e !== '').map((entry) => {
    const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry) ?? /^([^:]+)(?::(\d+))?$/.exec(entry);
    if (!m) throw new Error(`Invalid server_list entry "${entry}": expected host or host:port`);
    return { server: m[1], port: m[2] === undefined ? defaultPort : Number(m[2]) };
  });
}

export function serviceUrl(name: ServiceName, site: ServiceSite): string {
  const host = site.server.includes(':') && !site.server.startsWith('[') ? `[${site.server}]` : site.server;
  return `https://${host}:${site.port}${API[name]}`;
}

/** Puppet's log_exception text: the message, then the wrapped cause's message. */
export function withWrapped(message: string, err: unknown): string {
  const inner = wrappedMessage(err);
  return inner === undefined ? message : `${message}\nWrapped exception:\n${inner}`;
}

/** The message of the exception Puppet's HTTP error wraps (Net::HTTP's), when there is one. */
export function wrappedMessage(err: unknown): string | undefined {
  if (!(err instanceof HttpError) || err instanceof HttpResponseError || err instanceof CertVerifyError || err instanceof RouteError) return undefined;
  const m = /^Request to \S+ (?:failed after [\d.]+ seconds: )(.*)$/s.exec(err.message);
  return m ? m[1] : undefined;
}

export class Session {
  readonly #o: SessionOptions;
  readonly #clients = new Map<ServiceName, HttpClient>();
  #selected: ServiceSite | undefined;
  #selection: { site: ServiceSite | undefined } | undefined;
  #fallback = false;

  constructor(options: SessionOptions) {
    this.#o = options;
    this.#selection = options.preselected;
    if (options.preselected?.site !== undefined) this.#selected = options.preselected.site;
  }

  get usesServerList(): boolean {
    return this.#o.serverList.length > 0;
  }

  /** The server_list entry in use (after selectServer, or the first entry when none answered). */
  get selected(): ServiceSite | undefined {
    return this.#selected;
  }

  /**
   * Configurer#find_functional_server: GET /status/v1/simple/server (then
   * .../master on a 404) on each server_list entry in order; the first that
   * answers 2xx serves the run. Undefined when none did (each failure logged
   * as Puppet logs it).
   */
  async selectServer(): Promise<ServiceSite | undefined> {
    // Puppet's ServerList resolver probes once per session; a selection made earlier in this run stands.
    if (this.#selection !== undefined) return this.#selection.site;
    const site = await this.#probe();
    this.#selection = { site };
    return site;
  }

  async #probe(): Promise<ServiceSite | undefined> {
    const o = this.#o;
    const list = o.serverList;
    for (let i = 0; i < list.length; i++) {
      const site = list[i];
      const last = i === list.length - 1;
      const next = last ? '' : ' Trying with next server from server_list.';
      const report = (message: string): void => (last ? o.log.err(message) : o.log.warning(message));
      try {
        await this.#simpleStatus(site);
        this.#selected = site;
        return site;
      } catch (err) {
        if (err instanceof HttpResponseError) {
          report(`Puppet server ${site.server}:${site.port} is unavailable: ${err.status} ${err.reason}${next}`);
        } else if (err instanceof HttpError) {
          const message = `Unable to connect to server from server_list setting: ${err.message}${next}`;
          report(last ? withWrapped(message, err) : message);
        } else {
          throw err;
        }
      }
    }
    return undefined;
  }

  /**
   * After a failed selection the run goes on (the cached-catalog path). As in
   * Puppet, whose session caches no failed route, each service then probes
   * the list again on its first request, and fails with RouteError when no
   * server answers.
   */
  fallBackToFirst(): void {
    this.#selected = this.#o.serverList[0];
    this.#fallback = true;
  }

  /** Where a service lives for this run. */
  site(name: ServiceName): ServiceSite {
    if (this.#selected !== undefined && this.#o.serverListServices.has(name)) return this.#selected;
    return this.#o.sites[name];
  }

  /**
   * The HTTP client for a service. For a service routed by the settings, the
   * first request that cannot connect is logged as Puppet's resolver logs it
   * and fails with RouteError; once a request got through, errors pass as they are.
   */
  client(name: ServiceName): HttpClient {
    let client = this.#clients.get(name);
    if (client === undefined) {
      const routed = this.#selected !== undefined && this.#o.serverListServices.has(name);
      const inner = this.#o.client.dispatcher;
      client = !routed
        ? this.#o.client.withDispatcher(new RouteCheck(inner, name, this.site(name), this.#o.log))
        : this.#fallback ? this.#o.client.withDispatcher(new ListRetry(inner, name, () => this.#probe())) : this.#o.client;
      this.#clients.set(name, client);
    }
    return client;
  }

  async #simpleStatus(site: ServiceSite): Promise<void> {
    const client = this.#o.client;
    const base = serviceUrl('puppetserver', site);
    for (const path of ['/simple/server', '/simple/master']) {
      const res = await client.get(new URL(`${base}${path}`), { tls: this.#o.tls });
      if (res.ok) {
        await res.drain();
        return;
      }
      const body = await res.text().catch(() => '');
      const error = new HttpResponseError({ status: res.status, reason: res.reason, body, contentType: res.header('content-type'), url: res.url, headers: res.headers });
      if (res.status !== 404 || path === '/simple/master') throw error;
    }
  }
}

/** After a failed server_list selection: probes the list again before a service's first request. */
class ListRetry implements Dispatcher {
  #site: ServiceSite | undefined;

  constructor(private readonly inner: Dispatcher, private readonly name: ServiceName, private readonly probe: () => Promise<ServiceSite | undefined>) {}

  close(): void {
    // The shared dispatcher is closed by the session's owner.
  }

  async dispatch(request: HttpRequest): Promise<HttpResponse> {
    this.#site ??= await this.probe();
    if (this.#site === undefined) throw new RouteError(this.name);
    // The service was built for the first entry; the request goes where the probe found a server.
    const url = new URL(request.url.href);
    url.hostname = this.#site.server.includes(':') && !this.#site.server.startsWith('[') ? `[${this.#site.server}]` : this.#site.server;
    url.port = String(this.#site.port);
    return this.inner.dispatch({ ...request, url });
  }
}

/** A dispatcher that turns the first failed connection of a route into RouteError. */
class RouteCheck implements Dispatcher {
  #reached = false;

  constructor(
    private readonly inner: Dispatcher,
    private readonly name: ServiceName,
    private readonly site: ServiceSite,
    private readonly log: AgentLog,
  ) {}

  close(): void {
    // The shared dispatcher is closed by the session's owner.
  }

  async dispatch(request: HttpRequest): Promise<HttpResponse> {
    if (this.#reached) return this.inner.dispatch(request);
    try {
      const response = await this.inner.dispatch(request);
      this.#reached = true;
      return response;
    } catch (err) {
      // Puppet raises ConnectionError for anything before the connection is up, a connect timeout included.
      const connectTimeout = err instanceof TimeoutError && /timed out connect operation/.test(err.message);
      if (!(err instanceof ConnectionError || connectTimeout) || err instanceof CertVerifyError) throw err;
      const url = serviceUrl(this.name, this.site);
      // Puppet connects to the service's base URL, so its message names that URL.
      const message = err.message.replace(/^Request to \S+/, `Request to ${url}`);
      this.log.err(withWrapped(`Connection to ${url} failed, trying next route: ${message}`, err));
      throw new RouteError(this.name);
    }
  }
}
