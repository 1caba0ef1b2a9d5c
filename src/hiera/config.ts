// hiera.yaml: versions 3 (global layer only), 4 (refused with Puppet's
// message) and 5, read into one shape: a list of hierarchy entries whose
// paths are still to be interpolated at lookup time.
import { dirname, isAbsolute, join } from 'node:path';
import { PHash, isArray, isHash, toPuppetString, type Value } from '../lang/values.js';
import { parseYaml } from './data.js';
import { HieraError } from './errors.js';

export type Layer = 'global' | 'environment' | 'module';
export type FunctionKind = 'data_hash' | 'lookup_key' | 'data_dig';

export type LocationSpec =
  | { readonly kind: 'paths'; readonly paths: readonly string[] }
  | { readonly kind: 'globs'; readonly globs: readonly string[] }
  | { readonly kind: 'mapped_paths'; readonly mapped: readonly [string, string, string] }
  | { readonly kind: 'none' };

export interface HierarchyEntry {
  readonly name: string;
  readonly functionKind: FunctionKind;
  /** yaml_data, json_data, hocon_data (the only functions we provide). */
  readonly functionName: string;
  /** Datadir, possibly with interpolations, absolute once interpolated. */
  readonly datadir: string;
  readonly locations: LocationSpec;
  /** File extension appended to v3 paths ('.yaml'); undefined for v5. */
  readonly extension?: string;
  /** The entry's `options` (given to a data_hash function, with `path`). */
  readonly options?: PHash;
}

export interface HieraConfig {
  readonly version: 3 | 4 | 5;
  /** The hiera.yaml file, or undefined when Puppet's default config is used. */
  readonly path: string | undefined;
  readonly root: string;
  readonly hierarchy: readonly HierarchyEntry[];
  readonly defaultHierarchy: readonly HierarchyEntry[] | undefined;
  /** v3 `:merge_behavior:` (applies only to hiera_hash calls). */
  readonly v3MergeBehavior?: string;
  /** A validation error of the hierarchy, raised when the layer is searched. */
  readonly error?: HieraError;
  /** How explain names this config (the path, or "default" hierarchy). */
}

const FUNCTION_KEYS: readonly FunctionKind[] = ['data_hash', 'lookup_key', 'data_dig'];
const LOCATION_KEYS = ['path', 'paths', 'glob', 'globs', 'uri', 'uris', 'mapped_paths'] as const;
/** The keys Puppet names in its messages (hiera3_backend is accepted in the global layer only). */
const FUNCTION_KEYS_NAMED = [...FUNCTION_KEYS, 'hiera3_backend'] as const;
/** The keys a version 5 hierarchy entry may have (Puppet's HieraConfigV5 type). */
const HIERARCHY_KEYS = new Set([
  'name', 'options', 'data_hash', 'lookup_key', 'hiera3_backend', 'v4_data_hash', 'data_dig',
  'path', 'paths', 'glob', 'globs', 'uri', 'uris', 'mapped_paths', 'datadir',
]);
export const PROVIDED_FUNCTIONS = new Set(['yaml_data', 'json_data', 'hocon_data']);

function fail(message: string, path: string | undefined, line?: number, issueCode?: string): never {
  throw new HieraError(message, { file: path, line, issueCode, inMessage: true });
}

