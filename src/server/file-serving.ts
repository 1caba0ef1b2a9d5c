// The file-serving state one server shares between its endpoint families: the
// FileServer (mounts, metadata, its digest cache) and the CodeIds (code id
// manifests, static content snapshots). The catalog route inlines file
// metadata and computes code ids with the same caches the file routes use, so
// a file is hashed once per change, not once per family.
import type { Settings } from '../settings/index.js';
import { FileServer } from '../fileserver/file-server.js';
import { CodeIds, staticContentDir } from '../fileserver/code-id.js';
import type { ServerLog } from './server.js';

export interface FileServing {
  readonly fileServer: FileServer;
  readonly codeIds: CodeIds;
}

export function createFileServing(settings: Settings, log: ServerLog): FileServing {
  return {
    fileServer: new FileServer({
      fileserverConfig: typeof settings.fileserverconfig === 'string' && settings.fileserverconfig !== '' ? settings.fileserverconfig : undefined,
      codedir: settings.codedir,
      digestAlgorithm: typeof settings.digest_algorithm === 'string' ? settings.digest_algorithm : 'sha256',
      log: (level, message) => log(level, message),
    }),
    // Snapshots make content of older code ids servable, also across restarts and instances.
    codeIds: new CodeIds({ snapshotDir: staticContentDir(settings.vardir) }),
  };
}
