// Custom resource types from modules (lib/puppet/type/<name>.rb), read for
// what the compiler needs: the type's parameters, properties, namevars
// (Puppet's key attributes), whether it is ensurable, and its title patterns.
// The file is evaluated in the embedded Ruby against the shim's
// Puppet::Type.newtype, which records declarations and runs none of the
// attributes' blocks (validate, munge, ...): those belong to the agent.
import { RubyRuntime, RubyRuntimeError } from './runtime.js';
import { fromRubyJson, rubyString } from './values.js';
import { FUNCTION_SHIM } from './function-shim.js';

export interface RubyTypeInfo {
  readonly name: string;
  readonly parameters: readonly string[];
  /** Properties in declaration order, `ensure` first when the type is ensurable. */
  readonly properties: readonly string[];
  /** Puppet's key attributes: namevar parameters and a parameter called `name`, in declaration order. */
  readonly namevars: readonly string[];
  readonly ensurable: boolean;
  /**
   * Puppet's title patterns (regexp source and the attributes its captures
   * set): the type's own, or for a single key attribute Puppet's default
   * `(.*)` (multi-line); absent for several key attributes and no patterns.
   */
  readonly titlePatterns?: readonly { readonly pattern: string; readonly attributes: readonly string[] }[];
}

export interface RubyTypeFile {
  readonly path: string;
  readonly source: string;
  /** Whether the type has providers (lib/puppet/provider/<name>/): Puppet then adds the `provider` parameter. */
  readonly hasProviders?: boolean;
}

export class RubyTypeError extends Error {}

/**
 * Evaluates a type's file and returns what it declares. `findLib` serves the
 * file's requires of module libraries (`puppet_x/...`), as for functions.
 */
export function loadRubyType(
  runtime: RubyRuntime,
  file: RubyTypeFile,
  findLib?: (name: string) => { readonly path: string; readonly source: string } | undefined,
): RubyTypeInfo {
  const name = /([^/]+)\.rb$/.exec(file.path)?.[1] ?? file.path;
  let out: string;
  try {
    runtime.evalSync(`defined?(Bunraku::Fn) ? 'loaded' : (eval(${rubyString(FUNCTION_SHIM)}, TOPLEVEL_BINDING, '(bunraku function shim)', 1); 'ok')`);
    out = runtime.evalSync(
      `Bunraku::Fn.load(${rubyString(file.path)}, '', ${rubyString(file.source)}, ${rubyString(name)}, 'type')`,
      (op, argsJson) => {
        if (op !== 'require') return 'Vnil';
        const lib = findLib?.((fromRubyJson(argsJson) as string[])[0]);
        return lib ? `V[${rubyString(lib.path)}, ${rubyString(lib.source)}]` : 'Vnil';
      },
    );
  } catch (e) {
    if (e instanceof RubyRuntimeError) throw new RubyTypeError(`Cannot load the type '${name}' from ${file.path}: ${e.message}`);
    throw e;
  }
  if (out.startsWith('E')) {
    const f = JSON.parse(out.slice(1)) as { class: string; message: string; missing: string | null };
    const why = f.missing ? `it needs ${f.missing}, which Bunraku's Ruby shim does not provide` : `${f.class}: ${f.message.split('\n')[0]}`;
    throw new RubyTypeError(`Cannot load the type '${name}' from ${file.path}: ${why}`);
  }
  const info = JSON.parse(out.slice(1)) as { -readonly [K in keyof RubyTypeInfo]: RubyTypeInfo[K] } & { titlePatterns: RubyTypeInfo['titlePatterns'] | null };
  const { titlePatterns, ...rest } = info;
  if (file.hasProviders && !rest.parameters.includes('provider')) rest.parameters = [...rest.parameters, 'provider'];
  return titlePatterns ? { ...rest, titlePatterns } : rest;
}

/** Loads types by name through `find`, each file once per version. */
export function createRubyTypeLoader(
  runtime: () => RubyRuntime,
  find: (name: string) => (RubyTypeFile & { readonly version: string }) | undefined,
  findLib?: (name: string) => { readonly path: string; readonly source: string } | undefined,
): (name: string) => RubyTypeInfo | undefined {
  const cache = new Map<string, { version: string; info: RubyTypeInfo }>();
  return (name) => {
    const file = find(name);
    if (!file) return undefined;
    const known = cache.get(file.path);
    if (known && known.version === file.version) return known.info;
    const info = loadRubyType(runtime(), file, findLib);
    cache.set(file.path, { version: file.version, info });
    return info;
  };
}
