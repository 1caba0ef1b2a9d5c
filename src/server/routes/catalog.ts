// /puppet/v3 node, catalog, facts and environments: classification (plain or
// an external node classifier), the facts cache, compiling through
// src/compiler, static-catalog metadata inlining, and content negotiation as
// puppetserver 7 answers a Puppet 7 agent.
import { randomUUID } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { RouteDeps } from '../route-loader.js';
import type { Reply, RouteContext, RouteFamily } from '../router.js';
import { Environment, compileCatalog, nodeFsHost, catalogToJsonBuffer, CompileError, localServerFacts } from '../../compiler/index.js';
import { BackgroundRuby, compileWithRuby } from '../../compiler/ruby-provider.js';
import { stdlibDirIn } from '../../ruby/runtime.js';
import { ExportStore, exportsDir } from '../../exports/index.js';
import { createFileServing } from '../file-serving.js';
import { inlineMetadata, commonChecksumType, noCommonChecksumError } from '../../fileserver/static-catalog.js';
import {
  answer, jsonContentType, loadEnvironment, negotiate, queryFromSearchParams, requireEnvironmentName, splitPathList,
  type EnvironmentLocation, type PlainReply,
} from '../../fileserver/indirector-request.js';
import { PuppetHttpError } from '../../fileserver/errors.js';
import { shortNameOf } from '../../x509/oids.js';
import { FactsStore, parseFactsDocument, type FactsDocument } from '../../node/facts-store.js';
import { classesForNodeObject, execClassifier, plainClassifier, ClassificationError, type Classifier, type NodeClassification } from '../../node/classifier.js';

const CATALOG_FORMATS = ['application/vnd.puppet.rich+json', 'application/json', 'text/pson'] as const;
const JSON_FORMATS = ['application/json', 'text/pson'] as const;

function catalogContentType(format: string): string {
  if (format === 'application/vnd.puppet.rich+json') return 'application/vnd.puppet.rich+json; charset=utf-8';
  return jsonContentType(format);
}

/** Request parameters of a catalog request: the query, overlaid by the form body of a POST. */
async function catalogParams(ctx: RouteContext): Promise<URLSearchParams> {
  const params = new URLSearchParams(ctx.query);
  if (ctx.method === 'POST') {
    const type = (ctx.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/x-www-form-urlencoded' && type !== '') {
      throw new PuppetHttpError(415, `Client sent a mime-type (${type}) that doesn't correspond to a format we support`, 'UNSUPPORTED_MEDIA_TYPE');
    }
    const body = new URLSearchParams((await ctx.readBody()).toString('utf8'));
    for (const key of new Set(body.keys())) {
      params.delete(key);
      for (const v of body.getAll(key)) params.append(key, v);
    }
  }
  return params;
}

/** The facts of a catalog request: form-decoded once by URLSearchParams, then once more (the agent double-encodes). */
function factsFromParams(params: URLSearchParams, node: string): FactsDocument | undefined {
  const raw = params.get('facts');
  if (raw === null || raw === '') return undefined;
  const format = params.get('facts_format') ?? 'application/json';
  if (!['application/json', 'pson', 'text/pson', 'json'].includes(format)) {
    throw new PuppetHttpError(400, `Unsupported facts format "${format}"`);
  }
  let text: string;
  try {
    text = decodeURIComponent(raw);
  } catch {
    text = raw;
  }
  let doc: FactsDocument;
  try {
    doc = parseFactsDocument(text, node);
  } catch (err) {
    throw new PuppetHttpError(400, (err as Error).message);
  }
  if (doc.name !== node) {
    throw new PuppetHttpError(400, `Catalog for "${node}" was requested with fact definition for the wrong node`);
  }
  return doc;
}

function nodeKey(ctx: RouteContext): string {
  const key = ctx.params[0] ?? '';
  if (key === '') throw new PuppetHttpError(400, `No request key specified in ${ctx.rawPath}`);
  return key;
}

