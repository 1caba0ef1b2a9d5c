// An in-memory Dispatcher for tests: each request is recorded and answered by
// a handler function, so services and the SSL state machine run without
// sockets. Bodies may be gzip-compressed to exercise decompression.
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import type { Dispatcher, HttpRequest, HttpResponse } from './types.js';

export interface MockReply {
  status: number;
  reason?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Compress the body with gzip and set Content-Encoding. */
  gzip?: boolean;
}

export type MockHandler = (request: HttpRequest) => MockReply | Promise<MockReply>;

const REASONS: Record<number, string> = {
  200: 'OK', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified', 307: 'Temporary Redirect',
  400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

export class MockDispatcher implements Dispatcher {
  readonly requests: HttpRequest[] = [];
  closed = 0;
  #handler: MockHandler;

  constructor(handler: MockHandler) {
    this.#handler = handler;
  }

  setHandler(handler: MockHandler): void {
    this.#handler = handler;
  }

  close(): void {
    this.closed += 1;
  }

  async dispatch(request: HttpRequest): Promise<HttpResponse> {
    this.requests.push(request);
    const reply = await this.#handler(request);
    let body = typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : Buffer.from(reply.body ?? new Uint8Array());
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(reply.headers ?? {})) headers[k.toLowerCase()] = v;
    if (reply.gzip) {
      body = gzipSync(body);
      headers['content-encoding'] = 'gzip';
    }
    return { status: reply.status, reason: reply.reason ?? REASONS[reply.status] ?? '', headers, body: Readable.from([body]) };
  }

  /** `METHOD path?query` of every request so far. */
  lines(): string[] {
    return this.requests.map((r) => `${r.method} ${r.url.pathname}${r.url.search}`);
  }
}
