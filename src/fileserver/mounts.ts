// The file server's mount points (Puppet::FileServing::Mount::*): how a mount
// and a path inside it resolve to files on disk for find and search.
import { existsSync, lstatSync } from 'node:fs';
import { join } from 'node:path';
import { hostname } from 'node:os';
import { serverError } from './errors.js';
import type { FileServingEnvironment, ModuleRef } from './environment.js';

export type MountKind = 'modules' | 'plugins' | 'pluginfacts' | 'locales' | 'tasks' | 'scripts' | 'file';

export interface Mount {
  readonly name: string;
  readonly kind: MountKind;
  /** Only for `file` mounts: the configured path, possibly with %h/%H/%d. */
  readonly path?: string;
}

export interface MountContext {
  readonly env: FileServingEnvironment;
  /** The client's certname, for %h/%H/%d expansion. */
  readonly node?: string;
  /** Used when the plugin-like mounts have no modulepath at all. */
  readonly codedir: string;
}

/** A search's base paths; `recurse: false` when Puppet forces recursion off. */
export interface SearchBases {
  readonly paths: readonly string[];
  readonly forceNoRecurse: boolean;
}

// Synchronous checks: microseconds each, cheaper than a thread-pool round trip (see fileset.ts).
function exists(path: string): boolean {
  return existsSync(path);
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Puppet::Module's per-type subdirectory for each plugin-like mount. */
const SUBDIR: Record<'plugins' | 'pluginfacts' | 'locales', string> = {
  plugins: 'lib',
  pluginfacts: 'facts.d',
  locales: 'locales',
};

/** Module#file/#plugin/...: the subdir (or a file in it) if it exists, else null. */
async function moduleFile(mod: ModuleRef, subdir: string, relative: string | null): Promise<string | null> {
  const full = relative ? join(mod.path, subdir, relative) : join(mod.path, subdir);
  return exists(full) ? full : null;
}

function splitModule(path: string | null, what: 'module' | 'task'): [string, string | null] {
  if (!path) throw serverError(what === 'task' ? 'No task specified' : 'No module specified');
  const slash = path.indexOf('/');
  return slash < 0 ? [path, null] : [path.slice(0, slash), path.slice(slash + 1)];
}

/** Mount::File#expand: %h short host, %H certname, %d domain, %% a percent sign. */
export function expandMountPath(path: string, node: string | undefined): string {
  const host = node ?? hostname();
  const map: Record<string, string> = {
    h: host.replace(/\..*$/, ''),
    H: host,
    d: host.replace(/[^.]+\./, ''),
  };
  return path.replace(/%(.)/g, (all, key: string) => (key === '%' ? '%' : map[key] ?? all));
}

export function isExpandable(path: string): boolean {
  return /%./.test(path);
}

/** Mount#find: the file a path resolves to, or null (→ 404). */
export async function mountFind(mount: Mount, path: string | null, ctx: MountContext): Promise<string | null> {
  switch (mount.kind) {
    case 'modules':
    case 'tasks':
    case 'scripts': {
      const [moduleName, relative] = splitModule(path, mount.kind === 'tasks' ? 'task' : 'module');
      const mod = ctx.env.modules.find((m) => m.name === moduleName);
      if (!mod) return null;
      return moduleFile(mod, mount.kind === 'modules' ? 'files' : mount.kind, relative);
    }
    case 'plugins':
    case 'pluginfacts':
    case 'locales': {
      for (const mod of ctx.env.modules) {
        const found = await moduleFile(mod, SUBDIR[mount.kind], path);
        if (found) return found;
      }
      return null;
    }
    case 'file':
      return fileMountPath(mount, path, ctx);
  }
}

async function fileMountPath(mount: Mount, relative: string | null, ctx: MountContext): Promise<string | null> {
  if (mount.path === undefined) throw serverError('Mounts without paths are not usable');
  const base = isExpandable(mount.path) ? expandMountPath(mount.path, ctx.node) : mount.path;
  if (!relative) return base;
  const file = join(base, relative);
  if (!exists(file) && !isSymlink(file)) return null;
  return file;
}

/** Mount#search: the base paths to walk, or null (→ 404). */
export async function mountSearch(mount: Mount, path: string | null, ctx: MountContext): Promise<SearchBases | null> {
  switch (mount.kind) {
    case 'plugins':
    case 'pluginfacts':
    case 'locales': {
      // Puppet ignores the path here: it always merges every module's directory.
      const paths: string[] = [];
      for (const mod of ctx.env.modules) {
        const dir = join(mod.path, SUBDIR[mount.kind]);
        if (exists(dir)) paths.push(dir);
      }
      if (paths.length > 0) return { paths, forceNoRecurse: false };
      // No module has one: answer with a bare root entry for the modulepath.
      return { paths: ctx.env.modulepath.length ? ctx.env.modulepath : [ctx.codedir], forceNoRecurse: true };
    }
    default: {
      const found = await mountFind(mount, path, ctx);
      return found === null ? null : { paths: [found], forceNoRecurse: false };
    }
  }
}
