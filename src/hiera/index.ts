// Hiera 5 for the compiler and `bunraku lookup`: the public API of src/hiera.
export { createHiera, Hiera, notFoundMessage } from './hiera.js';
export type { HieraOptions, HieraLookupOptions, HieraLookupResult } from './hiera.js';
export type { HieraScope } from './invocation.js';
export { HieraError } from './errors.js';
export type { HieraHost } from './host.js';
export { nodeHost, memoryHost } from './host.js';
export { renderYaml } from './render-yaml.js';
