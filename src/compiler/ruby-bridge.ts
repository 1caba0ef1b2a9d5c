// What the compiler calls to use modules' Ruby code (owned by the Ruby layer,
// src/ruby/): Ruby functions and custom resource types.
//
// Functions: `rubyFunctionFinder(runtime, moduleDirs, host?)` returns a lookup
// `(name) => RubyFunctionImpl | undefined`, to try after built-ins and
// Puppet-language functions. `mod::fname` is `<mod>/lib/puppet/functions/mod/fname.rb`;
// a global `fname` is, module by module, `lib/puppet/functions/fname.rb` (4.x)
// then `lib/puppet/parser/functions/fname.rb` (3.x). The implementation is
// called as
//     impl(args, call, lookupVar, block?, extras?)
// - `call(name, args, block?)` calls any function (built-in, Puppet, Ruby) for
//   Ruby's `call_function` / `function_x`; its errors propagate unchanged.
// - `lookupVar(name)` answers `closure_scope['x']` / `lookupvar('x')`
//   (`undefined` when unknown or undef); `lookupVar('facts')` also serves Facter.value.
// - `block` is the call's lambda (the evaluator's Callable).
// - `extras.resolveType(lowerName)` resolves type aliases in Ruby signatures
//   (`Stdlib::Absolutepath`); without it such a signature fails to load.
//   `extras.log(level, message)` receives Puppet.warning & co.
//   `extras.findResource / catalogResources / currentResource` let 3.x code
//   read the catalog (scope.findresource, catalog.resources, scope.resource):
//   stdlib's ensure_packages and ensure_resource need them; without them such
//   a call fails with "needs Puppet::Parser::Scope#findresource".
// It throws UserError with Puppet's message ("'f' parameter 'x' expects a
// String value, got Integer", a Ruby exception's message, or "Ruby function
// 'f' needs Puppet::X, which Bunraku's Ruby shim does not provide"), for the
// compiler to wrap as it wraps built-in function errors.
//
// Types: `rubyTypeInfo(runtime, moduleDirs, host?, environmentDir?)` returns
// `(name) => RubyTypeInfo | undefined`: undefined when no module has
// `lib/puppet/type/<name>.rb`; otherwise the type's parameters, properties,
// namevars (key attributes), ensurable and title patterns, read from
// `<environmentDir>/.resource_types/<name>.pp` when `puppet generate types`
// wrote one, else from the Ruby file; `loadError` is set (and the lists are
// empty) when the Ruby file cannot be read by the shim, so the compiler can
// accept the type without checking its attributes.
//
// Both lookups cache for their lifetime: make one per environment (module
// list) and keep it across compiles; files are re-read when their mtime or
// size changes. The RubyRuntime is started only when a Ruby function is
// called or a Ruby type without a generated .pp is first checked.
import type { Callable } from '../lang/evaluator/runtime.js';
import type { Parameter } from '../lang/ast.js';
import { UserError } from '../lang/evaluator/errors.js';
import type { TypeValue, Value } from '../lang/values.js';
import type { RubyRuntime } from '../ruby/runtime.js';
import { createRubyFunctions, RubyFunctionError, type CatalogResourceView, type RubyBlock } from '../ruby/functions.js';
import { moduleRubyFiles, type ModuleDir, type RubyFileHost } from '../ruby/function-files.js';
import { createRubyTypeLoader, RubyTypeError, type RubyTypeInfo } from '../ruby/types.js';
import { readResourceTypesFile } from '../ruby/resource-types-file.js';
import { nodeFsHost } from './host.js';

export type { RubyTypeInfo } from '../ruby/types.js';
export type { ModuleDir } from '../ruby/function-files.js';
export type { CatalogResourceView } from '../ruby/functions.js';

export interface RubyCallExtras {
  resolveType?(lowerCaseName: string): TypeValue | undefined;
  log?(level: string, message: string): void;
  variables?(): ReadonlyMap<string, Value>;
  /** For 3.x functions reading the catalog (stdlib's defined_with_params, hence ensure_resource and ensure_packages). */
  findResource?(type: string, title: string): CatalogResourceView | undefined;
  catalogResources?(): readonly CatalogResourceView[];
  currentResource?(): CatalogResourceView | undefined;
  resourceTypeName?(name: string): string | undefined;
  /** The environment's name, for scope.environment (default 'production'). */
  environmentName?(): string;
}

export type RubyFunctionImpl = (
  args: readonly Value[],
  call: (name: string, args: readonly Value[], block?: Callable) => Value,
  lookupVar: (name: string) => Value,
  block?: Callable,
  extras?: RubyCallExtras,
) => Value;

export function rubyFunctionFinder(
  runtime: () => RubyRuntime,
  moduleDirs: () => readonly ModuleDir[],
  host: RubyFileHost = nodeFsHost(),
): (name: string) => RubyFunctionImpl | undefined {
  const files = moduleRubyFiles(moduleDirs, host);
  const functions = createRubyFunctions(runtime, files);
  return (name) => {
    if (!functions.has(name)) return undefined;
    return (args, call, lookupVar, block, extras) => {
      try {
        return functions.call(name, args, {
          ...extras,
          callFunction: (n, a, b) => call(n, a, b && toCallable(b)),
          lookupVariable: lookupVar,
          block,
        });
      } catch (e) {
        if (e instanceof RubyFunctionError) throw new UserError(e.message);
        throw e;
      }
    };
  };
}

export interface RubyTypeLookupInfo extends RubyTypeInfo {
  /** Why the Ruby file could not be read; the attribute lists are then empty. */
  readonly loadError?: string;
}

export function rubyTypeInfo(
  runtime: () => RubyRuntime,
  moduleDirs: () => readonly ModuleDir[],
  host: RubyFileHost = nodeFsHost(),
  environmentDir?: string,
): (name: string) => RubyTypeLookupInfo | undefined {
  const files = moduleRubyFiles(moduleDirs, host);
  const fromRuby = createRubyTypeLoader(runtime, (n) => files.findType(n), (n) => files.findLib?.(n));
  const generated = new Map<string, { version: string; info: RubyTypeInfo }>();
  return (name) => {
    const file = files.findType(name);
    if (!file) return undefined;
    if (environmentDir !== undefined) {
      const path = `${environmentDir}/.resource_types/${name}.pp`;
      const version = host.fileVersion(path);
      if (version !== undefined) {
        const known = generated.get(path);
        if (known && known.version === version) return known.info;
        const text = host.readFile(path);
        if (text !== undefined) {
          const info = readResourceTypesFile(text, path);
          generated.set(path, { version, info });
          return info;
        }
      }
    }
    try {
      return fromRuby(name);
    } catch (e) {
      if (!(e instanceof RubyTypeError)) throw e;
      return { name, parameters: [], properties: [], namevars: [], ensurable: false, loadError: e.message };
    }
  };
}

/** A Ruby block handed to a function, as the evaluator's Callable. */
function toCallable(b: RubyBlock): Callable {
  const names = b.parameterNames ?? Array.from({ length: Number.isFinite(b.maxArgs) ? b.maxArgs : b.minArgs }, (_, i) => ({ name: `p${i}`, capturesRest: false }));
  const parameters: Parameter[] = names.map((p) => ({
    kind: 'Parameter',
    name: p.name,
    value: undefined,
    typeExpr: undefined,
    capturesRest: p.capturesRest,
    span: { start: 0, end: 0 },
  }));
  return { parameters, minArgs: b.minArgs, maxArgs: b.maxArgs, call: (args) => b.call(args) };
}
