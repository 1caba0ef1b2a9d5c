// Hiera 5 lookups for one environment: the global, environment and module
// layers, lookup_options, merging, and dotted sub-keys, following the order
// of Puppet 7's LookupAdapter. Configs and data files are parsed once and
// re-read when they change on disk.
import { join } from 'node:path';
import { PHash, isHash, toJsRegExp, type Value } from '../lang/values.js';
import { PROVIDED_FUNCTIONS, parseHieraConfig, type HieraConfig, type HierarchyEntry, type Layer } from './config.js';
import { parseHoconData, parseJsonData, parseYaml } from './data.js';
import { HieraError, NotFound } from './errors.js';
import { Explainer } from './explain.js';
import { nodeHost, type HieraHost } from './host.js';
import { interpolate, scopeLookup } from './interpolate.js';
import { Invocation, subLookup, type HieraScope } from './invocation.js';
import { LookupKey } from './lookup-key.js';
import { FIRST, convertValue, isFirst, mergeSingle, mergeStrategy, mergeValues, type MergeStrategy } from './merge.js';

export interface HieraOptions {
  /** The global hiera.yaml (Puppet's `hiera_config` setting, default `$confdir/hiera.yaml`). */
  readonly globalConfigPath: string;
  /** The environment's directory (its hiera.yaml is the environment layer); undefined for none. */
  readonly environmentDir: string | undefined;
  /** Module name -> module directory (a map, or a resolver such as the environment's `moduleDir`). */
  readonly moduleDirs: ReadonlyMap<string, string> | ((name: string) => string | undefined);
  /** `$codedir`, for hiera.yaml version 3's default datadir. */
  readonly codedir?: string;
  readonly host?: HieraHost;
  /** Receives Puppet's warnings (e.g. module data keys outside the module's namespace). */
  readonly onWarning?: (message: string) => void;
  /**
   * Calls a data_hash function of the environment's code (`data_hash: mymod::data`)
   * with its options hash; undefined when no function has that name.
   */
  readonly dataHashFunction?: (name: string, options: PHash) => { value: Value } | undefined;
  /** Performs `convert_to` (Puppet calls `new(Type, value, args...)`); without it convert_to fails. */
  readonly convert?: (value: Value, convertTo: Value) => Value;
}

export interface HieraLookupOptions {
  /** A strategy name or hash as `lookup()` takes it; undefined uses lookup_options, then first found. */
  readonly merge?: Value;
  /** Used when no name is found and `hasDefault` is true. */
  readonly defaultValue?: Value;
  readonly hasDefault?: boolean;
  readonly scope: HieraScope;
  /** Record an explanation (as `puppet lookup --explain`). */
  readonly explain?: boolean;
  /** lookup()'s `override` option: values taken instead of looking the names up. */
  readonly override?: PHash;
  /** lookup()'s `default_values_hash` option: values used when no name is found. */
  readonly defaultValuesHash?: PHash;
  /**
   * A hiera()/hiera_array()/hiera_hash()/hiera_include() call: Puppet confines
   * it to the global layer unless the environment has its own data provider.
   */
  readonly hieraCall?: boolean;
}

export interface HieraLookupResult {
  readonly found: boolean;
  /** The value (undef when a key is bound to null in data); the default when not found. */
  readonly value: Value;
  /** The name that was found (for `lookup([names])`). */
  readonly name?: string;
  readonly explanation?: string;
}

interface Provider {
  readonly layer: Layer;
  readonly name: string;
  readonly moduleName?: string;
  readonly config: HieraConfig;
}

type LookupOptionsEntry = [PHash | undefined, [RegExp, Value][] | undefined] | undefined;

/** Caches that Puppet keeps per compilation (lookup_options), kept per scope object. */
interface Session {
  readonly lookupOptions: Map<string | undefined, LookupOptionsEntry>;
  globalOptions?: { value: PHash | undefined };
  envOptions?: { value: PHash | undefined };
}

interface Cached<T> {
  readonly stamp: string | undefined;
  readonly value: T;
}

