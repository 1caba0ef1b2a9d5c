// Typed errors for the file serving and report endpoints: each carries the HTTP
// status, Puppet's issue_kind and the message text, so HTTP handlers stay thin.

/** The issue kinds Puppet's indirector layer puts in JSON error bodies. */
export type IssueKind =
  | 'RESOURCE_NOT_FOUND'
  | 'RUNTIME_ERROR'
  | 'HANDLER_NOT_FOUND'
  | 'MISSING_HEADER_FIELD'
  | 'UNSUPPORTED_FORMAT'
  | 'UNSUPPORTED_METHOD'
  | 'UNSUPPORTED_MEDIA_TYPE';

/** Prefix Puppet's Ruby handler puts before the message, by status. */
const STATUS_PREFIX: Record<number, string> = {
  400: 'Bad Request',
  403: 'Not Authorized',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  415: 'Unsupported Media Type',
  500: 'Server Error',
};

/**
 * An error an endpoint answers with. `detail` is the bare text (as Puppet's
 * terminus raised it); `message` is what goes on the wire.
 * - `format: 'json'` (indirector endpoints): body `{"message": "<Prefix>: <detail>", "issue_kind": ...}`
 *   with `Content-Type: application/json;charset=utf-8`.
 * - `format: 'text'` (puppetserver Clojure handlers such as static_file_content):
 *   body is `detail` alone, `Content-Type: text/plain`.
 */
export class PuppetHttpError extends Error {
  readonly status: number;
  readonly issueKind: IssueKind;
  readonly detail: string;
  readonly format: 'json' | 'text';

  constructor(status: number, detail: string, issueKind: IssueKind = 'RUNTIME_ERROR', format: 'json' | 'text' = 'json') {
    const prefix = STATUS_PREFIX[status];
    super(format === 'json' && prefix ? `${prefix}: ${detail}` : detail);
    this.name = 'PuppetHttpError';
    this.status = status;
    this.issueKind = issueKind;
    this.detail = detail;
    this.format = format;
  }

  get contentType(): string {
    return this.format === 'json' ? 'application/json;charset=utf-8' : 'text/plain';
  }

  /** The response body exactly as puppetserver sends it. */
  body(): string {
    return this.format === 'json' ? JSON.stringify({ message: this.message, issue_kind: this.issueKind }) : this.message;
  }
}

/** 404 as the indirector's do_find/do_head answer: `Could not find <indirection> <key>`. */
export function notFound(indirection: string, key: string): PuppetHttpError {
  return new PuppetHttpError(404, `Could not find ${indirection} ${key}`, 'RESOURCE_NOT_FOUND');
}

/** 404 as the indirector's do_search answers a nil result. */
export function searchNotFound(indirection: string, key: string): PuppetHttpError {
  return new PuppetHttpError(404, `Could not find instances in ${indirection} with '${key}'`, 'RESOURCE_NOT_FOUND');
}

export function badRequest(detail: string): PuppetHttpError {
  return new PuppetHttpError(400, detail);
}

/** What Puppet's handler makes of any other exception: 500 `Server Error: <message>`. */
export function serverError(detail: string): PuppetHttpError {
  return new PuppetHttpError(500, detail);
}
