// The route table: endpoint families (one file each under routes/) contribute
// routes; the core matches a request's raw path against them. A family also
// names the error format its errors are rendered in.
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import type { ClientIdentity } from './identity.js';
import type { ErrorFormat } from './errors.js';

/** What a handler answers; the core adds X-Puppet-Version, compression, logging. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** Omitted = empty body. A stream is sent chunked (or with headers['Content-Length']). */
  body?: string | Buffer | Readable;
  /** Allow gzip for this reply (default: true for 200 replies). */
  compress?: boolean;
}

/** Everything a handler may use about one request. */
export interface RouteContext {
  readonly req: IncomingMessage;
  readonly method: string;
  /** Path as puppetserver's Jetty normalizes it (percent-decoded, "//" compacted), no query. Routes match this. */
  readonly path: string;
  /** Path exactly as received, without the query string. */
  readonly rawPath: string;
  readonly query: URLSearchParams;
  readonly identity: ClientIdentity;
  /** Capture groups of the route's path regex (over the normalized, already decoded path). */
  readonly params: readonly string[];
  /** Remote address of the client. */
  readonly ip: string;
  /** Reads the whole body, failing with 413 past the limit (default: the server's). */
  readBody(limit?: number): Promise<Buffer>;
  /** The body as a stream that fails with a 413 HttpError past the limit (for large bodies written to disk). */
  bodyStream(limit?: number): Readable;
  /** Header value, lower-cased name; the first one if repeated. */
  header(name: string): string | undefined;
}

export type RouteHandler = (ctx: RouteContext) => Promise<Reply> | Reply;

export interface Route {
  /** Upper-case methods; HEAD is not implied by GET. */
  methods: readonly string[];
  /** Matched against the normalized path; anchor it yourself. */
  path: RegExp;
  handler: RouteHandler;
}

export interface RouteFamily {
  /** For logs and tests, e.g. "puppet-ca". */
  name: string;
  /** Path prefix this family owns, e.g. "/puppet-ca/v1/". Unmatched paths under it get the family's 404 and error format. */
  prefix: string;
  errorFormat: ErrorFormat;
  routes: readonly Route[];
  /** Body of the family's 404 for paths under its prefix that no route matches. */
  notFound?: (method: string, path: string) => Reply;
}

export type RouteMatch =
  | { kind: 'route'; family: RouteFamily; route: Route; params: string[] }
  | { kind: 'method-not-allowed'; family: RouteFamily; allowed: string[] }
  | { kind: 'not-found'; family: RouteFamily | undefined };

/** Finds the route for a request. Families are tried longest prefix first. */
export class Router {
  readonly families: readonly RouteFamily[];

  constructor(families: readonly RouteFamily[]) {
    const names = new Set<string>();
    for (const f of families) {
      if (names.has(f.name)) throw new Error(`Route family "${f.name}" is registered twice`);
      names.add(f.name);
    }
    this.families = [...families].sort((a, b) => b.prefix.length - a.prefix.length);
  }

  match(method: string, path: string): RouteMatch {
    const found = this.#match(method, path);
    // HEAD is GET without a body (Node drops the body) unless a route serves HEAD itself.
    if (method === 'HEAD' && found.kind !== 'route') {
      const asGet = this.#match('GET', path);
      if (asGet.kind === 'route') return asGet;
    }
    return found;
  }

  #match(method: string, path: string): RouteMatch {
    let owner: RouteFamily | undefined;
    let pathOwner: RouteFamily | undefined;
    const allowed = new Set<string>();
    // Several families may share a prefix (e.g. "/puppet/v3/"): try them all
    // before answering 405 or 404.
    for (const family of this.families) {
      if (!path.startsWith(family.prefix) && path !== family.prefix.replace(/\/$/, '')) continue;
      owner ??= family;
      for (const route of family.routes) {
        const m = route.path.exec(path);
        if (!m) continue;
        if (route.methods.includes(method)) return { kind: 'route', family, route, params: m.slice(1).map((s) => s ?? '') };
        pathOwner ??= family;
        for (const x of route.methods) allowed.add(x);
      }
    }
    if (pathOwner) return { kind: 'method-not-allowed', family: pathOwner, allowed: [...allowed] };
    return { kind: 'not-found', family: owner };
  }
}
