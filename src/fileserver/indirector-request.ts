// The parts of Puppet's indirector request handling that the file serving and
// report endpoints share: environment checks, query decoding, Accept
// negotiation, and turning PuppetHttpError into a reply. No server types here,
// so the route modules stay thin and this stays testable on its own.
import { readFileSync, statSync } from 'node:fs';
import { join, isAbsolute, resolve } from 'node:path';
import { PuppetHttpError } from './errors.js';
import { environmentFromModulepath, type FileServingEnvironment } from './environment.js';
import type { Query } from './options.js';

/** A reply in the shape the server core's Reply has (status, headers, body). */
export interface PlainReply {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer | NodeJS.ReadableStream;
  compress?: boolean;
}

export function errorReply(err: PuppetHttpError): PlainReply {
  return { status: err.status, headers: { 'Content-Type': err.contentType }, body: err.body() };
}

/** Runs an endpoint body, answering PuppetHttpError as Puppet would; other errors propagate (500 by the core). */
export async function answer(fn: () => Promise<PlainReply>): Promise<PlainReply> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof PuppetHttpError) return errorReply(err);
    throw err;
  }
}

/** Query string → indirector options: repeated keys become arrays; `node` and `ip` are dropped. */
export function queryFromSearchParams(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of params) {
    if (key === 'node' || key === 'ip') continue;
    const prev = out[key];
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

/** Puppet's environment parameter checks (400s); returns the name. */
export function requireEnvironmentName(query: Query): string {
  const raw = query.environment;
  const env = Array.isArray(raw) ? raw[raw.length - 1] : raw;
  if (env === undefined || env === null || env === '') throw new PuppetHttpError(400, 'An environment parameter must be specified');
  const name = String(env);
  if (!/^\w+$/.test(name)) throw new PuppetHttpError(400, `The environment must be purely alphanumeric, not '${name}'`);
  return name;
}

/** Where environments live and what every environment shares. */
export interface EnvironmentLocation {
  /** Puppet[:environmentpath] entries. */
  readonly environmentpath: readonly string[];
  /** Puppet[:basemodulepath] entries. */
  readonly basemodulepath: readonly string[];
}

export function splitPathList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String).filter((s) => s !== '');
  if (typeof value !== 'string') return [];
  return value.split(':').filter((s) => s !== '');
}

/** `key = value` lines of environment.conf (only `modulepath` matters here). */
function confModulepath(text: string): string | undefined {
  for (const raw of text.split(/\r?\n/)) {
    const m = /^\s*modulepath\s*=\s*(.*?)\s*$/.exec(raw);
    if (m) return m[1]!.replace(/^"(.*)"$/, '$1');
  }
  return undefined;
}

/**
 * The file-serving view of environment `name`, or a 404 `Could not find
 * environment '<name>'` (RUNTIME_ERROR, as puppetserver answers).
 */
export async function loadEnvironment(location: EnvironmentLocation, name: string): Promise<FileServingEnvironment & { dir: string }> {
  for (const root of location.environmentpath) {
    const dir = join(root, name);
    // Synchronous: this runs on every catalog and file request (see environment.ts).
    try {
      if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) continue;
    } catch {
      continue;
    }
    let conf = '';
    try {
      conf = readFileSync(join(dir, 'environment.conf'), 'utf8');
    } catch {
      // no environment.conf: the default modulepath
    }
    const configured = confModulepath(conf);
    const base = location.basemodulepath;
    const modulepath = (configured !== undefined
      ? configured.replace(/\$basemodulepath/g, base.join(':')).replace(/\$environment/g, name).split(':')
      : ['modules', ...base]
    )
      .filter((p) => p !== '')
      .map((p) => (isAbsolute(p) ? p : resolve(dir, p)));
    return (await environmentFromModulepath(name, modulepath, dir)) as FileServingEnvironment & { dir: string };
  }
  throw new PuppetHttpError(404, `Could not find environment '${name}'`);
}

/**
 * Picks the response format from Accept like Puppet's handler: the first
 * listed format the endpoint supports (`*\/*` = its first). Missing Accept is
 * a 400 unless `fallback` is given (save requests fall back to JSON).
 */
export function negotiate(accept: string | undefined, supported: readonly string[], fallback?: string): string {
  const header = accept ?? fallback;
  if (header === undefined) throw new PuppetHttpError(400, 'Missing required Accept header', 'MISSING_HEADER_FIELD');
  const wanted = header.split(',').map((s) => s.split(';')[0]!.trim().toLowerCase()).filter((s) => s !== '');
  for (const w of wanted) {
    if (w === '*/*') return supported[0]!;
    const alias = w === 'pson' ? 'text/pson' : w === 'binary' ? 'application/octet-stream' : w;
    if (supported.includes(alias)) return alias;
  }
  throw new PuppetHttpError(406, `No supported formats are acceptable (Accept: ${wanted.join(', ')})`, 'UNSUPPORTED_FORMAT');
}

/** Content-Type for a negotiated JSON-ish format, as puppetserver writes it. */
export function jsonContentType(format: string): string {
  return format === 'text/pson' ? 'text/pson' : 'application/json;charset=utf-8';
}
