// Exported resources (`@@type {}` / `Type <<| |>>`): the embedded store that
// stands in for PuppetDB, its query, and the resource form it keeps.
import { join } from 'node:path';
import { ExportStore } from './store.js';

export { ExportStore, memoryExportSource, type ExportedResourceSource, type NodeExports, type ExportStoreOptions } from './store.js';
export { matchesExportQuery, queryToPuppetDbAst, type ExportQuery } from './query.js';
export { exportedResourceOf, exportedResourcesOf, toExportData, type CollectedResource, type ExportedResource, type JsonData } from './resource.js';

/** Where the server keeps the store: `$server_datadir/exports`. */
export function exportsDir(serverDatadir: string): string {
  return join(serverDatadir, 'exports');
}

/**
 * Deactivates a node in the server's store (PuppetDB's `puppet node deactivate`):
 * its exported resources are no longer collected. `bunraku ca clean NAME` calls
 * this for each cleaned name. True when the node had stored exports.
 */
export function deactivateNodeExports(serverDatadir: string, certname: string): Promise<boolean> {
  return new ExportStore(exportsDir(serverDatadir)).deactivate(certname);
}
