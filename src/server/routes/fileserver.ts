// /puppet/v3 file serving: file_metadata(s), file_content, static_file_content
// and file_bucket_file, as thin handlers over src/fileserver (which does the
// work and raises Puppet's errors).
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { RouteDeps } from '../route-loader.js';
import type { Reply, RouteContext, RouteFamily } from '../router.js';
import { FileBucket } from '../../fileserver/file-bucket.js';
import { createFileServing } from '../file-serving.js';
import {
  answer, jsonContentType, loadEnvironment, negotiate, queryFromSearchParams, requireEnvironmentName, splitPathList,
  type EnvironmentLocation, type PlainReply,
} from '../../fileserver/indirector-request.js';
import { PuppetHttpError } from '../../fileserver/errors.js';

const JSON_FORMATS = ['application/json', 'text/pson'] as const;
const BINARY = ['application/octet-stream'] as const;

function str(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}

/** The request key: the path after `/puppet/v3/<indirection>/`, percent-decoded, slashes as sent. */
function rawKey(ctx: RouteContext, indirection: string): string {
  const prefix = `/puppet/v3/${indirection}/`;
  const raw = ctx.rawPath.startsWith(prefix) ? ctx.rawPath.slice(prefix.length) : ctx.params[0] ?? '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return ctx.params[0] ?? raw;
  }
}

function noKey(ctx: RouteContext): PuppetHttpError {
  return new PuppetHttpError(400, `No request key specified in ${ctx.rawPath}`);
}

export function createRoutes(deps: RouteDeps): RouteFamily {
  const { settings } = deps;
  const log = (level: 'debug' | 'info' | 'notice' | 'warning' | 'err', message: string) => deps.log(level, message);
  const location: EnvironmentLocation = {
    environmentpath: splitPathList(settings.environmentpath),
    basemodulepath: splitPathList(settings.basemodulepath),
  };
  const { fileServer, codeIds } = deps.fileServing ?? createFileServing(settings, deps.log);
  const bucket = new FileBucket({
    bucketdir: str(settings.bucketdir) || join(settings.vardir, 'bucket'),
    digestAlgorithm: str(settings.digest_algorithm, 'sha256'),
    log: (level, message) => log(level, message),
  });

  const run = (fn: () => Promise<PlainReply>) => answer(fn) as Promise<Reply>;

  const metadataHandler = (plural: boolean) => (ctx: RouteContext) =>
    run(async (): Promise<PlainReply> => {
      const query = queryFromSearchParams(ctx.query);
      const format = negotiate(ctx.header('accept'), JSON_FORMATS);
      const environment = await loadEnvironment(location, requireEnvironmentName(query));
      const key = rawKey(ctx, plural ? 'file_metadatas' : 'file_metadata');
      if (key === '') throw noKey(ctx);
      const request = { key, query, environment, ...(ctx.identity.certname ? { certname: ctx.identity.certname } : {}) };
      const body = plural ? await fileServer.metadatas(request) : await fileServer.metadata(request);
      return { status: 200, headers: { 'Content-Type': jsonContentType(format) }, body: JSON.stringify(body) };
    });

  return {
    name: 'puppet-fileserver',
    prefix: '/puppet/v3/',
    errorFormat: 'puppet-json',
    routes: [
      { methods: ['GET'], path: /^\/puppet\/v3\/file_metadata\/(.*)$/, handler: metadataHandler(false) },
      { methods: ['GET'], path: /^\/puppet\/v3\/file_metadatas\/(.*)$/, handler: metadataHandler(true) },
      {
        methods: ['GET'],
        path: /^\/puppet\/v3\/file_content\/(.*)$/,
        handler: (ctx) =>
          run(async (): Promise<PlainReply> => {
            const query = queryFromSearchParams(ctx.query);
            negotiate(ctx.header('accept'), BINARY);
            const environment = await loadEnvironment(location, requireEnvironmentName(query));
            const key = rawKey(ctx, 'file_content');
            if (key === '') throw noKey(ctx);
            const content = await fileServer.content({ key, query, environment, ...(ctx.identity.certname ? { certname: ctx.identity.certname } : {}) });
            return {
              status: 200,
              headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(content.size) },
              body: content.stream as unknown as Readable,
            };
          }),
      },
      {
        methods: ['GET'],
        path: /^\/puppet\/v3\/static_file_content\/(.*)$/,
        handler: (ctx) =>
          run(async (): Promise<PlainReply> => {
            const environment = ctx.query.get('environment') ?? undefined;
            const codeId = ctx.query.get('code_id') ?? undefined;
            const path = ctx.params[0] || undefined;
            let envDir: string | undefined;
            if (environment && /^\w+$/.test(environment)) envDir = (await loadEnvironment(location, environment).catch(() => undefined))?.dir;
            const content = await codeIds.staticFileContent(environment, codeId, path, envDir);
            return {
              status: 200,
              headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(content.size) },
              body: content.stream as unknown as Readable,
            };
          }),
      },
      {
        methods: ['GET', 'HEAD', 'PUT'],
        path: /^\/puppet\/v3\/file_bucket_file\/(.*)$/,
        handler: (ctx) =>
          run(async (): Promise<PlainReply> => {
            const query = queryFromSearchParams(ctx.query);
            if (ctx.method !== 'PUT') negotiate(ctx.header('accept'), BINARY);
            await loadEnvironment(location, requireEnvironmentName(query));
            const key = rawKey(ctx, 'file_bucket_file');
            if (key === '') throw noKey(ctx);
            if (ctx.method === 'HEAD') {
              if (!(await bucket.head(key))) throw new PuppetHttpError(404, `Could not find file_bucket_file ${key}`, 'RESOURCE_NOT_FOUND');
              return { status: 200 };
            }
            if (ctx.method === 'PUT') {
              await bucket.put(key, await ctx.readBody());
              return { status: 200, headers: { 'Content-Type': 'application/octet-stream' }, body: '' };
            }
            const diffWith = typeof query.diff_with === 'string' ? query.diff_with : undefined;
            const got = await bucket.get(key, { ...(diffWith ? { diffWith } : {}), listAll: query.list_all !== undefined });
            if ('diff' in got) return { status: 200, headers: { 'Content-Type': 'application/octet-stream' }, body: got.diff };
            return {
              status: 200,
              headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(got.size) },
              body: got.stream as unknown as Readable,
            };
          }),
      },
    ],
  };
}
