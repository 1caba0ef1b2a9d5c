// A directory environment: where its main manifest and modules are
// (environment.conf), which file defines a class/define/function/type by
// name (autoloading), and a parse cache keyed by file version.
import { join, isAbsolute, resolve } from 'node:path';
import { createHiera, type Hiera } from '../hiera/index.js';
import type { Program } from '../lang/ast.js';
import { newInstance } from '../lang/functions/core.js';
import { TypeValue, type PHash, type Value } from '../lang/values.js';
import { parse, type ParseResult } from '../lang/parser.js';
import { parseEpp } from '../lang/epp.js';
import { formatPuppetStyle, hasErrors } from '../lang/diagnostics.js';
import type { CompilerHost } from './host.js';
import { CompileError } from './errors.js';

export interface EnvironmentSettings {
  /** Directories holding environments (Puppet's `environmentpath`), searched in order. */
  readonly environmentpath: readonly string[];
  /** Puppet's `basemodulepath`, substituted for `$basemodulepath` in environment.conf. */
  readonly basemodulepath?: readonly string[];
}

/** Reads the `key = value` lines of environment.conf (sections and comments ignored). */
export function parseEnvironmentConf(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/^\s+|\s+$/g, '');
    if (line === '' || line.startsWith('#') || line.startsWith(';') || line.startsWith('[')) continue;
    const m = /^([A-Za-z_][\w-]*)\s*=\s*(.*)$/.exec(line);
    if (m) out.set(m[1], m[2].replace(/^"(.*)"$/, '$1'));
  }
  return out;
}

interface CachedParse {
  readonly version: string;
  readonly program: Program;
}

export interface EnvironmentHieraOptions {
  /** The global hiera.yaml (Puppet's `hiera_config`). */
  readonly globalConfigPath: string;
  readonly codedir?: string;
  readonly host: CompilerHost;
}

/** What a compile lends its environment's Hiera while it runs. */
export interface HieraCompileHooks {
  onWarning(message: string): void;
  /** A type from its source text (`convert_to: "Sensitive"`). */
  parseType(text: string): Value;
  /** Calls a data_hash function of the environment's code; undefined when there is none of that name. */
  dataHash(name: string, options: PHash): { value: Value } | undefined;
}

const MAX_CACHED_EPP = 2048;

export class Environment {
  private readonly parsed = new Map<string, CachedParse>();
  private readonly hieras = new Map<string, Hiera>();
  private hieraHooks: HieraCompileHooks | undefined;
  private readonly memos = new WeakMap<object, Map<string, unknown>>();
  /** Parsed EPP templates by file (or by text for inline ones), reused while the text is the same. */
  private readonly epps = new Map<string, { text: string; result: ParseResult }>();
  readonly modulepath: readonly string[];
  readonly manifest: string;

  constructor(
    readonly name: string,
    readonly dir: string,
    readonly conf: ReadonlyMap<string, string>,
    settings: EnvironmentSettings,
  ) {
    const base = settings.basemodulepath ?? [];
    const sub = (s: string) => s.replace(/\$basemodulepath/g, base.join(':')).replace(/\$environment/g, name);
    const mp = conf.get('modulepath');
    this.modulepath = (mp !== undefined ? sub(mp).split(':') : ['modules', ...base])
      .filter((p) => p !== '')
      .map((p) => (isAbsolute(p) ? p : resolve(dir, p)));
    const manifest = conf.get('manifest');
    this.manifest = manifest !== undefined ? (isAbsolute(sub(manifest)) ? sub(manifest) : resolve(dir, sub(manifest))) : join(dir, 'manifests');
  }

  /** Finds environment `name` on the environmentpath; undefined when no such directory exists. */
  static find(host: CompilerHost, settings: EnvironmentSettings, name: string): Environment | undefined {
    for (const root of settings.environmentpath) {
      const dir = join(root, name);
      if (!host.isDirectory(dir)) continue;
      const confText = host.readFile(join(dir, 'environment.conf'));
      return new Environment(name, dir, parseEnvironmentConf(confText ?? ''), settings);
    }
    return undefined;
  }

  /**
   * The environment's Hiera for a global config: one per environment and
   * config, so parsed hiera.yaml and data files are reused across compiles
   * until they change. `hooks` serve the compile that asks (compiles are synchronous).
   */
  hiera(options: EnvironmentHieraOptions, hooks: HieraCompileHooks): Hiera {
    this.hieraHooks = hooks;
    const key = `${options.globalConfigPath}\0${options.codedir ?? ''}`;
    let h = this.hieras.get(key);
    if (!h) {
      const host = options.host;
      h = createHiera({
        globalConfigPath: options.globalConfigPath,
        environmentDir: this.dir,
        moduleDirs: (name) => this.moduleDir(host, name),
        codedir: options.codedir,
        onWarning: (m) => this.hieraHooks?.onWarning(m),
        dataHashFunction: (name, options) => this.hieraHooks?.dataHash(name, options),
        convert: (value, to) => convertTo(value, to, (t) => this.hieraHooks?.parseType(t)),
      });
      this.hieras.set(key, h);
    }
    return h;
  }