/** `$trusted['extensions']`: Puppet's short names where it has one, dotted OIDs otherwise. */
function trustedExtensions(ext: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [oid, value] of Object.entries(ext)) {
    if (!oid.startsWith('1.3.6.1.4.1.34380.1')) continue;
    out[shortNameOf(oid) ?? oid] = value;
  }
  return out;
}

function emptyCatalog(node: string, environment: string, codeId: string | null): string {
  return JSON.stringify({
    tags: [], name: node, version: Math.floor(Date.now() / 1000), code_id: codeId, catalog_uuid: randomUUID(),
    catalog_format: 2, environment, resources: [], edges: [], classes: [],
  });
}

/** Appends the static-catalog keys; they come last in Puppet's catalog JSON. */
function withMetadata(json: Buffer, metadata: object, recursive: object): Buffer {
  const extra: string[] = [];
  if (Object.keys(metadata).length) extra.push(`"metadata":${JSON.stringify(metadata)}`);
  if (Object.keys(recursive).length) extra.push(`"recursive_metadata":${JSON.stringify(recursive)}`);
  // the catalog's closing brace makes way for the metadata keys
  return extra.length ? Buffer.concat([json.subarray(0, -1), Buffer.from(`,${extra.join(',')}}`, 'utf8')]) : json;
}

