// Exported resources (`@@type {}` / `Type <<| |>>`): the embedded store that
// stands in for PuppetDB, its query, and the resource form it keeps.
import { join } from 'node:path';

export { ExportStore, memoryExportSource, type ExportedResourceSource, type NodeExports, type ExportStoreOptions } from './store.js';
export { matchesExportQuery, queryToPuppetDbAst, type ExportQuery } from './query.js';
export { exportedResourceOf, exportedResourcesOf, toExportData, type CollectedResource, type ExportedResource, type JsonData } from './resource.js';

/** Where the server keeps the store: `$server_datadir/exports`. */
export function exportsDir(serverDatadir: string): string {
  return join(serverDatadir, 'exports');
}
