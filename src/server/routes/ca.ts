// The CA endpoints, /puppet-ca/v1 (puppetserver's certificate_authority_core):
// exact statuses, content types and bodies, including liberator's ordering for
// certificate_status (400 malformed, then 415, then 406, then 404/409).
import { TEXT_UTF8 } from '../errors.js';
import type { Reply, RouteContext, RouteFamily } from '../router.js';

/** Certificate status object as the CA API returns it (see http-api.md §4.5). */
export type CertificateStatus = object;

/**
 * What these routes need from the certificate authority (src/ca's
 * CertificateAuthority satisfies it). Failures are thrown as errors carrying
 * `status` (HTTP) and puppetserver's exact `message` (CaError).
 */
export interface CaService {
  /** PEM of the cert; `ca` gives the CA bundle. Throws 404 "Could not find certificate <name>". */
  certificatePem(subject: string): Promise<string>;
  crl(): Promise<{ pem: string; mtime: Date }>;
  submitCsr(subject: string, pem: string): Promise<unknown>;
  /** Throws 404 "Could not find certificate_request <name>". */
  csrPem(subject: string): Promise<string>;
  /** Throws 404 when there is no CSR. */
  deleteCsr(subject: string): Promise<unknown>;
  /** Throws 404 when there is neither a cert nor a CSR. */
  status(subject: string): Promise<CertificateStatus>;
  statuses(state?: 'requested' | 'signed' | 'revoked'): Promise<CertificateStatus[]>;
  sign(subject: string, options: { certTtlSeconds?: number }): Promise<unknown>;
  revoke(subject: string): Promise<unknown>;
  /** Deletes cert and CSR files without revoking; throws 404 when neither exists. */
  deleteStatus(subject: string): Promise<unknown>;
  /** Revokes and deletes each existing cert; `message` is puppetserver's reply text. */
  clean(certnames: string[]): Promise<{ missing: string[]; message: string }>;
  expirations(): Promise<{ 'ca-certs': Record<string, string>; crls: Record<string, string> }>;
  /** PUT certificate_revocation_list: newer CRLs of other CAs in the chain; returns the reply text. */
  updateCrls(pem: string): Promise<string>;
}

/** An error from the CA that carries its own HTTP status. */
export function caErrorStatus(err: unknown): number | undefined {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : undefined;
}

const TEXT = 'text/plain';
/** liberator's as-plain-text-response; Jetty writes it back without the space. */
const LIBERATOR_TEXT = TEXT_UTF8;
const CSR_BODY_LIMIT = 1024 * 1024;
const STATUS_BODY_LIMIT = 1024 * 1024;
const STATUS_MEDIA_TYPES = ['application/json', 'text/pson', 'pson'];

const text = (status: number, body: string, contentType = TEXT): Reply => ({ status, headers: { 'Content-Type': contentType }, body });

/** Runs a CA call, turning a CA error into the given text reply shape. */
async function caCall(fn: () => Promise<unknown>, onError: (status: number, message: string) => Reply): Promise<Reply | undefined> {
  try {
    await fn();
    return undefined;
  } catch (err) {
    const status = caErrorStatus(err);
    if (status === undefined) throw err;
    return onError(status, (err as Error).message);
  }
}

/** liberator content negotiation for certificate_status(es): the media type to label JSON with, or a 406. */
function negotiate(ctx: RouteContext): string | Reply {
  const accept = ctx.header('accept');
  if (!accept || accept.trim() === '') return 'application/json';
  for (const part of accept.split(',')) {
    const [type, ...params] = part.trim().split(';');
    const t = type!.trim().toLowerCase();
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q && Number(q.slice(2)) === 0) continue;
    if (STATUS_MEDIA_TYPES.includes(t)) return t;
    if (t === '*/*' || t === 'application/*') return 'application/json';
    if (t === 'text/*') return 'text/pson';
  }
  return text(406, 'No acceptable resource available.', LIBERATOR_TEXT);
}