export function createRoutes(deps: RouteDeps): RouteFamily {
  const { settings } = deps;
  const location: EnvironmentLocation = {
    environmentpath: splitPathList(settings.environmentpath),
    basemodulepath: splitPathList(settings.basemodulepath),
  };
  const host = nodeFsHost();
  const facts = new FactsStore(join(String(settings.server_datadir), 'facts'));
  // storeconfigs on: exported resources are kept in the embedded store (Puppet's PuppetDB) and collected from it
  const exportStore = settings.storeconfigs === true ? new ExportStore(exportsDir(String(settings.server_datadir))) : undefined;
  const classifier: Classifier = settings.node_terminus === 'exec' && settings.external_nodes !== 'none'
    ? execClassifier({ command: String(settings.external_nodes) })
    : plainClassifier;
  const { fileServer, codeIds } = deps.fileServing ?? createFileServing(settings, deps.log);
  const serverFacts = localServerFacts();
  // ERB templates need the embedded Ruby: booted once, on the first compile that renders one;
  // its standard library is extracted once under vardir (not the temp dir a cleaner may empty)
  const ruby = new BackgroundRuby({ stdlibDir: stdlibDirIn(String(settings.vardir)) });

  // Parsed environments stay cached; each file is re-parsed only when it changes.
  const environments = new Map<string, Environment>();
  const findEnvironment = (name: string): Environment | undefined => {
    const envSettings = { environmentpath: location.environmentpath, basemodulepath: location.basemodulepath };
    const found = Environment.find(host, envSettings, name);
    if (!found) {
      environments.delete(name);
      return undefined;
    }
    const cached = environments.get(name);
    if (cached && cached.dir === found.dir && cached.manifest === found.manifest && cached.modulepath.join(':') === found.modulepath.join(':')) return cached;
    environments.set(name, found);
    return found;
  };

  const classify = async (node: string): Promise<NodeClassification> => {
    try {
      const result = await classifier.classify(node);
      if (!result) throw new PuppetHttpError(500, `Could not find node '${node}'; cannot compile`);
      return result;
    } catch (err) {
      if (err instanceof ClassificationError) throw new PuppetHttpError(500, err.message);
      throw err;
    }
  };

  const run = (fn: () => Promise<PlainReply>) => answer(fn) as Promise<Reply>;

  const nodeHandler = (ctx: RouteContext) => run(async () => {
    const query = queryFromSearchParams(ctx.query);
    const format = negotiate(ctx.header('accept'), JSON_FORMATS);
    const requested = requireEnvironmentName(query);
    const node = nodeKey(ctx);
    await loadEnvironment(location, requested);
    const classification = await classify(node);
    const environment = classification.environment ?? requested;
    if (classification.environment) await loadEnvironment(location, classification.environment);
    const stored = await facts.find(node).catch(() => undefined);
    const body: Record<string, unknown> = { name: node, environment };
    const classes = classesForNodeObject(classification.classes);
    if (classes !== undefined) body.classes = classes;
    const parameters: Record<string, unknown> = { ...(stored?.values ?? {}), ...classification.parameters };
    delete parameters.environment;
    if (Object.keys(parameters).length) body.parameters = parameters;
    return { status: 200, headers: { 'Content-Type': jsonContentType(format) }, body: JSON.stringify(body) };
  });

  const catalogHandler = (ctx: RouteContext) => run(async () => {
    const params = await catalogParams(ctx);
    const query = queryFromSearchParams(params);
    const format = negotiate(ctx.header('accept'), CATALOG_FORMATS);
    const requested = requireEnvironmentName(query);
    const node = nodeKey(ctx);
    const factsDoc = factsFromParams(params, node);
    // Saved while the catalog compiles (the save waits on the disk, the compile on the CPU);
    // a failed save still fails the request, once the compile is done.
    const saving = factsDoc ? facts.save(factsDoc).then(() => undefined, (err: unknown) => err) : undefined;
    const saved = async () => { const err = await saving; if (err) throw err; };
    const known = factsDoc ?? (await facts.find(node).catch(() => undefined));

    const classification = await classify(node);
    // The classifier's environment is authoritative; an unknown requested
    // environment compiles in the default one, as puppetserver does.
    let envName = classification.environment ?? requested;
    let env = findEnvironment(envName);
    if (!env && classification.environment) {
      throw new PuppetHttpError(500, `Could not find a directory environment named '${envName}' anywhere in the path: ${location.environmentpath.join(':')}`);
    }
    if (!env) {
      envName = String(settings.environment);
      env = findEnvironment(envName);
      if (!env) throw new PuppetHttpError(404, `Could not find environment '${requested}'`);
    }
    const staticWanted = params.get('static_catalog') === 'true' && env.conf.get('static_catalogs') !== 'false';
    const codeId = staticWanted ? await codeIds.codeId(env.name, env.dir) : null;

    const contentType = catalogContentType(format);
    if (params.get('check_environment') === 'true' && classification.environment && classification.environment !== requested) {
      await saved();
      return { status: 200, headers: { 'Content-Type': contentType }, body: emptyCatalog(node, env.name, codeId) };
    }

    const checksumList = params.get('checksum_type') ?? undefined;
    const checksumType = staticWanted ? commonChecksumType(checksumList ?? 'sha256') : undefined;
    if (staticWanted && !checksumType) throw noCommonChecksumError(checksumList);

    let json: Buffer;
    try {
      const result = await compileWithRuby(ruby, () => compileCatalog({
        node,
        facts: { ...(known?.values ?? {}) },
        environment: env,
        host,
        trustedExtensions: trustedExtensions(ctx.identity.extensions),
        authenticated: ctx.identity.authenticated ? 'remote' : false,
        serverFacts: { ...serverFacts, environment: env.name },
        strictVariables: settings.strict_variables === true,
        codeId,
        nodeParameters: classification.parameters,
        nodeClasses: classification.classes,
        exports: exportStore?.snapshot(),
        settings,
        hieraConfig: String(settings.hiera_config),
        codedir: String(settings.codedir),
        ruby: ruby.provider,
      }));
      // Puppet's log functions keep their level in the server log (alert, crit, emerg count as err).
      for (const entry of result.logs) deps.log(serverLevel(entry.level), `${entry.scope}: ${entry.message}`);
      // the node's exports replace its previous ones, as PuppetDB stores each compiled catalog
      if (exportStore) {
        await exportStore.replace(node, env.name, result.exported).catch((err: Error) => deps.log('err', `Could not store the exported resources of ${node}: ${err.message}`));
      }
      json = catalogToJsonBuffer(result.catalog, { richData: format === 'application/vnd.puppet.rich+json' });
      if (staticWanted && checksumType) {
        const fsEnv = await loadEnvironment(location, env.name);
        const files = result.catalog.resources
          .filter((r) => r.type === 'File' && !r.virtual)
          .map((r) => ({ type: r.type, title: r.title, parameters: Object.fromEntries([...r.parameters].map(([k, v]) => [k, plain(v)])) }));
        const inlined = await inlineMetadata(files, fsEnv, checksumType, fileServer, node);
        json = withMetadata(json, inlined.metadata, inlined.recursiveMetadata);
      }
    } catch (err) {
      if (err instanceof CompileError) throw new PuppetHttpError(500, err.puppetMessage);
      throw err;
    }
    await saved();
    return { status: 200, headers: { 'Content-Type': contentType }, body: json };
  });

  const factsHandler = (ctx: RouteContext) => run(async () => {
    const query = queryFromSearchParams(ctx.query);
    const format = negotiate(ctx.header('accept'), JSON_FORMATS, 'application/json');
    requireEnvironmentName(query);
    const node = nodeKey(ctx);
    const type = (ctx.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
    if (type === '') throw new PuppetHttpError(400, 'No Content-Type header was received, it isn\'t possible to unserialize the request', 'MISSING_HEADER_FIELD');
    if (!['application/json', 'text/pson', 'pson'].includes(type)) {
      throw new PuppetHttpError(415, `Client sent a mime-type (${type}) that doesn't correspond to a format we support`, 'UNSUPPORTED_MEDIA_TYPE');
    }
    let doc: FactsDocument;
    try {
      doc = parseFactsDocument((await ctx.readBody()).toString('utf8'), node);
    } catch (err) {
      throw new PuppetHttpError(400, (err as Error).message);
    }
    if (doc.name !== node) throw new PuppetHttpError(400, `Facts for "${node}" were submitted with the name "${doc.name}"`);
    await facts.save(doc);
    return { status: 200, headers: { 'Content-Type': jsonContentType(format) }, body: 'null' };
  });

  const environmentsHandler = () => run(async () => {
    const environments: Record<string, unknown> = {};
    for (const root of location.environmentpath) {
      let names: string[] = [];
      try {
        names = (await readdir(root)).filter((n) => /^\w+$/.test(n)).sort();
      } catch {
        continue;
      }
      for (const name of names) {
        if (environments[name] || !(await stat(join(root, name)).then((s) => s.isDirectory(), () => false))) continue;
        const env = findEnvironment(name);
        if (!env) continue;
        const timeout = env.conf.get('environment_timeout') ?? settings.environment_timeout;
        environments[name] = {
          settings: {
            modulepath: env.modulepath,
            manifest: env.manifest,
            environment_timeout: timeout === null || timeout === 'unlimited' ? 'unlimited' : Number(timeout),
            config_version: env.conf.get('config_version') ?? '',
          },
        };
      }
    }
    const body = { search_paths: [...location.environmentpath.map((p) => `file://${p}`), 'data:text/plain,internal'], environments };
    return { status: 200, headers: { 'Content-Type': 'application/json;charset=utf-8' }, body: JSON.stringify(body) };
  });

  return {
    name: 'puppet-catalog',
    prefix: '/puppet/v3/',
    errorFormat: 'puppet-json',
    routes: [
      { methods: ['GET'], path: /^\/puppet\/v3\/node\/(.*)$/, handler: nodeHandler },
      { methods: ['GET', 'POST'], path: /^\/puppet\/v3\/catalog\/(.*)$/, handler: catalogHandler },
      { methods: ['PUT'], path: /^\/puppet\/v3\/facts\/(.*)$/, handler: factsHandler },
      { methods: ['GET'], path: /^\/puppet\/v3\/environments$/, handler: environmentsHandler },
    ],
  };
}

function serverLevel(level: string): 'debug' | 'info' | 'notice' | 'warning' | 'err' {
  return level === 'debug' || level === 'info' || level === 'notice' || level === 'warning' ? level : 'err';
}

/** A catalog parameter value as plain data for the static-catalog options (strings, numbers, booleans, arrays). */
function plain(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(plain);
  if (v === null || typeof v !== 'object') return v;
  return String(v);
}