function findLine(text: string, re: RegExp, start = 1): number | undefined {
  const lines = text.split('\n');
  for (let i = start - 1; i < lines.length; i++) {
    const stripped = lines[i].replace(/#.*$/, '');
    if (re.test(stripped)) return i + 1;
  }
  return undefined;
}

function str(h: PHash, k: string): string | undefined {
  const v = h.get(k) ?? h.get(`:${k}`);
  return typeof v === 'string' ? v : undefined;
}

/** Puppet's default when a layer's hiera.yaml is missing (global layer) or lacks a hierarchy. */
function defaultV5(root: string, path: string | undefined): HieraConfig {
  return {
    version: 5,
    path,
    root,
    hierarchy: [{ name: 'Common', functionKind: 'data_hash', functionName: 'yaml_data', datadir: join(root, 'data'), locations: { kind: 'paths', paths: ['common.yaml'] } }],
    defaultHierarchy: undefined,
  };
}

/**
 * Reads a hiera.yaml. `text` undefined means the file does not exist (Puppet's
 * version 5 default applies). `codedir` serves v3's default datadir.
 */
export function parseHieraConfig(text: string | undefined, path: string, layer: Layer, codedir: string): HieraConfig {
  const root = dirname(path);
  if (text === undefined) return defaultV5(root, undefined);
  const parsed = parseYaml(text, path);
  if (!isHash(parsed)) return parseV3(PHash.EMPTY, path, root, layer, codedir, text);
  const versionValue = parsed.get('version') ?? parsed.get(':version');
  const version = versionValue === undefined ? 3 : Number(toPuppetString(versionValue));
  if (version === 5) {
    try {
      return parseV5(parsed, path, root, layer, text);
    } catch (e) {
      // Puppet validates entries when the provider first searches: the error shows there
      if (e instanceof HieraError) return { version: 5, path, root, hierarchy: [], defaultHierarchy: undefined, error: e };
      throw e;
    }
  }
  if (version === 4) {
    if (layer === 'global') fail('hiera.yaml version 4 cannot be used in the global layer', path, undefined, 'HIERA_UNSUPPORTED_VERSION_IN_GLOBAL');
    return parseV4(parsed, path, root);
  }
  if (version === 3) return parseV3(parsed, path, root, layer, codedir, text);
  fail(`This runtime does not support hiera.yaml version ${toPuppetString(versionValue)}`, path, undefined, 'HIERA_UNSUPPORTED_VERSION');
}

function parseV3(config: PHash, path: string, root: string, layer: Layer, codedir: string, _text: string): HieraConfig {
  void layer; // the environment and module layers ignore a version 3 config (see Hiera#envProvider)
  const backendsValue = config.get('backends') ?? 'yaml';
  const backends = (isArray(backendsValue) ? backendsValue : [backendsValue]).map((b) => toPuppetString(b));
  const hierarchyValue = config.get('hierarchy') ?? Object.freeze(['nodes/%{::trusted.certname}', 'common']);
  const paths = (isArray(hierarchyValue) ? hierarchyValue : [hierarchyValue]).map((p) => toPuppetString(p));
  const hierarchy: HierarchyEntry[] = [];
  for (const backend of backends) {
    if (backend !== 'yaml' && backend !== 'json' && backend !== 'hocon') fail(`No data provider is registered for backend '${backend}'`, path);
    const backendConfig = config.get(backend);
    const datadirValue = isHash(backendConfig) ? backendConfig.get('datadir') : undefined;
    const datadir = typeof datadirValue === 'string' ? datadirValue : join(codedir, 'environments', '%{::environment}', 'hieradata');
    const extValue = isHash(backendConfig) ? backendConfig.get('extension') : undefined;
    const extension = typeof extValue === 'string' ? `.${extValue}` : backend === 'hocon' ? '.conf' : `.${backend}`;
    hierarchy.push({ name: backend, functionKind: 'data_hash', functionName: `${backend}_data`, datadir, locations: { kind: 'paths', paths }, extension });
  }
  const mb = config.get('merge_behavior');
  return { version: 3, path, root, hierarchy, defaultHierarchy: undefined, v3MergeBehavior: typeof mb === 'string' ? mb : undefined };
}

/** Version 4 (environment and module layers): entries name a yaml or json backend; paths get its extension. */
function parseV4(config: PHash, path: string, root: string): HieraConfig {
  const datadir = str(config, 'datadir') ?? 'data';
  const list = config.get('hierarchy') ?? Object.freeze([PHash.fromObject({ name: 'common', backend: 'yaml' })]);
  const hierarchy: HierarchyEntry[] = [];
  for (const he of isArray(list) ? list : []) {
    if (!isHash(he)) fail(`The Lookup Configuration at '${path}' has wrong type, hierarchy entries must be hashes`, path);
    const name = str(he, 'name') ?? '';
    const backend = str(he, 'backend') ?? 'yaml';
    if (backend !== 'yaml' && backend !== 'json') fail(`No data provider is registered for backend '${backend}'`, path);
    const pathsValue = he.get('paths');
    const paths = isArray(pathsValue) ? pathsValue.map((x) => toPuppetString(x)) : [str(he, 'path') ?? name];
    const dir = str(he, 'datadir') ?? datadir;
    hierarchy.push({
      name, functionKind: 'data_hash', functionName: `${backend}_data`,
      datadir: isAbsolute(dir) ? dir : join(root, dir), locations: { kind: 'paths', paths }, extension: `.${backend}`,
    });
  }
  return { version: 4, path, root, hierarchy, defaultHierarchy: undefined };
}

function parseV5(config: PHash, path: string, root: string, layer: Layer, text: string): HieraConfig {
  const defaultsValue = config.get('defaults');
  // without defaults, Puppet's default (datadir: data, data_hash: yaml_data) applies
  const defaults = isHash(defaultsValue) ? defaultsValue : PHash.fromObject({ datadir: 'data', data_hash: 'yaml_data' });
  const defaultDatadir = (defaults && str(defaults, 'datadir')) ?? 'data';
  const defaultFns = defaults ? FUNCTION_KEYS.filter((k) => defaults.has(k)) : [];
  if (defaultFns.length > 1) fail(`Only one of ${combine(FUNCTION_KEYS_NAMED)} can be defined in defaults`, path, undefined, 'HIERA_MULTIPLE_DATA_PROVIDER_FUNCTIONS_IN_DEFAULT');
  const read = (list: Value, isDefault: boolean): HierarchyEntry[] => {
    const entries: HierarchyEntry[] = [];
    const seen = new Set<string>();
    for (const he of isArray(list) ? list : []) {
      if (!isHash(he)) fail(`The Lookup Configuration at '${path}' has wrong type, hierarchy entries must be hashes`, path);
      const index = seen.size; // entries so far (a repeated name fails before it is counted twice)
      for (const k of he.keys()) {
        if (typeof k === 'string' && !HIERARCHY_KEYS.has(k)) {
          // a type assertion in Puppet: the message names the file itself, no location is added
          throw new HieraError(`The Lookup Configuration at '${path}' has wrong type, entry '${isDefault ? 'default_hierarchy' : 'hierarchy'}' index ${index} unrecognized key '${k}'`, { file: path, issueCode: 'TYPE_MISMATCH' });
        }
      }
      const name = str(he, 'name');
      if (name === undefined) fail(`The Lookup Configuration at '${path}' has wrong type, hierarchy entry expects a value for key 'name'`, path);
      if (seen.has(name)) {
        const re = new RegExp(`\\s+name:\\s+['"]?${escapeRe(name)}(?:[^\\w]|$)`);
        const first = findLine(text, re);
        const second = first !== undefined ? findLine(text, re, first + 1) : undefined;
        const line = second ?? first;
        const firstLine = second !== undefined ? first : undefined;
        fail(`Hierarchy name '${name}' defined more than once.${firstLine !== undefined ? ` First defined at (line: ${firstLine})` : ''}`, path, line, 'HIERA_HIERARCHY_NAME_MULTIPLY_DEFINED');
      }
      seen.add(name);
      const fns = FUNCTION_KEYS.filter((k) => he.has(k));
      if (fns.length > 1) fail(`Only one of ${combine(FUNCTION_KEYS_NAMED)} can be defined in hierarchy '${name}'`, path, undefined, 'HIERA_MULTIPLE_DATA_PROVIDER_FUNCTIONS');
      const functionKind = fns[0] ?? defaultFns[0];
      if (functionKind === undefined) fail(`One of ${combine(FUNCTION_KEYS_NAMED)} must be defined in hierarchy '${name}'`, path, undefined, 'HIERA_MISSING_DATA_PROVIDER_FUNCTION');
      const functionName = (fns[0] ? str(he, functionKind) : defaults && str(defaults, functionKind)) ?? '';
      // a data_hash function of the environment's code is looked up when the entry is searched
      if (functionKind !== 'data_hash' || (!PROVIDED_FUNCTIONS.has(functionName) && !/^[a-z][a-z0-9_]*(::[a-z][a-z0-9_]*)*$/.test(functionName))) {
        fail(`Unable to find '${functionKind}' function named '${functionName}'`, path, undefined, 'HIERA_DATA_PROVIDER_FUNCTION_NOT_FOUND');
      }
      const locKeys = LOCATION_KEYS.filter((k) => he.has(k));
      if (locKeys.length > 1) fail(`Only one of ${combine(LOCATION_KEYS)} can be defined in hierarchy '${name}'`, path, undefined, 'HIERA_MULTIPLE_LOCATION_SPECS');
      const datadirRel = str(he, 'datadir') ?? defaultDatadir;
      const datadir = isAbsolute(datadirRel) ? datadirRel : join(root, datadirRel);
      const options = he.get('options') ?? defaults?.get('options');
      entries.push({ name, functionKind, functionName, datadir, locations: locationsOf(he, locKeys[0], path), options: isHash(options) ? options : undefined });
    }
    return entries;
  };
  const hierarchyValue = config.get('hierarchy');
  const hierarchy = hierarchyValue === undefined ? defaultV5(root, path).hierarchy.map((e) => ({ ...e, datadir: join(root, defaultDatadir) })) : read(hierarchyValue, false);
  let defaultHierarchy: HierarchyEntry[] | undefined;
  if (config.has('default_hierarchy')) {
    if (layer !== 'module') {
      fail("'default_hierarchy' is only allowed in the module layer", path, findLine(text, /\s+default_hierarchy:/), 'HIERA_DEFAULT_HIERARCHY_NOT_IN_MODULE');
    }
    defaultHierarchy = read(config.get('default_hierarchy'), true);
  }
  return { version: 5, path, root, hierarchy, defaultHierarchy };
}

function locationsOf(he: PHash, key: (typeof LOCATION_KEYS)[number] | undefined, path: string): LocationSpec {
  const strings = (v: Value): string[] => (isArray(v) ? v : [v]).map((x) => toPuppetString(x));
  switch (key) {
    case 'path':
    case 'paths':
      return { kind: 'paths', paths: strings(he.get(key)) };
    case 'glob':
    case 'globs':
      return { kind: 'globs', globs: strings(he.get(key)) };
    case 'mapped_paths': {
      const m = strings(he.get(key));
      if (m.length !== 3) fail(`The Lookup Configuration at '${path}' has wrong type, entry 'mapped_paths' expects size to be 3, got ${m.length}`, path);
      return { kind: 'mapped_paths', mapped: [m[0], m[1], m[2]] };
    }
    case 'uri':
    case 'uris':
      fail(`Locations given as '${key}' are not supported by Bunraku (only path, paths, glob, globs, mapped_paths)`, path);
    default:
      return { kind: 'none' };
  }
}

function combine(keys: readonly string[]): string {
  // Puppet's label.combine_strings: unquoted, "a or b", "a, b, or c"
  if (keys.length <= 1) return keys.join('');
  if (keys.length === 2) return `${keys[0]} or ${keys[1]}`;
  return `${keys.slice(0, -1).join(', ')}, or ${keys[keys.length - 1]}`;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