export class Hiera {
  private readonly host: HieraHost;
  private readonly fileCache = new Map<string, Cached<Value>>();
  private readonly configCache = new Map<string, Cached<HieraConfig>>();
  private readonly sessions = new WeakMap<HieraScope, Session>();

  constructor(private readonly options: HieraOptions) {
    this.host = options.host ?? nodeHost;
  }

  /**
   * Looks up one name, or the first found of several (`lookup([a, b])`). Errors
   * are HieraError with Puppet's message; "not found" without a default is
   * `found: false` (the caller raises `notFoundMessage(names)` when it must).
   */
  lookup(name: string | readonly string[], opts: HieraLookupOptions): HieraLookupResult {
    const names = typeof name === 'string' ? [name] : name;
    const explainer = opts.explain ? new Explainer() : undefined;
    const session = explainer ? newSession() : this.session(opts.scope);
    const inv = new Invocation(opts.scope, explainer);
    if (opts.hieraCall && this.envProvider() === undefined) inv.globalOnly = true;
    const finish = (r: Omit<HieraLookupResult, 'explanation'>): HieraLookupResult => (explainer ? { ...r, explanation: explainer.toString() } : r);
    try {
      for (const n of names) {
        if (opts.override?.has(n)) return finish({ found: true, value: opts.override.get(n), name: n });
        try {
          const value = this.searchAndMerge(n, inv, opts.merge, session);
          return finish({ found: true, value, name: n });
        } catch (e) {
          if (e !== NotFound.INSTANCE) throw e;
        }
      }
    } catch (e) {
      if (explainer && e instanceof HieraError) {
        explainer.text(e.message);
        (e as HieraError & { explanation?: string }).explanation = explainer.toString();
      }
      throw e;
    }
    for (const n of names) if (opts.defaultValuesHash?.has(n)) return finish({ found: true, value: opts.defaultValuesHash.get(n), name: n });
    if (opts.hasDefault) return finish({ found: false, value: opts.defaultValue });
    return finish({ found: false, value: undefined });
  }

  /** Automatic class parameter lookup of `class::param`: merge from lookup_options, no default. */
  lookupParameter(qualifiedName: string, scope: HieraScope): HieraLookupResult {
    return this.lookup(qualifiedName, { scope });
  }

  private session(scope: HieraScope): Session {
    let s = this.sessions.get(scope);
    if (!s) this.sessions.set(scope, (s = newSession()));
    return s;
  }

  // ---- LookupAdapter#lookup ----

  private searchAndMerge(key: string, inv: Invocation, merge: Value, session: Session): Value {
    if (key === 'lookup_options' || key.startsWith('lookup_options.')) {
      inv.with({ type: 'invalid_key', key: 'lookup_options' }, () => undefined);
      throw NotFound.INSTANCE;
    }
    const lk = new LookupKey(key);
    const saved = inv.moduleName;
    inv.moduleName = lk.moduleName;
    inv.topKey = key;
    try {
      const lookupOptions = this.lookupOptionsFor(lk, inv, session);
      let m = merge;
      if (m === undefined && lookupOptions !== undefined) {
        m = lookupOptions.get('merge');
        if (m !== undefined) inv.explainer?.mergeSource('lookup_options');
      }
      const result = inv.with({ type: 'data', key }, () => this.doLookup(lk, inv, m, session));
      const convertTo = lookupOptions?.get('convert_to');
      if (convertTo === undefined) return result;
      if (!this.options.convert) throw new HieraError(`The convert_to lookup_option for key '${key}' raised error: convert_to needs the compiler's new() function`);
      try {
        return this.options.convert(result, convertTo);
      } catch (e) {
        throw new HieraError(`The convert_to lookup_option for key '${key}' raised error: ${(e as Error).message}`);
      }
    } finally {
      inv.moduleName = saved;
    }
  }

  private doLookup(lk: LookupKey, inv: Invocation, merge: Value, session: Session): Value {
    const strategy = strategyOf(merge);
    const layers = this.globalOnly() || inv.globalOnly ? ['global'] : ['global', 'environment', 'module'];
    const value = strategyLookup(strategy, layers, inv, (layer) => this.lookupInLayer(layer as Layer, lk, inv, strategy, session));
    return lk.segments ? subLookup(lk.key, inv, lk.segments, value) : value;
  }

