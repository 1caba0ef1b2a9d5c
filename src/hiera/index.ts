// Hiera 5 for the compiler and `bunraku lookup`: the public API of src/hiera.
//
// The compiler keeps one Hiera per environment:
//   const hiera = createHiera({ globalConfigPath: settings.hiera_config, environmentDir: env.dir,
//                               moduleDirs: (m) => env.moduleDir(host, m), codedir: settings.codedir });
// lookup()/hiera() call `hiera.lookup(names, { scope, merge, defaultValue, hasDefault })`
// (parseLookupArgs sorts lookup()'s argument forms); automatic class parameter
// lookup calls `hiera.lookupParameter('cls::param', scope)`. `scope.variable(name)`
// answers top-scope variables (facts, trusted, server_facts, environment...), and
// the same scope object across a compile shares the lookup_options cache.
export { createHiera, Hiera, notFoundMessage } from './hiera.js';
export type { HieraOptions, HieraLookupOptions, HieraLookupResult } from './hiera.js';
export { parseLookupArgs } from './lookup-args.js';
export type { LookupCall } from './lookup-args.js';
export type { HieraScope } from './invocation.js';
export { HieraError } from './errors.js';
export type { HieraHost } from './host.js';
export { nodeHost, memoryHost } from './host.js';
export { renderYaml } from './render-yaml.js';
