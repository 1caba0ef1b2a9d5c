// The contract between the agent's HTTP client and its transport: a request
// with the TLS material to use, a response with a raw (possibly compressed)
// streaming body. The real transport is NodeDispatcher; tests plug in
// MockDispatcher. Everything above this line (redirects, retries, headers,
// decompression, error mapping) lives in HttpClient and is transport-agnostic.
import type { Readable } from 'node:stream';

/**
 * The TLS material of one SSL context. Connections are pooled per object
 * identity of this value (as Puppet pools per SSLContext object): a new context
 * (insecure -> CA -> CA+CRL -> client cert) never reuses an older connection.
 */
export interface TlsSettings {
  /** False only for the bootstrap download of the CA certificate. */
  readonly verifyPeer: boolean;
  /** PEM bundle of the trusted CA certificates. */
  readonly ca?: string;
  /** PEM CRLs; when present every certificate in the peer's chain is checked. */
  readonly crl?: string;
  /** PEM private key and client certificate for mutual TLS. */
  readonly key?: string;
  readonly cert?: string;
  /**
   * Extra check of the server certificate (DER) after chain and host name
   * verification; returns the failure message, or undefined when it passes.
   * Used for `certificate_revocation = leaf`, which Node's CRL option (it
   * checks the whole chain) cannot express.
   */
  readonly checkPeer?: (der: Buffer) => string | undefined;
  /** Never pool connections made with this context (the insecure bootstrap). */
  readonly noPooling?: boolean;
}

export type HttpMethod = 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE';

export interface HttpRequest {
  readonly method: HttpMethod;
  readonly url: URL;
  /** Header names as sent on the wire. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Uint8Array;
  readonly tls: TlsSettings;
  readonly connectTimeoutMs: number;
  readonly readTimeoutMs: number;
}

export interface HttpResponse {
  readonly status: number;
  readonly reason: string;
  /** Lower-case header names; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as received (before Content-Encoding is undone). Must be consumed or destroyed. */
  readonly body: Readable;
}

export interface Dispatcher {
  dispatch(request: HttpRequest): Promise<HttpResponse>;
  /** Closes every pooled connection (Puppet's `Puppet.runtime[:http].close`). */
  close(): void;
}