  private lookupInLayer(layer: Layer, lk: LookupKey, inv: Invocation, strategy: MergeStrategy, session: Session): Value {
    let provider: Provider | undefined;
    if (layer === 'global') provider = this.globalProvider();
    else if (layer === 'environment') provider = this.envProvider();
    else {
      const mod = inv.moduleName;
      if (mod === undefined) throw NotFound.INSTANCE;
      provider = this.moduleProvider(mod);
      if (!provider) {
        inv.explainer?.moduleEvent(mod, this.moduleDir(mod) !== undefined ? 'module_provider_not_found' : 'module_not_found');
        throw NotFound.INSTANCE;
      }
    }
    if (!provider) throw NotFound.INSTANCE;
    const p = provider;
    if (layer !== 'global') return inv.check(lk.key, () => this.providerLookup(p, lk, inv, strategy, session));
    try {
      return inv.check(lk.key, () => this.providerLookup(p, lk, inv, strategy, session));
    } catch (e) {
      // Puppet's lookup_global rewords lookup errors that carry no issue code
      if (e instanceof HieraError && e.issueCode === undefined && !e.message.startsWith('Lookup of key ')) {
        throw new HieraError(`Lookup of key '${inv.topKey}' failed: ${e.message}`, { file: e.file, line: e.line, issueCode: 'PUPPET_ERROR' });
      }
      throw e;
    }
  }

  private providerLookup(p: Provider, lk: LookupKey, inv: Invocation, strategy: MergeStrategy, session: Session): Value {
    return inv.with({ type: 'data_provider', name: p.name, configPath: p.config.path }, () => {
      if (p.config.error) throw p.config.error;
      const entries = p.config.hierarchy;
      if (entries.length === 0) {
        inv.notFound(lk.key);
        throw NotFound.INSTANCE;
      }
      return strategyLookup(strategy, entries, inv, (entry) => this.entryLookup(p, entry, lk, inv, strategy, session));
    });
  }

  private entryLookup(p: Provider, entry: HierarchyEntry, lk: LookupKey, inv: Invocation, strategy: MergeStrategy, session: Session): Value {
    const root = lk.rootKey;
    return inv.with({ type: 'data_provider', name: `Hierarchy entry "${entry.name}"` }, () => {
      if (!PROVIDED_FUNCTIONS.has(entry.functionName)) return this.functionEntryLookup(p, entry, lk, inv, strategy, session);
      const locations = this.resolveLocations(p, entry, inv);
      return strategyLookup(strategy, locations, inv, (loc) =>
        inv.with({ type: 'location', path: loc.path, original: loc.original }, () => {
          if (!loc.exists) {
            inv.explainer?.locationNotFound();
            throw NotFound.INSTANCE;
          }
          const data = this.dataHash(p, entry, loc.path);
          if (!data.has(root)) {
            inv.notFound(root);
            throw NotFound.INSTANCE;
          }
          const value = interpolate(data.get(root), inv, true, (k, i) => this.interpolationLookup(k, i, session));
          return inv.found(root, value);
        }),
      );
    });
  }

