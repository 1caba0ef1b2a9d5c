// The HTTPS server core: TLS with client-auth "want", one classification of
// the peer per request, the auth.conf decision, then the route; replies get
// X-Puppet-Version, gzip when worth it, and an access log line. Bodies are
// read with a size limit while streaming. Nothing here knows any endpoint.
import { createServer as createHttpsServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { AddressInfo, Socket } from 'node:net';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { gzip as gzipCb, gzipSync, createGzip } from 'node:zlib';
import { promisify } from 'node:util';
import { HttpError, renderError, type ErrorFormat } from './errors.js';
import { CrlCache, IdentityClassifier, type ClientIdentity } from './identity.js';
import { Router, type Reply, type RouteContext, type RouteFamily } from './router.js';
import type { AccessLogger } from './access-log.js';
import { normalizeRequestPath } from './auth/wire.js';
import { IdleHeapTrimmer, type HeapTrimOptions } from './heap-trim.js';

const gzip = promisify(gzipCb);
/** Bodies up to this size are gzipped on the main thread. */
const SYNC_GZIP_MAX_BYTES = 64 * 1024;

/** What the auth.conf gate sees of a request. */
export interface AuthorizationRequest {
  /** Lower-case method, as tk-auth compares it. */
  method: string;
  /** The normalized path (as Jetty hands it to tk-auth), without the query. */
  path: string;
  /** The query string as received, without "?". */
  rawQuery: string;
  query: URLSearchParams;
  identity: ClientIdentity;
  ip: string;
}

export interface AuthorizationDecision {
  allowed: boolean;
  /** Name of the rule that decided, if any matched. */
  rule?: string;
  reason: string;
}

export type Authorizer = (request: AuthorizationRequest) => AuthorizationDecision;

/** How a denial is answered and logged. */
export type ForbiddenRenderer = (decision: AuthorizationDecision, request: AuthorizationRequest) => {
  body: string;
  headers?: Record<string, string>;
  logLine: string;
};

export type ServerLogLevel = 'debug' | 'info' | 'notice' | 'warning' | 'err';
export type ServerLog = (level: ServerLogLevel, message: string) => void;

export interface ServerOptions {
  /** PEM of the server cert (plus intermediates), its key, and the CA bundle clients must chain to. */
  tls: { cert: string; key: string; ca: string };
  /** CRL file; a client cert on it is unauthenticated. Re-read when it changes. */
  crlPath?: string;
  /** How often the CRL file may be stat'ed (ms). Default 1000; 0 = every request. */
  crlCheckIntervalMs?: number;
  families: readonly RouteFamily[];
  authorize: Authorizer;
  /** Renders tk-auth's 403; default: puppetserver's text. */
  forbidden?: ForbiddenRenderer;
  /** Sent as X-Puppet-Version on every response. Default 7.23.0. */
  puppetVersion?: string;
  /** Idle keep-alive connections are closed after this (ms). Default 15000: longer than the agent's 4 s pool. */
  keepAliveTimeoutMs?: number;
  /** Time allowed to receive a request's headers (ms). Default 60000. */
  headersTimeoutMs?: number;
  /** Time allowed to receive a whole request (ms). Default 300000. */
  requestTimeoutMs?: number;
  /** Largest accepted request body in bytes. Default 100 MiB. */
  maxBodyBytes?: number;
  /** Smallest 200 body that is gzipped when the client accepts gzip. Default 32 (Jetty's minGzipSize). */
  gzipMinBytes?: number;
  accessLog?: AccessLogger;
  log?: ServerLog;
  /** Full garbage collection when idle after a burst grew the heap (heap-trim.ts); false turns it off. */
  heapTrim?: HeapTrimOptions | false;
}

export interface PuppetServer {
  readonly server: Server;
  listen(port: number, host: string): Promise<AddressInfo>;
  /** Stops accepting, lets in-flight responses finish, then closes; forces after `graceMs`. */
  close(graceMs?: number): Promise<void>;
  /** Replaces the TLS identity for new connections (e.g. after the server cert is reissued). */
  setTls(tls: ServerOptions['tls']): void;
  /** Replaces the auth.conf gate for the next requests (SIGHUP reload). */
  setAuthorization(authorize: Authorizer, forbidden?: ForbiddenRenderer): void;
  /** The CRL file was rewritten: the next request re-reads it, so a revocation applies at once. */
  crlChanged(): void;
}

export const DEFAULT_PUPPET_VERSION = '7.23.0';
export const DEFAULT_MAX_BODY_BYTES = 100 * 1024 * 1024;
export const DEFAULT_KEEPALIVE_TIMEOUT_MS = 15_000;

export const defaultForbidden: ForbiddenRenderer = (decision, req) => ({
  body: `Forbidden request: ${req.path} (method :${req.method}). Please see the server logs for details.`,
  logLine: `Forbidden request: ${req.identity.certname ?? ''}(${req.ip}) access to ${req.path} (method :${req.method}) ` +
    `(authenticated: ${req.identity.authenticated}) denied by rule '${decision.rule ?? 'global deny all - no rules matched'}'.`,
});

/** True when an Accept-Encoding header allows gzip (q > 0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  for (const part of header.split(',')) {
    const [coding, ...params] = part.trim().split(';');
    const name = coding!.trim().toLowerCase();
    if (name !== 'gzip' && name !== '*') continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (!q || Number(q.slice(2)) > 0) return true;
  }
  return false;
}

/** Reads a request body into memory, refusing (413) past `limit` bytes while streaming. */
export function readBodyLimited(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit) {
    return Promise.reject(tooLarge(Number(declared), limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        req.pause();
        reject(tooLarge(size, limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => { cleanup(); resolve(Buffer.concat(chunks, size)); };
    const onError = (err: Error) => { cleanup(); reject(err); };
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

function tooLarge(size: number, limit: number): HttpError {
  return new HttpError('PAYLOAD_TOO_LARGE', `Request body of ${size} bytes or more exceeds the limit of ${limit} bytes`, { closeConnection: true });
}

/** The request body as a stream that errors with 413 once more than `limit` bytes arrive. */
export function limitedBodyStream(req: IncomingMessage, limit: number): Readable {
  const declared = req.headers['content-length'];
  let size = 0;
  const guard = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > limit) done(tooLarge(size, limit));
      else done(null, chunk);
    },
  });
  if (declared !== undefined && Number(declared) > limit) {
    process.nextTick(() => guard.destroy(tooLarge(Number(declared), limit)));
    return guard;
  }
  req.pipe(guard);
  req.on('error', (err) => guard.destroy(err));
  return guard;
}

/** Body bytes of a reply for the access log: known up front, or counted while streaming. */
interface SentBody {
  bytes: number;
  counter?: ByteCounter;
}

/** Counts body bytes of a streamed reply for the access log. */
class ByteCounter extends Transform {
  bytes = 0;
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: (err: Error | null, data?: Buffer) => void): void {
    this.bytes += chunk.length;
    done(null, chunk);
  }
}

export function createPuppetServer(options: ServerOptions): PuppetServer {
  const log: ServerLog = options.log ?? (() => undefined);
  const puppetVersion = options.puppetVersion ?? DEFAULT_PUPPET_VERSION;
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const gzipMin = options.gzipMinBytes ?? 32;
  // Replaceable as a pair on reload; each request reads them once.
  let authorizeRequest = options.authorize;
  let forbidden = options.forbidden ?? defaultForbidden;
  const router = new Router(options.families);
  const crl = options.crlPath
    ? new CrlCache(options.crlPath, { checkIntervalMs: options.crlCheckIntervalMs, onError: (e) => log('warning', e.message) })
    : undefined;
  const classifier = new IdentityClassifier(crl);
  const trimmer = options.heapTrim === false ? undefined : new IdleHeapTrimmer(options.heapTrim);

  const tlsOptions = (tls: ServerOptions['tls']) => ({
    cert: tls.cert,
    key: tls.key,
    ca: tls.ca,
    // Client auth "want": ask for a cert, never fail the handshake over it;
    // auth.conf decides per route (the CA bootstrap routes need no cert).
    requestCert: true,
    rejectUnauthorized: false,
    minVersion: 'TLSv1.2' as const,
  });

  const server = createHttpsServer(tlsOptions(options.tls), (req, res) => {
    if (trimmer) {
      trimmer.begin();
      res.once('close', () => trimmer.end());
    }
    void handle(req, res).catch((err: unknown) => {
      log('err', `Unhandled error answering ${req.method} ${req.url}: ${(err as Error).stack ?? String(err)}`);
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'text/plain;charset=utf-8', 'X-Puppet-Version': puppetVersion, Connection: 'close' });
        res.end('Internal server error');
      } else {
        res.destroy();
      }
    });
  });
  server.keepAliveTimeout = options.keepAliveTimeoutMs ?? DEFAULT_KEEPALIVE_TIMEOUT_MS;
  server.headersTimeout = options.headersTimeoutMs ?? 60_000;
  server.requestTimeout = options.requestTimeoutMs ?? 300_000;
  // Nagle off from the first byte: the first response on a fresh connection
  // follows the server's last handshake flight (session tickets) and must not
  // wait for the client's delayed ACK. Every bootstrap request is on a new connection.
  server.on('connection', (socket: Socket) => socket.setNoDelay(true));
  // A TLS handshake that carries no request (the agent's resolver probe) or a
  // failed handshake is normal traffic, not an error worth more than debug.
  server.on('tlsClientError', (err) => log('debug', `TLS handshake failed: ${err.message}`));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const socket = req.socket as TLSSocket;
    const ip = socket.remoteAddress ?? '-';
    const method = (req.method ?? 'GET').toUpperCase();
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const rawPath = q < 0 ? url : url.slice(0, q);
    const rawQuery = q < 0 ? '' : url.slice(q + 1);
    const query = new URLSearchParams(rawQuery);
    let identity: ClientIdentity | undefined;
    const sent: SentBody = { bytes: 0 };

    res.on('close', () => {
      options.accessLog?.({
        ip, certname: identity?.certname, method, url, httpVersion: req.httpVersion,
        status: res.statusCode, bytes: sent.counter?.bytes ?? sent.bytes, userAgent: req.headers['user-agent'],
        durationMs: performance.now() - started, time: new Date(),
      });
    });

    let reply: Reply;
    let format: ErrorFormat = 'puppet-json';
    try {
      if (!rawPath.startsWith('/')) throw new HttpError('BAD_REQUEST', `Invalid request path "${rawPath}"`);
      const normalized = normalizeRequestPath(rawPath);
      if (!normalized.ok) {
        format = 'text';
        throw new HttpError('BAD_REQUEST', normalized.message);
      }
      const path = normalized.path;
      identity = await classifier.classify(socket);
      // puppetserver routes first: a request no route serves is a 404 that
      // never reaches auth.conf (recorded from puppetserver 7.9.5, e.g. a PUT
      // of a catalog or GET /puppet/v3/nosuchroute from an agent).
      const match = router.match(method, path);
      if (match.kind === 'method-not-allowed' && match.family.notFound) {
        // A family with its own 404 (the CA's comidi routes) has no 405 either.
        reply = match.family.notFound(method, path);
      } else if (match.kind === 'method-not-allowed') {
        // The master's routes answer an unrouted method with an empty 404.
        reply = { status: 404, body: '', compress: false };
      } else if (match.kind === 'not-found' && match.family?.notFound) {
        reply = match.family.notFound(method, path);
      } else if (match.kind === 'not-found') {
        if (match.family) format = match.family.errorFormat;
        throw new HttpError('HANDLER_NOT_FOUND', `No route for ${method} ${path}`);
      } else {
        const authRequest: AuthorizationRequest = { method: method.toLowerCase(), path, rawQuery, query, identity, ip };
        const decision = authorizeRequest(authRequest);
        if (!decision.allowed) {
          const denial = forbidden(decision, authRequest);
          log('warning', identity.authenticated ? denial.logLine : `${denial.logLine} (${identity.reason})`);
          // tk-auth's 403 carries no Content-Type.
          reply = { status: 403, headers: denial.headers, body: denial.body, compress: false };
        } else {
          format = match.family.errorFormat;
          const ctx: RouteContext = {
            req, method, path, rawPath, query, identity, ip, params: match.params,
            readBody: (limit) => readBodyLimited(req, Math.min(limit ?? maxBody, maxBody)),
            bodyStream: (limit) => limitedBodyStream(req, Math.min(limit ?? maxBody, maxBody)),
            header: (name) => {
              const v = req.headers[name.toLowerCase()];
              return Array.isArray(v) ? v[0] : v;
            },
          };
          reply = await match.route.handler(ctx);
        }
      }
    } catch (err) {
      // The client went away mid-request: nobody to answer.
      if (res.destroyed || socket.destroyed) return;
      let httpErr: HttpError;
      if (err instanceof HttpError) {
        httpErr = err;
      } else {
        log('err', `Error answering ${method} ${url}: ${(err as Error).stack ?? String(err)}`);
        httpErr = new HttpError('SERVER_ERROR', (err as Error).message ?? String(err));
      }
      const rendered = renderError(httpErr, format);
      reply = { status: rendered.status, headers: rendered.headers, body: rendered.body, compress: false };
      if (httpErr.closeConnection) reply.headers!['Connection'] = 'close';
    }

    // A body the handler left unread is drained by Node to keep the connection;
    // an unread body of unknown or large size is not worth it: close instead.
    if (!req.complete && !reply.headers?.['Connection']) {
      const len = Number(req.headers['content-length'] ?? NaN);
      if (!(len <= 65536)) reply.headers = { ...reply.headers, Connection: 'close' };
    }
    await send(req, res, reply, sent);
  }

  async function send(req: IncomingMessage, res: ServerResponse, reply: Reply, sent: SentBody): Promise<void> {
    const headers: Record<string, string> = { 'X-Puppet-Version': puppetVersion, ...reply.headers };
    const noBody = reply.status === 204 || reply.status === 304 || req.method === 'HEAD';
    const mayCompress = (reply.compress ?? reply.status === 200) && !headers['Content-Encoding'] && acceptsGzip(req.headers['accept-encoding'] as string | undefined);
    const body = reply.body;
    if (noBody || body === undefined) {
      if (!noBody) headers['Content-Length'] = '0';
      res.writeHead(reply.status, headers);
      res.end();
      if (body instanceof Readable) body.destroy();
      return;
    }
    if (typeof body === 'string' || Buffer.isBuffer(body)) {
      let buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
      if (mayCompress && buf.length >= gzipMin) {
        // A small body compresses in well under a millisecond: inline, rather than a thread-pool round trip.
        buf = buf.length <= SYNC_GZIP_MAX_BYTES ? gzipSync(buf) : await gzip(buf);
        headers['Content-Encoding'] = 'gzip';
        headers['Vary'] = headers['Vary'] ? `${headers['Vary']}, Accept-Encoding, User-Agent` : 'Accept-Encoding, User-Agent';
      }
      headers['Content-Length'] = String(buf.length);
      sent.bytes = buf.length;
      res.writeHead(reply.status, headers);
      res.end(buf);
      return;
    }
    // Streamed body: gzip on the fly when allowed; the length is then unknown.
    const counter = new ByteCounter();
    sent.counter = counter;
    const declared = Number(headers['Content-Length'] ?? NaN);
    const compress = mayCompress && !(declared < gzipMin);
    if (compress) {
      delete headers['Content-Length'];
      headers['Content-Encoding'] = 'gzip';
      headers['Vary'] = headers['Vary'] ? `${headers['Vary']}, Accept-Encoding, User-Agent` : 'Accept-Encoding, User-Agent';
    }
    res.writeHead(reply.status, headers);
    try {
      if (compress) await pipeline(body, createGzip(), counter, res);
      else await pipeline(body, counter, res);
    } catch (err) {
      // Headers are out: the only honest signal left is to cut the connection.
      log('err', `Streaming the reply to ${req.method} ${req.url} failed: ${(err as Error).message}`);
      res.destroy();
    }
  }

  return {
    server,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        const onError = (err: Error) => reject(err);
        server.once('error', onError);
        server.listen(port, host, () => {
          server.off('error', onError);
          resolve(server.address() as AddressInfo);
        });
      });
    },
    close(graceMs = 10_000) {
      return new Promise((resolve) => {
        trimmer?.close();
        const force = setTimeout(() => server.closeAllConnections(), graceMs);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      });
    },
    setTls(tls) {
      server.setSecureContext(tlsOptions(tls));
    },
    setAuthorization(authorize, renderer) {
      authorizeRequest = authorize;
      forbidden = renderer ?? defaultForbidden;
    },
    crlChanged() {
      crl?.invalidate();
    },
  };
}
