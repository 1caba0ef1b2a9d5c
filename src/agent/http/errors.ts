// The agent's HTTP error types, mirroring Puppet::HTTP's: a response error
// carries the status and the server's message and reads like Puppet's
// `Error 404 on SERVER: <message>`; connection, timeout, redirect and retry
// failures are separate types so callers (the SSL state machine, pluginsync)
// can tell "the server said no" from "we never reached it".

/** Base of every error raised by the agent's HTTP layer. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The TCP or TLS connection could not be made (nothing was sent). */
export class ConnectionError extends HttpError {
  override name = 'ConnectionError';
}

/** The connect or read timeout expired. */
export class TimeoutError extends HttpError {
  override name = 'TimeoutError';
}

/** The server's certificate failed verification, or does not match the host name. */
export class CertVerifyError extends ConnectionError {
  override name = 'CertVerifyError';
}

/** The response could not be understood (missing Content-Type, bad Location, bad Retry-After, ...). */
export class ProtocolError extends HttpError {
  override name = 'ProtocolError';
}

/** A body could not be parsed in the format the server claimed. */
export class SerializationError extends HttpError {
  override name = 'SerializationError';
}

export class TooManyRedirects extends HttpError {
  override name = 'TooManyRedirects';
  constructor(url: URL | string) {
    super(`Too many HTTP redirections for ${String(url)}`);
  }
}

export class TooManyRetryAfters extends HttpError {
  override name = 'TooManyRetryAfters';
  constructor(url: URL | string) {
    super(`Too many HTTP retries for ${String(url)}`);
  }
}

/**
 * A non-2xx response. `serverMessage` is what Puppet extracts from the body:
 * the `message` of a JSON/PSON error, else the raw text, else the reason phrase.
 */
export class HttpResponseError extends HttpError {
  override name = 'HttpResponseError';
  readonly status: number;
  readonly reason: string;
  readonly serverMessage: string;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;

  constructor(init: { status: number; reason: string; body: string; contentType?: string; url: URL; headers?: Record<string, string> }) {
    const serverMessage = messageFromBody(init.body, init.contentType, init.reason);
    super(`Error ${init.status} on SERVER: ${serverMessage}`);
    this.status = init.status;
    this.reason = init.reason;
    this.serverMessage = serverMessage;
    this.url = init.url;
    this.headers = init.headers ?? {};
  }
}

/** Puppet's rule (Puppet::Indirector::REST): JSON/PSON bodies yield their `message`. */
export function messageFromBody(body: string, contentType: string | undefined, reason: string): string {
  if (contentType && /[pj]son/.test(contentType)) {
    try {
      const parsed = JSON.parse(body) as unknown;
      if (parsed && typeof parsed === 'object' && typeof (parsed as { message?: unknown }).message === 'string') {
        return (parsed as { message: string }).message;
      }
    } catch {
      // fall through to the raw body: a server may label plain text as JSON
    }
  }
  const trimmed = body.trim();
  return trimmed === '' ? reason : trimmed;
}
