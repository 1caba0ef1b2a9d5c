// The compiler's only window on the file system: a small synchronous host
// interface, with an implementation over node:fs and an in-memory one for tests.
import { readFileSync, readdirSync, statSync } from 'node:fs';

export interface CompilerHost {
  /** The file's text, or undefined when it does not exist or is not a file. */
  readFile(path: string): string | undefined;
  /** The entry names of a directory, or undefined when it is not a directory. */
  readDir(path: string): string[] | undefined;
  isDirectory(path: string): boolean;
  isFile(path: string): boolean;
  /** A token that changes whenever the file changes (e.g. mtime and size); undefined when missing. */
  fileVersion(path: string): string | undefined;
}

export function nodeFsHost(): CompilerHost {
  const stat = (p: string) => {
    try {
      // a missing file is the common case (module autoloading probes): no exception for it
      return statSync(p, { throwIfNoEntry: false });
    } catch {
      return undefined;
    }
  };
  return {
    readFile(path) {
      try {
        return readFileSync(path, 'utf8');
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
    isDirectory: (p) => stat(p)?.isDirectory() ?? false,
    isFile: (p) => stat(p)?.isFile() ?? false,
    fileVersion(p) {
      const s = stat(p);
      return s?.isFile() ? `${s.mtimeMs}:${s.size}` : undefined;
    },
  };
}

/** A host over a map of absolute path -> file text; directories are implied by the paths. */
export function memoryHost(files: Record<string, string>): CompilerHost {
  const norm = (p: string) => p.replace(/\/+$/, '');
  const isDir = (p: string) => {
    const prefix = `${norm(p)}/`;
    return Object.keys(files).some((f) => f.startsWith(prefix));
  };
  return {
    readFile: (p) => (Object.hasOwn(files, p) ? files[p] : undefined),
    readDir(p) {
      if (!isDir(p)) return undefined;
      const prefix = `${norm(p)}/`;
      const names = new Set<string>();
      for (const f of Object.keys(files)) if (f.startsWith(prefix)) names.add(f.slice(prefix.length).split('/')[0]);
      return [...names];
    },
    isDirectory: isDir,
    isFile: (p) => Object.hasOwn(files, p),
    fileVersion: (p) => (Object.hasOwn(files, p) ? String(files[p].length) + ':' + hash(files[p]) : undefined),
  };
}

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return h;
}
