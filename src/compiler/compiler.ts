// The compiler's entry point: node + facts + environment -> catalog. Sets up
// the top scope ($facts, $trusted, $server_facts, top-scope facts), the
// Stage[main]/Class[Settings]/Class[main] skeleton, evaluates the main
// manifests, matches and evaluates the node definition, then finishes.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type * as A from '../lang/ast.js';
import { PHash, PRegexp, fromJson, toPuppetString, type Value } from '../lang/values.js';
import { Catalog, CatalogResource } from '../catalog/catalog.js';
import { catalogToJson } from '../catalog/json.js';
import { Evaluator, ReturnSignal } from '../lang/evaluator/evaluator.js';
import { EvalError, evalErrorText } from '../lang/evaluator/errors.js';
import { Scope } from '../lang/evaluator/scope.js';
import { builtinFunctions } from '../lang/functions/index.js';
import type { RubyRuntime } from '../ruby/runtime.js';
import { createDataFunctions } from './data-functions.js';
import { environmentRubyFunctions, environmentRubyTypes, externalFunction } from './external-functions.js';
import { parse } from '../lang/parser.js';
import { renderEppText } from './epp.js';
import { Compilation, type LogEntry } from './compilation.js';
import { Definitions } from './definitions.js';
import type { ExportedResource, ExportedResourceSource } from '../exports/index.js';
import type { Environment } from './environment.js';
import { CompileError } from './errors.js';
import type { CompilerHost } from './host.js';

export interface CompileRequest {
  /** The node's certname. */
  readonly node: string;
  /** Fact values (the `values` of the agent's facts object). */
  readonly facts: Readonly<Record<string, unknown>>;
  readonly environment: Environment;
  readonly host: CompilerHost;
  /** Certificate extensions for `$trusted['extensions']`, keyed by name or OID. */
  readonly trustedExtensions?: Readonly<Record<string, unknown>>;
  /** Whether the node's certificate was verified (`remote`) or not (`local` for puppet apply). */
  readonly authenticated?: 'remote' | 'local' | false;
  readonly serverFacts?: Readonly<Record<string, unknown>>;
  readonly strictVariables?: boolean;
  /** The catalog version (default: seconds since the epoch at compile time). */
  readonly version?: number | string;
  readonly codeId?: string | null;
  readonly catalogUuid?: string;
  /** Parameters from the node classifier (ENC): top-scope variables that win over facts. */
  readonly nodeParameters?: Readonly<Record<string, unknown>>;
  /**
   * Classes from the node classifier, evaluated after the node definition as
   * Puppet's evaluate_node_classes does: names are included; a name with
   * non-empty parameters is declared resource-like.
   */
  readonly nodeClasses?: readonly string[] | Readonly<Record<string, Readonly<Record<string, unknown>> | null>>;
  /** Other nodes' exported resources for `<<| |>>` (Puppet with storeconfigs); without it exported collectors collect nothing. */
  readonly exports?: ExportedResourceSource;
  /**
   * The global hiera.yaml (Puppet's `hiera_config`). lookup(), the hiera
   * functions and automatic class parameter lookup use the global layer from
   * it (when the file exists), the environment's and the modules' layers.
   */
  readonly hieraConfig?: string;
  /** Puppet's settings, as `$settings::<name>` variables (the Settings class scope). */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** `$codedir`, for a version 3 global hiera.yaml's default datadir. */
  readonly codedir?: string;
  /** The embedded Ruby (ERB templates), asked for only when a template is rendered; keep one per process. */
  readonly ruby?: () => RubyRuntime;
}

export interface CompileResult {
  readonly catalog: Catalog;
  /** Messages from notice(), warning() and friends, in order. */
  readonly logs: readonly LogEntry[];
  /** Every manifest or template file the compile looked at (read or probed). */
  readonly filesRead: ReadonlySet<string>;
  /** Names of the top-level facts the compile read (`$facts` as a whole counts as "facts"). */
  readonly factsRead: ReadonlySet<string>;
  /** The node's exported (`@@`) resources, for the caller to store. */
  readonly exported: readonly ExportedResource[];
}

