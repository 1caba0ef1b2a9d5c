// The real transport: Node's https with one keep-alive pool (an https.Agent)
// per TLS context, closing idle connections after http_keepalive_timeout, and
// Puppet's connect/read timeouts. Requests made with an unpooled context (the
// unverified CA download) get a throwaway connection, as Puppet never caches
// unverified connections. A server's `Connection: close` is honoured by Node's
// agent (the socket is not returned to the pool).
import https from 'node:https';
import type { IncomingMessage, ClientRequest } from 'node:http';
import { checkServerIdentity, type PeerCertificate, type TLSSocket } from 'node:tls';
import { isIP } from 'node:net';
import type { Dispatcher, HttpRequest, HttpResponse, TlsSettings } from './types.js';
import { CertVerifyError, ConnectionError, HttpError, TimeoutError } from './errors.js';

export interface NodeDispatcherOptions {
  /** Idle pooled connections are closed after this many ms (Puppet's http_keepalive_timeout, 4 s). */
  keepaliveTimeoutMs: number;
  /** Monotonic clock in ms, for the elapsed times in error messages. */
  now?: () => number;
}

// OpenSSL verification codes Node reports as err.code.
const VERIFY_CODES = new Set([
  'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_CRL', 'UNABLE_TO_DECRYPT_CERT_SIGNATURE', 'UNABLE_TO_DECRYPT_CRL_SIGNATURE',
  'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY', 'CERT_SIGNATURE_FAILURE', 'CRL_SIGNATURE_FAILURE', 'CERT_NOT_YET_VALID',
  'CERT_HAS_EXPIRED', 'CRL_NOT_YET_VALID', 'CRL_HAS_EXPIRED', 'ERROR_IN_CERT_NOT_BEFORE_FIELD', 'ERROR_IN_CERT_NOT_AFTER_FIELD',
  'ERROR_IN_CRL_LAST_UPDATE_FIELD', 'ERROR_IN_CRL_NEXT_UPDATE_FIELD', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'CERT_CHAIN_TOO_LONG', 'CERT_REVOKED', 'INVALID_CA',
  'PATH_LENGTH_EXCEEDED', 'INVALID_PURPOSE', 'CERT_UNTRUSTED', 'CERT_REJECTED', 'HOSTNAME_MISMATCH',
]);

export class NodeDispatcher implements Dispatcher {
  // Keyed by the identity of the TLS settings object: the pool key is
  // (context, host:port), and https.Agent already separates host:port.
  #agents = new Map<TlsSettings, https.Agent>();
  readonly #keepaliveMs: number;
  readonly #now: () => number;

  constructor(options: NodeDispatcherOptions) {
    this.#keepaliveMs = options.keepaliveTimeoutMs;
    this.#now = options.now ?? (() => performance.now());
  }

  /** Number of pools (TLS contexts) with an agent; for tests and diagnostics. */
  get poolCount(): number {
    return this.#agents.size;
  }

  close(): void {
    for (const agent of this.#agents.values()) agent.destroy();
    this.#agents.clear();
  }

  async dispatch(request: HttpRequest): Promise<HttpResponse> {
    try {
      return await this.#attempt(request);
    } catch (err) {
      // A pooled connection the server closed while idle fails on first use;
      // retry once on a fresh connection (nothing reached the server).
      if (err instanceof StaleSocketError) return this.#attempt(request);
      throw err;
    }
  }

  #agentFor(tls: TlsSettings): https.Agent {
    let agent = this.#agents.get(tls);
    if (!agent) {
      agent = new https.Agent({
        keepAlive: true,
        // For free sockets this is the idle timeout: Node destroys a pooled
        // socket whose timeout fires while it waits for reuse.
        timeout: this.#keepaliveMs,
        maxFreeSockets: 4,
        ...tlsOptions(tls),
      });
      this.#agents.set(tls, agent);
    }
    return agent;
  }

