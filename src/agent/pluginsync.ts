// Pluginsync (Puppet::Configurer::PluginHandler): the environment probe, then
// puppet:///pluginfacts into $pluginfactdest and puppet:///plugins into
// $libdir, applied as one recursive, purging File resource each, as the real
// agent's downloader does.
import { HttpResponseError } from './http/errors.js';
import type { FileServerService, FileMetadata } from './http/file-server-service.js';
import { parseCatalog } from './catalog/model.js';
import { applyTransaction } from './apply/transaction.js';
import { providerFor, autorequire } from './providers/registry.js';
import type { CommandRunner } from './providers/command.js';
import type { Backup } from './providers/types.js';
import type { RunLog } from './report/run-log.js';

export interface PluginsyncOptions {
  readonly fileServer: FileServerService;
  readonly environment: string;
  readonly libdir: string;
  readonly pluginfactdest: string;
  /** `pluginsignore`, space separated globs. */
  readonly ignore: readonly string[];
  readonly ignorePluginErrors: boolean;
  readonly log: RunLog;
  readonly run: CommandRunner;
}

/** False when the probe says the environment does not exist on the server (404). */
export async function environmentExistsOnServer(fs: FileServerService, environment: string): Promise<boolean> {
  try {
    await fs.getFileMetadatas('/plugins', { environment, recurse: false, links: 'manage', sourcePermissions: 'ignore' });
    return true;
  } catch (err) {
    if (err instanceof HttpResponseError && err.status === 404) return false;
    throw err;
  }
}

const noBackup: Backup = { store: async () => { throw new Error('Pluginsync does not back up files'); } };

async function download(o: PluginsyncOptions, name: string, mount: string, dest: string, sourcePermissions: 'use' | 'ignore'): Promise<void> {
  o.log.info(`Retrieving ${name}`);
  const source = `puppet:///${mount}`;
  let metadata: FileMetadata[];
  try {
    metadata = await o.fileServer.findFileMetadatas(`/${mount}`, {
      environment: o.environment, recurse: true, maxFiles: -1, ignore: o.ignore, links: 'follow', sourcePermissions,
    });
  } catch (err) {
    if (o.ignorePluginErrors) { o.log.err(`Could not retrieve ${name}: ${(err as Error).message}`); return; }
    throw new Error(`Failed to retrieve ${name}: ${(err as Error).message}`);
  }
  if (metadata.length === 0) return; // nothing to sync (Puppet's file resource finds no source either)
  const catalog = parseCatalog({
    name: 'pluginsync', version: null, environment: o.environment,
    resources: [{ type: 'File', title: dest, tags: ['file', 'pluginsync'], exported: false,
      parameters: { ensure: 'directory', recurse: true, purge: true, force: true, source, backup: false, links: 'follow', ignore: [...o.ignore] } }],
    edges: [],
    recursive_metadata: { [dest]: { [source]: metadata } },
  });
  const result = await applyTransaction({
    catalog, providerFor, autorequire, noop: false, tags: [], skipTags: [], log: o.log,
    services: { environment: o.environment, fileServer: o.fileServer, backup: noBackup, run: o.run },
  });
  const failure = result.statuses.find((s) => s.failed);
  if (failure && !o.ignorePluginErrors) {
    throw new Error(`Failed to retrieve ${name}: ${failure.events[0]?.message ?? 'unknown'}`);
  }
}

/** The whole sync, in the real agent's order: pluginfacts, then plugins. */
export async function pluginsync(o: PluginsyncOptions): Promise<void> {
  await download(o, 'pluginfacts', 'pluginfacts', o.pluginfactdest, 'use');
  await download(o, 'plugin', 'plugins', o.libdir, 'ignore');
}
