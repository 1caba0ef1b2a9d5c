// What the file server needs to know about an environment: its existing
// modulepath directories and its modules (first on the modulepath wins), plus
// a helper that lists them the way Puppet::Node::Environment#modules does.
// Built on every catalog and file request: the directory checks use the
// synchronous calls (microseconds on cached inodes, where each asynchronous
// call waits for a thread-pool round trip).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface ModuleRef {
  readonly name: string;
  /** The module's directory, e.g. `<env>/modules/demo`. */
  readonly path: string;
}

export interface FileServingEnvironment {
  readonly name: string;
  /** The environment's directory (`<environmentpath>/<name>`), used for static catalogs. */
  readonly dir?: string;
  /** Existing modulepath directories in order (environment modules first, then the base modulepath). */
  readonly modulepath: readonly string[];
  /** Modules in modulepath order; a name appears once (the first wins). */
  readonly modules: readonly ModuleRef[];
}

const MODULE_NAME = /^[a-z][a-z0-9_]*$/;

function isDirectory(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    return false;
  }
}

/**
 * Builds the environment view from a modulepath: drops directories that do not
 * exist, lists each directory's module directories in the order the OS returns
 * them (as Puppet does), keeps the first module of each name.
 */
export async function environmentFromModulepath(name: string, modulepath: readonly string[], dir?: string): Promise<FileServingEnvironment> {
  const existing: string[] = [];
  for (const p of modulepath) if (isDirectory(p)) existing.push(p);
  const modules: ModuleRef[] = [];
  const seen = new Set<string>();
  for (const p of existing) {
    for (const n of readdirSync(p)) {
      if (seen.has(n) || !MODULE_NAME.test(n)) continue;
      if (!isDirectory(join(p, n))) continue;
      seen.add(n);
      modules.push({ name: n, path: join(p, n) });
    }
  }
  return dir === undefined ? { name, modulepath: existing, modules } : { name, dir, modulepath: existing, modules };
}