function jsonAs(mediaType: string, value: unknown): Reply {
  return { status: 200, headers: { 'Content-Type': `${mediaType};charset=utf-8`, Vary: 'Accept' }, body: JSON.stringify(value) };
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** A read that may fail with a CA error; the error becomes a `contentType` text reply. */
async function caRead(fn: () => Promise<string>, contentType = TEXT): Promise<Reply> {
  try {
    return text(200, await fn());
  } catch (err) {
    const status = caErrorStatus(err);
    if (status === undefined) throw err;
    return text(status, (err as Error).message, contentType);
  }
}

async function putCertificateRequest(ca: CaService, ctx: RouteContext, subject: string): Promise<Reply> {
  const body = await ctx.readBody(CSR_BODY_LIMIT);
  const result = await caCall(() => ca.submitCsr(subject, body.toString('utf8')), (status, message) => text(status, message, TEXT_UTF8));
  if (result) return result;
  // 200 with an empty text/plain body, as puppetserver.
  return { status: 200, headers: { 'Content-Type': TEXT }, compress: false };
}

/** Parses an RFC 1123 / RFC 822 HTTP date; undefined when malformed. */
export function parseHttpDate(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

async function getCrl(ca: CaService, ctx: RouteContext): Promise<Reply> {
  const { pem, mtime } = await ca.crl();
  const since = parseHttpDate(ctx.header('if-modified-since'));
  // HTTP dates have one-second resolution: compare at that resolution, so an
  // agent echoing our Last-Modified is not sent the same CRL again.
  if (since && Math.floor(mtime.getTime() / 1000) <= Math.floor(since.getTime() / 1000)) {
    return { status: 304, headers: { 'Content-Type': TEXT } };
  }
  return text(200, pem);
}

async function certificateStatus(ca: CaService, ctx: RouteContext, subject: string): Promise<Reply> {
  if (ctx.method === 'PUT') {
    const body = await ctx.readBody(STATUS_BODY_LIMIT);
    // malformed? comes first in liberator's decision graph.
    if (body.length === 0) return text(400, 'Empty request body.', LIBERATOR_TEXT);
    const json = parseJson(body) as { desired_state?: unknown; cert_ttl?: unknown } | undefined;
    if (json === undefined || json === null || typeof json !== 'object') return text(400, 'Request body is not JSON.', LIBERATOR_TEXT);
    const desired = json.desired_state;
    if (desired === undefined || desired === null || desired === '' || desired === false) return text(400, 'Missing required parameter "desired_state"', LIBERATOR_TEXT);
    const state = String(desired).replace(/^:/, '');
    if (state !== 'signed' && state !== 'revoked') {
      return text(400, `State ${state} invalid; Must specify desired state of 'signed' or 'revoked' for host ${subject}.`, LIBERATOR_TEXT);
    }
    const ttl = json.cert_ttl;
    if (ttl !== undefined && ttl !== null && ttl !== false && !Number.isInteger(ttl)) {
      return text(400, `cert_ttl specified for host ${subject} must be an integer, not "${String(ttl)}"`, LIBERATOR_TEXT);
    }
    const ctype = ctx.header('content-type')?.split(';')[0]!.trim().toLowerCase();
    if (ctype && !STATUS_MEDIA_TYPES.includes(ctype)) return text(415, 'Unsupported media type.', LIBERATOR_TEXT);
    const neg = negotiate(ctx);
    if (typeof neg !== 'string') return neg;
    const result = await caCall(
      () => (state === 'signed' ? ca.sign(subject, { certTtlSeconds: typeof ttl === 'number' ? ttl : undefined }) : ca.revoke(subject)),
      (status, message) => text(status, message, LIBERATOR_TEXT),
    );
    if (result) return result;
    return { status: 204, headers: { 'Content-Type': TEXT } };
  }
  const neg = negotiate(ctx);
  if (typeof neg !== 'string') return neg;
  if (ctx.method === 'DELETE') {
    const result = await caCall(() => ca.deleteStatus(subject), (status, message) =>
      status === 404 ? text(404, 'Resource not found.', LIBERATOR_TEXT) : text(status, message, LIBERATOR_TEXT));
    if (result) return result;
    return { status: 204, headers: { 'Content-Type': TEXT } };
  }
  let status: CertificateStatus;
  try {
    status = await ca.status(subject);
  } catch (err) {
    const code = caErrorStatus(err);
    if (code === undefined) throw err;
    return text(code, code === 404 ? 'Resource not found.' : (err as Error).message, LIBERATOR_TEXT);
  }
  return jsonAs(neg, status);
}

async function certificateStatuses(ca: CaService, ctx: RouteContext): Promise<Reply> {
  const neg = negotiate(ctx);
  if (typeof neg !== 'string') return neg;
  const state = ctx.query.get('state');
  const filter = state === 'requested' || state === 'signed' || state === 'revoked' ? state : undefined;
  return jsonAs(neg, await ca.statuses(filter));
}

async function clean(ca: CaService, ctx: RouteContext): Promise<Reply> {
  const json = parseJson(await ctx.readBody(STATUS_BODY_LIMIT)) as { async?: unknown; certnames?: unknown } | undefined;
  if (json === undefined || json === null || typeof json !== 'object') return text(400, 'Request body is not JSON.');
  if (json.async === true) return text(400, 'Async mode is not currently supported.');
  if (!Array.isArray(json.certnames)) {
    return text(400, "Missing required key: 'certnames'. Please supply the list of certs you want to clean.");
  }
  const names = json.certnames.map(String);
  try {
    return text(200, (await ca.clean(names)).message);
  } catch (err) {
    return text(500, `Error while cleaning certs: ${(err as Error).message}`);
  }
}

export function caRoutes(ca: CaService): RouteFamily {
  const P = '/puppet-ca/v1';
  return {
    name: 'puppet-ca',
    prefix: `${P}/`,
    errorFormat: 'text',
    notFound: () => text(404, 'Not Found'),
    routes: [
      { methods: ['GET'], path: /^\/puppet-ca\/v1\/certificate\/([^/]+)$/, handler: (ctx) => caRead(() => ca.certificatePem(ctx.params[0]!)) },
      { methods: ['GET'], path: /^\/puppet-ca\/v1\/certificate_request\/([^/]+)$/, handler: (ctx) => caRead(() => ca.csrPem(ctx.params[0]!)) },
      { methods: ['PUT'], path: /^\/puppet-ca\/v1\/certificate_request\/([^/]+)$/, handler: (ctx) => putCertificateRequest(ca, ctx, ctx.params[0]!) },
      {
        methods: ['DELETE'],
        path: /^\/puppet-ca\/v1\/certificate_request\/([^/]+)$/,
        handler: async (ctx) => {
          const subject = ctx.params[0]!;
          const result = await caCall(() => ca.deleteCsr(subject), (status, message) => text(status, message));
          if (result) return result;
          return { status: 204, headers: { 'Content-Type': TEXT } };
        },
      },
      { methods: ['GET'], path: /^\/puppet-ca\/v1\/certificate_revocation_list\/([^/]+)$/, handler: (ctx) => getCrl(ca, ctx) },
      {
        methods: ['PUT'],
        path: /^\/puppet-ca\/v1\/certificate_revocation_list$/,
        handler: async (ctx) => caRead(async () => ca.updateCrls((await ctx.readBody(CSR_BODY_LIMIT * 16)).toString('utf8'))),
      },
      {
        methods: ['GET', 'PUT', 'DELETE', 'POST', 'HEAD', 'OPTIONS', 'PATCH'],
        path: /^\/puppet-ca\/v1\/certificate_status\/([^/]+)$/,
        handler: (ctx) => {
          if (!['GET', 'PUT', 'DELETE'].includes(ctx.method)) return text(405, 'Method not allowed.', LIBERATOR_TEXT);
          return certificateStatus(ca, ctx, ctx.params[0]!);
        },
      },
      {
        methods: ['GET', 'PUT', 'DELETE', 'POST', 'HEAD', 'OPTIONS', 'PATCH'],
        path: /^\/puppet-ca\/v1\/certificate_statuses\/([^/]*)$/,
        handler: (ctx) => {
          if (ctx.params[0] === '') return text(400, 'Missing URL Segment', TEXT_UTF8);
          if (ctx.method !== 'GET') return text(405, 'Method not allowed.', LIBERATOR_TEXT);
          return certificateStatuses(ca, ctx);
        },
      },
      {
        methods: ['GET'],
        path: /^\/puppet-ca\/v1\/expirations$/,
        handler: async () => ({ status: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(await ca.expirations()) }),
      },
      { methods: ['PUT'], path: /^\/puppet-ca\/v1\/clean$/, handler: (ctx) => clean(ca, ctx) },
    ],
  };
}

/** Route-module entry point (see route-loader.ts). */
export function createRoutes(deps: { ca: CaService }): RouteFamily {
  return caRoutes(deps.ca);
}
