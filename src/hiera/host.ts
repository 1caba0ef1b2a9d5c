// The file system as Hiera sees it: an injectable host so tests can run on memory.
import { readFileSync, readdirSync, statSync } from 'node:fs';

export interface HieraHost {
  /** The file's text, or undefined when it does not exist or is not a file. */
  readFile(path: string): string | undefined;
  /** A stamp that changes when the file changes (mtime + size); undefined when absent. */
  stamp(path: string): string | undefined;
  /** Names in a directory (undefined when it is not one). */
  readDir(path: string): string[] | undefined;
  isDirectory(path: string): boolean;
}

export const nodeHost: HieraHost = {
  readFile(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
  stamp(path) {
    try {
      // missing data files are the common case (per-node levels): no exception for them
      const s = statSync(path, { throwIfNoEntry: false });
      return s?.isFile() ? `${s.mtimeMs}:${s.size}` : undefined;
    } catch {
      return undefined;
    }
  },
  readDir(path) {
    try {
      return readdirSync(path);
    } catch {
      return undefined;
    }
  },
  isDirectory(path) {
    try {
      return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
    } catch {
      return false;
    }
  },
};

/** A host over an in-memory map of path -> text (directories implied by the paths). */
export function memoryHost(files: ReadonlyMap<string, string>): HieraHost {
  const dirs = new Map<string, Set<string>>();
  for (const p of files.keys()) {
    const parts = p.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/') || '/';
      let set = dirs.get(dir);
      if (!set) dirs.set(dir, (set = new Set()));
      set.add(parts[i]);
    }
  }
  return {
    readFile: (p) => files.get(p),
    stamp: (p) => (files.has(p) ? String(files.get(p)?.length) : undefined),
    readDir: (p) => (dirs.has(p) ? [...(dirs.get(p) ?? [])] : undefined),
    isDirectory: (p) => dirs.has(p),
  };
}