  #attempt(request: HttpRequest): Promise<HttpResponse> {
    const { url, tls } = request;
    const started = this.#now();
    const elapsed = () => ((this.#now() - started) / 1000).toFixed(3).replace(/\.?0+$/, '') || '0';
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    return new Promise<HttpResponse>((resolve, reject) => {
      let connected = false;
      let settled = false;
      let connectTimer: NodeJS.Timeout | undefined;
      const fail = (err: Error) => {
        if (settled) return;
        settled = true;
        if (connectTimer) clearTimeout(connectTimer);
        reject(err);
      };
      const req: ClientRequest = https.request({
        protocol: 'https:',
        host,
        port: url.port === '' ? 443 : Number(url.port),
        method: request.method,
        path: `${url.pathname}${url.search}`,
        headers: { ...request.headers, ...(request.body ? { 'Content-Length': String(request.body.byteLength) } : {}) },
        servername: isIP(host) ? undefined : host,
        ...(tls.noPooling ? { agent: false as const, ...tlsOptions(tls) } : { agent: this.#agentFor(tls) }),
      });
      req.on('socket', (socket) => {
        const s = socket as TLSSocket;
        if (!s.connecting && (s as TLSSocket & { encrypted?: boolean }).encrypted && !s.destroyed && req.reusedSocket) {
          connected = true;
          return;
        }
        connectTimer = setTimeout(() => {
          req.destroy(new TimeoutError(`Request to ${url.href} timed out connect operation after ${elapsed()} seconds`));
        }, request.connectTimeoutMs);
        s.once('secureConnect', () => {
          connected = true;
          if (connectTimer) clearTimeout(connectTimer);
        });
      });
      req.setTimeout(request.readTimeoutMs, () => {
        req.destroy(new TimeoutError(`Request to ${url.href} timed out read operation after ${elapsed()} seconds`));
      });
      req.on('error', (err: NodeJS.ErrnoException & { reason?: string; host?: string; cert?: { subjectaltname?: string; subject?: { CN?: string } } }) => {
        if (err instanceof HttpError) return fail(err); // timeouts, and checkPeer's CertVerifyError
        if (req.reusedSocket && !connectedOnce(req) && (err.code === 'ECONNRESET' || err.code === 'EPIPE')) {
          return fail(new StaleSocketError(err.message));
        }
        if (err.code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
          const names = (err.cert?.subjectaltname ?? '').split(/,\s*/).filter(Boolean).map((n) => n.replace(/^(DNS|IP Address):/, ''));
          const expected = names.length > 0 ? names : [err.cert?.subject?.CN ?? ''];
          return fail(new CertVerifyError(`Server hostname '${host}' did not match server certificate; expected one of ${expected.join(', ')}`, { cause: err }));
        }
        if (err.code && VERIFY_CODES.has(err.code)) {
          return fail(new CertVerifyError(`certificate verify failed [${err.message} for ${url.host}]`, { cause: err }));
        }
        const message = `Request to ${url.href} failed after ${elapsed()} seconds: ${describe(err, host, url.port || '443')}`;
        fail(connected ? new HttpError(message, { cause: err }) : new ConnectionError(message, { cause: err }));
      });
      req.on('response', (res: IncomingMessage) => {
        if (settled) {
          res.destroy();
          return;
        }
        settled = true;
        if (connectTimer) clearTimeout(connectTimer);
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers)) {
          if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
        }
        // A read timeout while the caller streams the body surfaces as a body error.
        resolve({ status: res.statusCode ?? 0, reason: res.statusMessage ?? '', headers, body: res });
      });
      req.end(request.body ? Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength) : undefined);
    });
  }
}

class StaleSocketError extends Error {}

function connectedOnce(req: ClientRequest): boolean {
  // A response already started on this request means the socket was fine.
  return (req as ClientRequest & { res?: unknown }).res !== undefined && (req as ClientRequest & { res?: unknown }).res !== null;
}

function tlsOptions(tls: TlsSettings): https.AgentOptions {
  return {
    rejectUnauthorized: tls.verifyPeer,
    ...(tls.ca !== undefined ? { ca: tls.ca } : {}),
    ...(tls.crl !== undefined ? { crl: tls.crl } : {}),
    ...(tls.key !== undefined ? { key: tls.key } : {}),
    ...(tls.cert !== undefined ? { cert: tls.cert } : {}),
    ...(tls.checkPeer ? { checkServerIdentity: peerCheck(tls.checkPeer) } : {}),
    minVersion: 'TLSv1.2',
  };
}

function peerCheck(check: (der: Buffer) => string | undefined) {
  return (host: string, cert: PeerCertificate): Error | undefined => {
    const identity = checkServerIdentity(host, cert);
    if (identity) return identity;
    const failure = check(cert.raw);
    return failure === undefined ? undefined : new CertVerifyError(`certificate verify failed [${failure}]`);
  };
}

// Worded as Ruby's Net::HTTP words them, so logs read like Puppet's.
function describe(err: NodeJS.ErrnoException & { address?: string; port?: number }, host: string, port: string): string {
  switch (err.code) {
    case 'ECONNREFUSED':
      return `Failed to open TCP connection to ${host}:${port} (Connection refused - connect(2) for ${err.address ?? host}:${err.port ?? port})`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Failed to open TCP connection to ${host}:${port} (getaddrinfo: ${err.code === 'ENOTFOUND' ? 'Name or service not known' : 'Temporary failure in name resolution'})`;
    case 'ECONNRESET':
      return 'Connection reset by peer';
    default:
      return err.message;
  }
}