  /** An entry whose data_hash is a function of the environment's code: called per location, or once without. */
  private functionEntryLookup(p: Provider, entry: HierarchyEntry, lk: LookupKey, inv: Invocation, strategy: MergeStrategy, session: Session): Value {
    const root = lk.rootKey;
    const call = (path: string | undefined): PHash => {
      const options = PHash.from([...(entry.options?.entries() ?? []), ...(path !== undefined ? [['path', path] as [Value, Value]] : [])]);
      const answer = this.options.dataHashFunction?.(entry.functionName, options);
      if (!answer) throw new HieraError(`Unable to find 'data_hash' function named '${entry.functionName}'`, { file: p.config.path, inMessage: p.config.path !== undefined });
      const value = answer.value;
      if (value === undefined) return PHash.EMPTY;
      if (!isHash(value)) throw new HieraError(`Value returned from deprecated API function '${entry.functionName}' has wrong type, expects a Hash value`);
      return value;
    };
    const fromData = (data: PHash): Value => {
      if (!data.has(root)) {
        inv.notFound(root);
        throw NotFound.INSTANCE;
      }
      return inv.found(root, interpolate(data.get(root), inv, true, (k, i) => this.interpolationLookup(k, i, session)));
    };
    return inv.with({ type: 'data_provider', name: `Hierarchy entry "${entry.name}"` }, () => {
      if (entry.locations.kind === 'none') return fromData(call(undefined));
      const locations = this.resolveLocations(p, entry, inv);
      return strategyLookup(strategy, locations, inv, (loc) => inv.with({ type: 'location', path: loc.path, original: loc.original }, () => {
        if (!loc.exists) {
          inv.explainer?.locationNotFound();
          throw NotFound.INSTANCE;
        }
        return fromData(call(loc.path));
      }));
    });
  }

  /** `%{lookup('k')}`: a full lookup with '' as default. */
  private interpolationLookup(key: string, inv: Invocation, session: Session): Value {
    const sub = new Invocation(inv.scope, inv.explainer, inv);
    try {
      return this.searchAndMerge(key, sub, undefined, session);
    } catch (e) {
      if (e === NotFound.INSTANCE) return '';
      throw e;
    }
  }

  // ---- locations and data ----

  private resolveLocations(p: Provider, entry: HierarchyEntry, lookupInv: Invocation): { path: string; original: string; exists: boolean }[] {
    const isDefault = p.config.path === undefined;
    // Puppet resolves paths while building the configuration, outside the explanation
    const inv = new Invocation(lookupInv.scope, undefined, lookupInv);
    const interp = (s: string): string => String(interpolate(s, inv, false, () => ''));
    const datadir = interp(entry.datadir);
    const out: { path: string; original: string; exists: boolean }[] = [];
    const add = (original: string, rel: string): void => {
      let r = rel;
      if (entry.extension && !r.endsWith(entry.extension)) r += entry.extension;
      const path = r.startsWith('/') ? r : join(datadir, r);
      const exists = this.host.stamp(path) !== undefined;
      if (isDefault && !exists) return;
      out.push({ path, original, exists });
    };
    const loc = entry.locations;
    switch (loc.kind) {
      case 'paths':
        for (const path of loc.paths) add(path, interp(path));
        break;
      case 'globs':
        for (const g of loc.globs) {
          const pattern = interp(g);
          const abs = pattern.startsWith('/') ? pattern : join(datadir, pattern);
          for (const path of this.glob(datadir, pattern)) out.push({ path, original: abs, exists: true });
        }
        break;
      case 'mapped_paths': {
        const [varName, varKey, template] = loc.mapped;
        let vars = scopeLookup(varName, inv, 'mapped_path[0]');
        if (vars === undefined || vars === '' || (Array.isArray(vars) && vars.length === 0)) break;
        if (typeof vars === 'string') vars = [vars];
        if (!Array.isArray(vars)) break;
        for (const v of vars as Value[]) {
          const local: HieraScope = { variable: (n) => (n === varKey ? v : inv.scope.variable(n)) };
          const sub = new Invocation(local, undefined, inv);
          const rel = String(interpolate(template, sub, false, () => ''));
          const path = join(datadir, rel);
          out.push({ path, original: template, exists: this.host.stamp(path) !== undefined });
        }
        break;
      }
      case 'none':
        throw new HieraError("one of 'path', 'paths' 'glob', 'globs' or 'mapped_paths' must be declared in hiera.yaml when using this data_hash function");
    }
    return out;
  }