/** Compiles a catalog; throws CompileError with Puppet's message on failure. */
export function compile(req: CompileRequest): CompileResult {
  const { host, environment: env, node } = req;
  const defs = new Definitions(env, host);
  const catalog = new Catalog(node, env.name);
  catalog.version = req.version ?? Math.floor(Date.now() / 1000);
  catalog.codeId = req.codeId ?? null;
  catalog.catalogUuid = req.catalogUuid ?? randomUUID();
  // the data functions are added once the compilation they read from exists
  const functions = new Map(builtinFunctions);
  const ev = new Evaluator({ strictVariables: req.strictVariables ?? false, functions });
  const factsRead = new Set<string>();

  const readModuleFile = (spec: string, folder: 'files' | 'templates') => {
    const [mod, ...rest] = spec.split('/');
    const dir = env.moduleDir(host, mod);
    if (!dir || rest.length === 0) return undefined;
    const path = join(dir, folder, ...rest);
    defs.filesRead.add(path);
    const text = host.readFile(path);
    return text === undefined ? undefined : { path, text };
  };
  const comp = new Compilation(
    ev, defs, catalog, node, readModuleFile,
    (text, path, params, scope) => renderEppText(ev, text, path, params, scope, (t, p, inline) => env.parseEpp(t, p, inline)),
    (name) => env.moduleDir(host, name),
    (path) => host.isFile(path),
  );
  ev.ops = comp;
  comp.exports = req.exports;
  const warned = new Set<string>();
  const data = createDataFunctions({
    hiera: req.hieraConfig !== undefined ? env.hiera({ globalConfigPath: req.hieraConfig, codedir: req.codedir, host }, {
      onWarning: (m) => comp.log('warning', m, ev.topScope),
      parseType: (text) => evaluateText(ev, text),
      dataHash: (name, options) => {
        // Puppet passes (options, context); a Puppet function may take fewer
        const fn = comp.findFunction(name);
        if (!fn) return undefined;
        const args = [options, undefined].slice(0, Math.min(2, fn.maxArgs));
        return { value: fn.call(args) };
      },
    }) : undefined,
    ruby: req.ruby,
    lookupVariable: (name, scope) => comp.lookupVariable(name, scope),
    readTemplate: (spec) => {
      if (!spec.startsWith('/')) return readModuleFile(spec, 'templates');
      defs.filesRead.add(spec);
      const text = host.readFile(spec);
      return text === undefined ? undefined : { path: spec, text };
    },
    classes: () => catalog.classes,
    tags: () => catalog.tags.toArray(),
    warnOnce: (key, message, scope) => {
      if (warned.has(key)) return;
      warned.add(key);
      comp.log('warning', message, scope);
    },
  });
  for (const [name, fn] of Object.entries(data.functions)) functions.set(name, fn);
  comp.parameterLookup = data.lookupParameter;
  if (req.ruby) {
    const rubyFunctions = environmentRubyFunctions(env, host, req.ruby);
    comp.rubyTypes = environmentRubyTypes(env, host, req.ruby);
    comp.externalFunctions = (name) => {
      const impl = rubyFunctions(name);
      return impl && externalFunction(impl, comp);
    };
  }

  try {
    const programs: A.Program[] = [];
    for (const file of env.manifestFiles(host)) {
      const p = defs.loadFile(file, true);
      if (p) programs.push(p);
    }

    // the skeleton every catalog starts with
    const stage = new CatalogResource('Stage', 'main', 'compilable_type');
    stage.tags.add('stage');
    stage.parameters.set('name', 'main');
    catalog.add(stage);
    comp.mainStage = stage;
    const settings = new CatalogResource('Class', 'Settings', 'unknown');
    settings.tags.add('class');
    settings.tags.add('settings');
    catalog.add(settings);
    catalog.addEdge(stage, settings);
    catalog.classes.push('settings');
    const main = new CatalogResource('Class', 'main', 'unknown');
    main.tags.add('class');
    main.parameters.set('name', 'main');
    catalog.add(main);
    catalog.addEdge(stage, main);
    comp.mainClass = main;

    const top = new Scope('top', undefined, main);
    ev.topScope = top;
    setTopScope(top, req, factsRead);
    const settingsScope = new Scope('class', top, settings, undefined, 'settings');
    settingsScope.set('environment', env.name);
    settingsScope.set('strict_variables', req.strictVariables ?? false);
    settingsScope.set('strict', 'warning');
    for (const [k, v] of Object.entries(req.settings ?? {})) {
      if (k !== 'name' && /^[a-z_]\w*$/.test(k)) settingsScope.set(k, fromJson(v));
    }
    comp.classScopes.set('settings', settingsScope);
    comp.classScopes.set('', top);
    comp.info.set(main, { scope: top, source: undefined, evaluated: true, line: undefined });

    for (const p of programs) ev.withSource(p.source, () => ev.evaluate(p.body, top));

    const nodeDef = matchNode(defs.nodes, node);
    let classScope = top;
    if (nodeDef) {
      const { def, name } = nodeDef;
      const nr = new CatalogResource('Node', name, 'unknown');
      nr.tags.add('node');
      Compilation.addTag(nr.tags, name);
      for (const t of nr.tags.toArray()) if (!comp.compileTags.includes(t)) comp.compileTags.push(t);
      nr.tags.addAll(main.tags.toArray());
      catalog.add(nr);
      catalog.addEdge(main, nr);
      catalog.classes.push(name);
      const nodeScope = new Scope('node', top, nr, undefined, '');
      if (nodeDef.match) nodeScope.matchData = [...nodeDef.match];
      ev.withSource(def.source, () => ev.evaluate(def.body, nodeScope));
      classScope = nodeScope;
    } else if (defs.nodes.length > 0) {
      throw new CompileError(`Could not find node statement with name 'default' or '${nodeNames(node).join(', ')}'`);
    }
    evaluateNodeClasses(comp, req.nodeClasses, classScope);

    comp.finish();
  } catch (err) {
    throw decorate(err, node);
  }

  // the catalog's tags: class names first, then the tags merged while compiling
  for (const c of catalog.classes) Compilation.addTag(catalog.tags, c);
  for (const t of comp.compileTags) catalog.tags.add(t);

  return { catalog, logs: comp.logs, filesRead: defs.filesRead, factsRead, exported: comp.exportedResources() };
}

