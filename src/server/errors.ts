// The server's error registry: one table from error code to HTTP status and
// body format, and the renderers that turn an HttpError into the exact bytes
// puppetserver sends (JSON `{message, issue_kind}` for /puppet/v3, bare text
// for the CA and tk-auth, `{kind, msg}` for the status service).

/** How an error body is rendered; chosen by the route family, not the error. */
export type ErrorFormat = 'puppet-json' | 'text' | 'status-json';

export type ErrorCode =
  | 'BAD_REQUEST'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'HANDLER_NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'NOT_ACCEPTABLE'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'SERVER_ERROR'
  | 'SERVICE_UNAVAILABLE';

interface ErrorKind {
  status: number;
  /** Prefix of the Ruby indirector's messages ("Not Found: ..."). */
  prefix: string;
  /** Default `issue_kind` of the JSON body (puppet-json format). */
  issueKind: string;
  /** `kind` of the status service's JSON error body (trapperkeeper middleware). */
  statusType: string;
}

/** The registry. Statuses and prefixes follow lib/puppet/network/http/error.rb. */
export const errorKinds: Readonly<Record<ErrorCode, ErrorKind>> = Object.freeze({
  BAD_REQUEST: { status: 400, prefix: 'Bad Request', issueKind: 'RUNTIME_ERROR', statusType: 'request-data-invalid' },
  FORBIDDEN: { status: 403, prefix: 'Not Authorized', issueKind: 'FAILED_AUTHORIZATION', statusType: 'forbidden' },
  NOT_FOUND: { status: 404, prefix: 'Not Found', issueKind: 'RESOURCE_NOT_FOUND', statusType: 'service-not-found' },
  HANDLER_NOT_FOUND: { status: 404, prefix: 'Not Found', issueKind: 'HANDLER_NOT_FOUND', statusType: 'not-found' },
  METHOD_NOT_ALLOWED: { status: 405, prefix: 'Method Not Allowed', issueKind: 'UNSUPPORTED_METHOD', statusType: 'method-not-allowed' },
  NOT_ACCEPTABLE: { status: 406, prefix: 'Not Acceptable', issueKind: 'UNSUPPORTED_FORMAT', statusType: 'not-acceptable' },
  CONFLICT: { status: 409, prefix: 'Conflict', issueKind: 'RUNTIME_ERROR', statusType: 'conflict' },
  PAYLOAD_TOO_LARGE: { status: 413, prefix: 'Payload Too Large', issueKind: 'RUNTIME_ERROR', statusType: 'request-too-large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, prefix: 'Unsupported Media Type', issueKind: 'UNSUPPORTED_MEDIA_TYPE', statusType: 'unsupported-media-type' },
  SERVER_ERROR: { status: 500, prefix: 'Server Error', issueKind: 'RUNTIME_ERROR', statusType: 'internal-error' },
  SERVICE_UNAVAILABLE: { status: 503, prefix: 'Service Unavailable', issueKind: 'RUNTIME_ERROR', statusType: 'service-unavailable' },
});

/** An error a route (or the core) answers with; never a crash. */
export class HttpError extends Error {
  readonly code: ErrorCode;
  readonly issueKind: string | undefined;
  /** Close the connection after answering (e.g. an unread oversized body). */
  readonly closeConnection: boolean;

  constructor(code: ErrorCode, message: string, options: { issueKind?: string; closeConnection?: boolean } = {}) {
    super(message);
    this.name = 'HttpError';
    this.code = code;
    this.issueKind = options.issueKind;
    this.closeConnection = options.closeConnection ?? false;
  }

  get status(): number {
    return errorKinds[this.code].status;
  }
}

export interface RenderedError {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export const JSON_UTF8 = 'application/json;charset=utf-8';
export const TEXT_UTF8 = 'text/plain;charset=utf-8';

/** Turns an HttpError into puppetserver's bytes for the given family format. */
export function renderError(err: HttpError, format: ErrorFormat): RenderedError {
  const kind = errorKinds[err.code];
  switch (format) {
    case 'puppet-json':
      return {
        status: kind.status,
        headers: { 'Content-Type': JSON_UTF8 },
        body: JSON.stringify({ message: `${kind.prefix}: ${err.message}`, issue_kind: err.issueKind ?? kind.issueKind }),
      };
    case 'status-json':
      return {
        status: kind.status,
        headers: { 'Content-Type': JSON_UTF8 },
        body: JSON.stringify({ kind: err.issueKind ?? kind.statusType, msg: err.message }),
      };
    case 'text':
      return { status: kind.status, headers: { 'Content-Type': TEXT_UTF8 }, body: err.message };
  }
}

/** Maps a bare HTTP status (e.g. from a CaError) to its registry code. */
export function codeForStatus(status: number): ErrorCode {
  for (const [code, kind] of Object.entries(errorKinds) as [ErrorCode, ErrorKind][]) {
    if (kind.status === status && code !== 'HANDLER_NOT_FOUND') return code;
  }
  return status >= 500 ? 'SERVER_ERROR' : 'BAD_REQUEST';
}