  /** Ruby's Pathname.glob for the common patterns (`*`, `?`, `**`, `{a,b}`), sorted. */
  private glob(datadir: string, pattern: string): string[] {
    const abs = pattern.startsWith('/') ? pattern : join(datadir, pattern);
    const parts = abs.split('/').filter((x) => x !== '');
    let current = ['/'];
    for (const part of parts) {
      const next: string[] = [];
      if (!/[*?[{]/.test(part)) {
        for (const c of current) next.push(join(c, part));
      } else if (part === '**') {
        const walk = (d: string): void => {
          next.push(d);
          for (const n of (this.host.readDir(d) ?? []).sort()) if (!n.startsWith('.') && this.host.isDirectory(join(d, n))) walk(join(d, n));
        };
        for (const c of current) walk(c);
      } else {
        const re = globRegExp(part);
        for (const c of current) for (const n of (this.host.readDir(c) ?? []).sort()) if (!n.startsWith('.') && re.test(n)) next.push(join(c, n));
      }
      current = next;
    }
    return [...new Set(current)].filter((p) => this.host.stamp(p) !== undefined).sort();
  }

  private dataHash(p: Provider, entry: HierarchyEntry, path: string): PHash {
    const stamp = this.host.stamp(path);
    let cached = this.fileCache.get(path);
    if (!cached || cached.stamp !== stamp) {
      const text = this.host.readFile(path) ?? '';
      let value: Value;
      try {
        value = entry.functionName === 'json_data' ? parseJsonData(text, path) : entry.functionName === 'hocon_data' ? parseHoconData(text, path) : parseYaml(text, path);
      } catch (e) {
        if (e instanceof HieraError && entry.functionName === 'yaml_data') throw new HieraError(`Unable to parse ${e.message}`, { file: e.file, line: e.line });
        throw e;
      }
      if (value === undefined || value === false) value = PHash.EMPTY;
      if (!isHash(value)) {
        this.options.onWarning?.(`${path}: file does not contain a valid yaml hash`);
        value = PHash.EMPTY;
      }
      cached = { stamp, value };
      this.fileCache.set(path, cached);
    }
    let data = cached.value as PHash;
    if (p.layer === 'module' && p.moduleName) {
      const prefix = `${p.moduleName}::`;
      const bad = data.keys().filter((k) => k !== 'lookup_options' && !(typeof k === 'string' && k.startsWith(prefix)));
      if (bad.length > 0) {
        this.options.onWarning?.(`Module '${p.moduleName}': Value returned from data_hash function '${entry.functionName}', when using location '${path}', must use keys qualified with the name of the module`);
        data = data.without(bad);
      }
    }
    return data;
  }

  // ---- providers ----

  private config(path: string, layer: Layer): HieraConfig {
    const stamp = this.host.stamp(path);
    const key = `${layer}:${path}`;
    const cached = this.configCache.get(key);
    if (cached && cached.stamp === stamp) return cached.value;
    const value = parseHieraConfig(stamp === undefined ? undefined : this.host.readFile(path), path, layer, this.options.codedir ?? '/etc/puppetlabs/code');
    this.configCache.set(key, { stamp, value });
    return value;
  }

  private globalProvider(): Provider {
    const config = this.config(this.options.globalConfigPath, 'global');
    return { layer: 'global', name: `Global Data Provider (hiera configuration version ${config.version})`, config };
  }

  private envProvider(): Provider | undefined {
    const dir = this.options.environmentDir;
    if (dir === undefined) return undefined;
    const path = join(dir, 'hiera.yaml');
    if (this.host.stamp(path) === undefined) return undefined;
    const config = this.config(path, 'environment');
    if (config.version === 3) {
      // Puppet 7 (strict=warning) ignores a version 3 hiera.yaml outside the global layer
      this.options.onWarning?.(`hiera.yaml version 3 found at the environment root was ignored (file: ${path})`);
      return undefined;
    }
    return { layer: 'environment', name: `Environment Data Provider (hiera configuration version ${config.version})`, config };
  }

  private moduleProvider(module: string): Provider | undefined {
    const dir = this.moduleDir(module);
    if (dir === undefined) return undefined;
    const path = join(dir, 'hiera.yaml');
    if (this.host.stamp(path) === undefined) return this.moduleFunctionProvider(module, dir);
    const config = this.config(path, 'module');
    if (config.version === 3) {
      this.options.onWarning?.(`hiera.yaml version 3 found at module root was ignored (file: ${path})`);
      return undefined;
    }
    return { layer: 'module', moduleName: module, name: `Module "${module}" Data Provider (hiera configuration version ${config.version})`, config };
  }

  /** A module without hiera.yaml whose metadata.json says `"data_provider": "function"`: its `<module>::data()` function. */
  private moduleFunctionProvider(module: string, dir: string): Provider | undefined {
    const text = this.host.readFile(join(dir, 'metadata.json'));
    if (text === undefined) return undefined;
    let provider: unknown;
    try {
      provider = (JSON.parse(text) as { data_provider?: unknown }).data_provider;
    } catch {
      return undefined;
    }
    if (provider !== 'function') return undefined;
    const functionName = `${module}::data`;
    const config: HieraConfig = {
      version: 5, path: undefined, root: dir, defaultHierarchy: undefined,
      hierarchy: [{ name: `Deprecated API function "${functionName}"`, functionKind: 'data_hash', functionName, datadir: dir, locations: { kind: 'none' } }],
    };
    return { layer: 'module', moduleName: module, name: `Module "${module}" Data Provider (hiera configuration version 5)`, config };
  }

  private moduleDir(name: string): string | undefined {
    const m = this.options.moduleDirs;
    return typeof m === 'function' ? m(name) : m.get(name);
  }

  /** A version 3 global config without an environment layer confines lookups to the global layer. */
  private globalOnly(): boolean {
    return this.globalProvider().config.version === 3 && this.envProvider() === undefined;
  }

  // ---- lookup_options ----

  private lookupOptionsFor(lk: LookupKey, inv: Invocation, session: Session): PHash | undefined {
    const mod = lk.moduleName;
    let entry: LookupOptionsEntry;
    if (session.lookupOptions.has(mod)) entry = session.lookupOptions.get(mod);
    else {
      entry = this.retrieveLookupOptions(mod, inv, session);
      session.lookupOptions.set(mod, entry);
    }
    if (!entry) return undefined;
    const [keyOpts, patterns] = entry;
    const direct = keyOpts?.get(lk.rootKey);
    if (direct !== undefined) return isHash(direct) ? direct : undefined;
    for (const [re, v] of patterns ?? []) if (re.test(lk.rootKey)) return isHash(v) ? v : undefined;
    return undefined;
  }

  private retrieveLookupOptions(mod: string | undefined, inv: Invocation, session: Session): LookupOptionsEntry {
    const meta = new Invocation(inv.scope, inv.explainer, inv);
    meta.moduleName = mod;
    const hash = mergeStrategy('hash');
    const lo = new LookupKey('lookup_options');
    return meta.with({ type: 'meta', key: 'lookup_options' }, () => {
      let opts = this.envLookupOptions(meta, hash, lo, session);
      if (mod !== undefined) {
        if (!session.lookupOptions.has(undefined)) session.lookupOptions.set(undefined, compilePatterns(opts));
        try {
          const moduleOpts = validateLookupOptions(this.lookupInLayer('module', lo, meta, hash, session), mod);
          if (opts === undefined) opts = moduleOpts;
          else if (moduleOpts !== undefined) {
            const both = opts;
            opts = strategyLookup(hash, ['Global and Environment', `Module ${mod}`], meta, (n) =>
              meta.with({ type: 'scope', name: n }, () => meta.found('lookup_options', n === 'Global and Environment' ? both : moduleOpts)),
            ) as PHash;
          }
        } catch (e) {
          if (e !== NotFound.INSTANCE) throw e;
        }
      }
      return compilePatterns(opts);
    });
  }

  private envLookupOptions(meta: Invocation, hash: MergeStrategy, lo: LookupKey, session: Session): PHash | undefined {
    if (session.envOptions) return session.envOptions.value;
    if (!session.globalOptions) {
      session.globalOptions = { value: undefined };
      try {
        session.globalOptions = { value: validateLookupOptions(this.lookupInLayer('global', lo, meta, hash, session), undefined) };
      } catch (e) {
        if (e !== NotFound.INSTANCE) throw e;
      }
    }
    const global = session.globalOptions.value;
    if (this.globalOnly()) {
      session.envOptions = { value: global };
      return global;
    }
    let env: PHash | undefined;
    try {
      env = validateLookupOptions(this.lookupInLayer('environment', lo, meta, hash, session), undefined);
    } catch (e) {
      if (e !== NotFound.INSTANCE) throw e;
    }
    const value = global === undefined ? env : env === undefined ? global : (mergeValues(hash, global, env) as PHash);
    session.envOptions = { value };
    return value;
  }
}

function newSession(): Session {
  return { lookupOptions: new Map() };
}

function strategyOf(merge: Value): MergeStrategy {
  try {
    return merge === undefined ? FIRST : mergeStrategy(merge);
  } catch (e) {
    throw e instanceof HieraError ? e : new HieraError((e as Error).message);
  }
}

/** MergeStrategy#lookup: first found, or the merge of what each variant finds. */
export function strategyLookup<T>(strategy: MergeStrategy, variants: readonly T[], inv: Invocation, fn: (v: T) => Value): Value {
  if (isFirst(strategy)) {
    for (const v of variants) {
      try {
        return fn(v);
      } catch (e) {
        if (e !== NotFound.INSTANCE) throw e;
      }
    }
    throw NotFound.INSTANCE;
  }
  if (variants.length === 0) throw NotFound.INSTANCE;
  if (variants.length === 1) return mergeSingle(strategy, fn(variants[0]));
  return inv.with({ type: 'merge', strategy }, () => {
    let found = false;
    let memo: Value;
    for (const v of variants) {
      let value: Value;
      try {
        value = fn(v);
      } catch (e) {
        if (e !== NotFound.INSTANCE) throw e;
        continue;
      }
      memo = found ? mergeValues(strategy, memo, value) : convertValue(strategy, value);
      found = true;
    }
    if (!found) throw NotFound.INSTANCE;
    return inv.result(memo);
  });
}

function validateLookupOptions(options: Value, mod: string | undefined): PHash | undefined {
  if (options === undefined) return undefined;
  if (!isHash(options)) throw new HieraError('value of lookup_options must be a hash');
  if (mod === undefined) return options;
  const pfx = `${mod}::`;
  for (const k of options.keys()) {
    const key = String(k);
    if (key.startsWith('^')) {
      if (key.slice(1, 1 + pfx.length) !== pfx) throw new HieraError(`all lookup_options patterns must match a key starting with module name '${mod}'`);
    } else if (!key.startsWith(pfx)) {
      throw new HieraError(`all lookup_options keys must start with module name '${mod}'`);
    }
  }
  return options;
}

function compilePatterns(options: PHash | undefined): LookupOptionsEntry {
  if (options === undefined) return undefined;
  const keys: [Value, Value][] = [];
  const patterns: [RegExp, Value][] = [];
  for (const [k, v] of options.entries()) {
    if (typeof k === 'string' && k.startsWith('^')) patterns.push([toJsRegExp(k), v]);
    else keys.push([k, v]);
  }
  return [keys.length ? PHash.from(keys) : undefined, patterns.length ? patterns : undefined];
}

function globRegExp(part: string): RegExp {
  let re = '';
  for (let i = 0; i < part.length; i++) {
    const c = part[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const end = part.indexOf('}', i);
      re += `(?:${part.slice(i + 1, end).split(',').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`;
      i = end;
    } else if (c === '[') {
      const end = part.indexOf(']', i);
      re += part.slice(i, end + 1);
      i = end;
    } else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Puppet's message when lookup() finds none of the names and has no default. */
export function notFoundMessage(names: readonly string[]): string {
  return names.length === 1
    ? `Function lookup() did not find a value for the name '${names[0]}'`
    : `Function lookup() did not find a value for any of the names [${names.map((n) => `'${n}'`).join(', ')}]`;
}

export function createHiera(options: HieraOptions): Hiera {
  return new Hiera(options);
}