/** The value of a small Puppet expression given as text (a type name in Hiera's lookup_options). */
function evaluateText(ev: Evaluator, text: string): Value {
  const result = parse(text, '');
  if (result.diagnostics.some((d) => d.severity === 'error')) throw new CompileError(`Cannot parse '${text}' as a type`);
  return ev.evaluate(result.ast.body, ev.topScope);
}

/** Puppet's wording: "Evaluation Error: Error while evaluating a X, msg (file: f, line: l, column: c) on node n". */
function decorate(err: unknown, node: string): unknown {
  if (err instanceof EvalError) return new CompileError(`${evalErrorText(err)} on node ${node}`);
  if (err instanceof ReturnSignal) {
    const where = new CompileError('return() from context where this is illegal', { file: err.file, line: err.line, column: undefined });
    return new CompileError(`${where.puppetMessage} on node ${node}`);
  }
  if (err instanceof CompileError) return new CompileError(`${err.puppetMessage} on node ${node}`);
  if (err instanceof Error && err.constructor.name === 'UserError') return new CompileError(`${err.message} on node ${node}`);
  return err;
}

/**
 * The names a node is matched by. Puppet 7 defaults to strict_hostname_checking,
 * so only the certname itself (then regexes, then `default`).
 */
export function nodeNames(certname: string): string[] {
  return [certname];
}

interface NodeMatch {
  readonly def: A.NodeDefinition;
  readonly name: string;
  readonly match?: RegExpExecArray;
}

/** Puppet's name for a regex node: the lower-cased pattern with characters other than word, '-', ':' and '.' removed. */
function regexNodeName(pattern: string): string {
  return `__node_regexp__${pattern.toLowerCase().replace(/[^-\w:.]/g, '').replace(/^\.+/, '')}`;
}