  /** A value of some `kind` kept with this environment for as long as `key` lives (e.g. per Ruby runtime provider). */
  memo<T>(key: object, kind: string, make: () => T): T {
    let byKind = this.memos.get(key);
    if (!byKind) this.memos.set(key, (byKind = new Map()));
    if (byKind.has(kind)) return byKind.get(kind) as T;
    const value = make();
    byKind.set(kind, value);
    return value;
  }

  /**
   * The parse of an EPP template, `path` its file or undefined for inline_epp
   * text. A define that renders one template per instance parses it once, not
   * once per instance (in the bench's large catalog that was a quarter of all
   * the compile's allocation). Inline texts are few and literal in practice;
   * the cache still keeps at most MAX_CACHED_EPP entries.
   */
  parseEpp(text: string, path: string | undefined, inlineName: string): ParseResult {
    const key = path ?? `\0${text}`;
    const hit = this.epps.get(key);
    if (hit && hit.text === text) return hit.result;
    const result = parseEpp(text, path ?? inlineName);
    if (!hit && this.epps.size >= MAX_CACHED_EPP) this.epps.delete(this.epps.keys().next().value as string);
    this.epps.set(key, { text, result });
    return result;
  }

  /** The main manifest files in evaluation order (a directory's .pp files, recursively, sorted). */
  manifestFiles(host: CompilerHost): string[] {
    if (host.isFile(this.manifest)) return [this.manifest];
    if (!host.isDirectory(this.manifest)) return [];
    const out: string[] = [];
    const walk = (dir: string) => {
      for (const name of (host.readDir(dir) ?? []).sort()) {
        const p = join(dir, name);
        if (host.isDirectory(p)) walk(p);
        else if (name.endsWith('.pp')) out.push(p);
      }
    };
    walk(this.manifest);
    return out.sort();
  }

  /** The directory of module `name` (first on the modulepath wins), or undefined. */
  moduleDir(host: CompilerHost, name: string): string | undefined {
    for (const root of this.modulepath) {
      const dir = join(root, name);
      if (host.isDirectory(dir)) return dir;
    }
    return undefined;
  }

  /** Names of all modules on the modulepath (first occurrence wins). */
  moduleNames(host: CompilerHost): string[] {
    const seen = new Set<string>();
    for (const root of this.modulepath) for (const n of host.readDir(root) ?? []) if (/^[a-z][a-z0-9_]*$/.test(n)) seen.add(n);
    return [...seen];
  }

  /**
   * Parses a file, reusing the cached tree while the file's version is unchanged.
   * Returns undefined when the file does not exist; throws CompileError on syntax errors.
   */
  parseFile(host: CompilerHost, path: string, errorPrefix = true): Program | undefined {
    const version = host.fileVersion(path);
    if (version === undefined) return undefined;
    const cached = this.parsed.get(path);
    if (cached && cached.version === version) return cached.program;
    const text = host.readFile(path);
    if (text === undefined) return undefined;
    const result = parse(text, path);
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    if (hasErrors(result.diagnostics)) {
      // several validation errors are summarised as Puppet does
      // Puppet names the environment for manifests, but not for autoloaded functions and types
      const prefix = errorPrefix ? `Could not parse for environment ${this.name}: ` : '';
      if (errors.length > 1) throw new CompileError(`${prefix}Language validation logged ${errors.length} errors. Giving up (file: ${path})`);
      throw new CompileError(`${prefix}${formatPuppetStyle(errors[0])}`);
    }
    this.parsed.set(path, { version, program: result.ast });
    return result.ast;
  }

  /** Candidate files that may define `name` (a class, define, function or type alias), most specific first. */
  autoloadCandidates(host: CompilerHost, name: string, folder: 'manifests' | 'functions' | 'types'): string[] {
    const segs = name.toLowerCase().replace(/^::/, '').split('::');
    if (segs[0] === 'environment' && folder !== 'manifests') {
      return segs.length > 1 ? [join(this.dir, folder, ...segs.slice(1, -1), `${segs[segs.length - 1]}.pp`)] : [];
    }
    const mod = this.moduleDir(host, segs[0]);
    if (!mod) return [];
    if (segs.length === 1) return folder === 'manifests' ? [join(mod, 'manifests', 'init.pp')] : [join(mod, folder, 'init.pp')];
    const rest = segs.slice(1);
    const out = [join(mod, folder, ...rest.slice(0, -1), `${rest[rest.length - 1]}.pp`)];
    if (folder === 'manifests') out.push(join(mod, 'manifests', 'init.pp'));
    return out;
  }
}

/** lookup_options' `convert_to`: a type, or [type, args...], applied as `new` does. */
function convertTo(value: Value, to: Value, parseType: (text: string) => Value): Value {
  const [spec, ...args] = Array.isArray(to) ? to : [to];
  const type = typeof spec === 'string' ? parseType(spec) : spec;
  if (!(type instanceof TypeValue)) throw new CompileError(`convert_to expects a Type, got '${String(type)}'`);
  return newInstance(type, [value, ...args]);
}
