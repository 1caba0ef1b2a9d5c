// Modules' Ruby functions as the evaluator calls them, and their custom
// resource types as the compiler checks them. Functions are found through the
// Ruby bridge after built-ins and Puppet-language functions, and given what
// Puppet's function API offers them (the calling scope's variables, other
// functions, type aliases, the catalog, the log).
import type { BuiltinFunction, LogLevel } from '../lang/evaluator/runtime.js';
import { capitalizeTypeName } from '../lang/types/types.js';
import type { RubyRuntime } from '../ruby/runtime.js';
import type { Compilation } from './compilation.js';
import type { Environment } from './environment.js';
import type { CompilerHost } from './host.js';
import { rubyFunctionFinder, rubyTypeInfo, type RubyFunctionImpl, type RubyTypeLookupInfo } from './ruby-bridge.js';

export type RubyFunctionLookup = (name: string) => RubyFunctionImpl | undefined;

/** The environment's Ruby function lookup: one per environment and Ruby provider, kept across compiles. */
export function environmentRubyFunctions(env: Environment, host: CompilerHost, ruby: () => RubyRuntime): RubyFunctionLookup {
  return env.memo(ruby, 'functions', () => rubyFunctionFinder(ruby, () => moduleDirs(env, host)));
}

/** The environment's custom resource types (`lib/puppet/type/*.rb`, or `.resource_types/*.pp`), kept across compiles. */
export function environmentRubyTypes(env: Environment, host: CompilerHost, ruby: () => RubyRuntime): RubyTypeLookup {
  return env.memo(ruby, 'types', () => rubyTypeInfo(ruby, () => moduleDirs(env, host), host, env.dir));
}

export type RubyTypeLookup = (name: string) => RubyTypeLookupInfo | undefined;

function moduleDirs(env: Environment, host: CompilerHost): { name: string; dir: string }[] {
  return env.moduleNames(host).map((name) => ({ name, dir: env.moduleDir(host, name)! }));
}

/** Wraps a Ruby function for the evaluator, over the compilation that calls it. */
export function externalFunction(impl: RubyFunctionImpl, comp: Compilation): BuiltinFunction {
  return (ctx, args) => impl(
    args,
    (name, a, block) => ctx.call(name, a, block),
    (name) => comp.lookupVariable(name, ctx.scope).value,
    ctx.block,
    {
      resolveType: (name) => comp.resolveTypeReference(name),
      log: (level, message) => comp.log(level as LogLevel, message, ctx.scope),
      variables: () => ctx.scope.toHash(),
      findResource: (type, title) => comp.catalog.get(`${type}[${title}]`),
      catalogResources: () => comp.catalog.resources,
      currentResource: () => ctx.scope.resource,
      resourceTypeName: (name) => (comp.isResourceType(name) || comp.defs.findClass(name) ? capitalizeTypeName(name) : undefined),
    },
  );
}