function matchNode(nodes: readonly A.NodeDefinition[], certname: string): NodeMatch | undefined {
  if (nodes.length === 0) return undefined;
  const literal = (m: A.Expression): string | undefined => {
    if (m.kind === 'LiteralString') return m.value;
    if (m.kind === 'QualifiedName') return m.value;
    if (m.kind === 'ConcatenatedString') return m.segments.map((s) => (s.kind === 'LiteralString' ? s.value : '')).join('');
    return undefined;
  };
  for (const n of nodeNames(certname)) {
    for (const def of nodes) {
      for (const m of def.hostMatches) {
        const lit = literal(m);
        if (lit !== undefined && lit.toLowerCase() === n.toLowerCase()) return { def, name: lit.toLowerCase() };
      }
    }
    for (const def of nodes) {
      for (const m of def.hostMatches) {
        if (m.kind === 'LiteralRegularExpression') {
          const re = new PRegexp(m.pattern).re;
          const found = re.exec(n);
          if (found) return { def, name: regexNodeName(m.pattern), match: found };
        }
      }
    }
  }
  for (const def of nodes) {
    if (def.hostMatches.some((m) => m.kind === 'LiteralDefault' || literal(m) === 'default')) return { def, name: 'default' };
  }
  return undefined;
}

/**
 * Sets the top scope: facts as variables and as $facts, $trusted,
 * $server_facts, $environment. Reads of facts are reported into `factsRead`
 * as dotted key paths ("os.family"; a path read as a whole covers its keys).
 */
/** The classifier's classes, in the node's scope (or top scope without a node definition). */
function evaluateNodeClasses(comp: Compilation, classes: CompileRequest['nodeClasses'], scope: Scope): void {
  if (!classes) return;
  if (Array.isArray(classes)) {
    if (classes.length) comp.includeClasses(classes as string[], scope, 'include');
    return;
  }
  for (const [name, params] of Object.entries(classes as Record<string, Record<string, unknown> | null>)) {
    if (params && Object.keys(params).length) {
      const list = Object.entries(params).map(([k, v]) => [k, fromJson(v), false] as [string, Value, boolean]);
      comp.evaluateClass(name.toLowerCase().replace(/^::/, ''), scope, list, undefined, 'class');
    } else {
      comp.includeClasses([name], scope, 'include');
    }
  }
}

function setTopScope(top: Scope, req: CompileRequest, factsRead: Set<string>): void {
  const record = (path: readonly string[]) => factsRead.add(path.length ? path.join('.') : '*');
  // Classifier parameters first: they win over facts of the same name.
  for (const [k, v] of Object.entries(req.nodeParameters ?? {})) {
    if (/^[a-z_][\w]*$/i.test(k)) top.set(k, fromJson(v));
  }
  const plain = fromJson(req.facts) as PHash;
  const facts = PHash.tracked(plain, record);
  const factNames = new Set<string>();
  for (const [k, v] of [...plain.entries()]) {
    if (typeof k !== 'string' || !/^[a-z_][\w]*$/i.test(k)) continue;
    if (top.hasOwn(k)) continue;
    factNames.add(k);
    top.set(k, v instanceof PHash ? PHash.tracked(v, record, [k]) : v);
  }
  top.onRead = (name) => {
    if (factNames.has(name) && !(top.getOwnRaw(name) instanceof PHash)) factsRead.add(name);
  };
  const node = req.node;
  const dot = node.indexOf('.');
  const trusted = PHash.from([
    ['authenticated', req.authenticated === false ? false : (req.authenticated ?? 'remote')],
    ['certname', node],
    ['extensions', fromJson(req.trustedExtensions ?? {})],
    ['hostname', dot === -1 ? node : node.slice(0, dot)],
    ['domain', dot === -1 ? undefined : node.slice(dot + 1)],
    ['external', PHash.EMPTY],
  ] as [Value, Value][]);
  top.set('facts', facts);
  top.set('trusted', trusted);
  top.set('server_facts', fromJson({ serverversion: '7.23.0', ...req.serverFacts, environment: req.environment.name }));
  top.set('environment', req.environment.name);
  if (!top.hasOwn('clientcert')) top.set('clientcert', node);
  void toPuppetString;
}
