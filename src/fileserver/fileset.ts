// Puppet::FileServing::Fileset: the entries under a path, breadth first, in
// the order the directory returns them, honouring recurse, recurselimit,
// max_files and ignore globs; plus the "first base path wins" merge.
import { lstatSync, statSync, opendirSync, type Dirent } from 'node:fs';
import { compileFnmatch } from './fnmatch.js';
import { serverError } from './errors.js';
import type { SearchOptions } from './options.js';

export type LogFn = (level: 'debug' | 'info' | 'notice' | 'warning' | 'err', message: string) => void;

const SOFT_MAX_FILES = 1000;

/**
 * Directory entries in the order the OS returns them (Ruby's Dir.entries; not
 * readdir(), which libuv sorts), without . and .. The walk uses synchronous
 * calls on purpose: a stat or readdir takes microseconds, far less than a
 * round trip through libuv's small thread pool, which made searches of
 * thousands of files several times slower.
 */
function readEntries(dir: string): Dirent[] {
  const entries: Dirent[] = [];
  const handle = opendirSync(dir, { bufferSize: 256 });
  try {
    for (let e = handle.readSync(); e !== null; e = handle.readSync()) entries.push(e);
  } finally {
    handle.closeSync();
  }
  return entries;
}

/**
 * The relative paths of a fileset, `"."` first. Throws Puppet's errors:
 * a missing base path, or more entries than a positive max_files.
 */
export async function filesetFiles(basePath: string, options: SearchOptions, log?: LogFn): Promise<string[]> {
  const path = basePath !== '/' ? basePath.replace(/\/+$/, '') || '/' : basePath;
  const statMethod = options.links === 'manage' ? lstatSync : statSync;
  try {
    statMethod(path);
  } catch {
    throw serverError('Fileset paths must exist');
  }
  const matchers = options.ignore.map(compileFnmatch);
  const ignored = (name: string) => matchers.some((m) => m(name));
  const continueAt = (depth: number) => options.recurse && (options.recurselimit === 'infinite' || depth <= options.recurselimit);

  // Relative paths as Puppet reports them, built by concatenation (path.join
  // normalises each one, which for thousands of files was most of a search's garbage).
  const found: string[] = [];
  const dirPrefix = path === '/' ? '/' : `${path}/`;
  // `maybeDir: false` when the directory entry's type already shows it is not a directory.
  const queue: { depth: number; path: string; rel: string; maybeDir: boolean }[] = [{ depth: 0, path, rel: '', maybeDir: true }];
  // Guards against symlink cycles under links=follow (Puppet would loop forever).
  const seenDirs = new Set<string>();
  for (let head = 0; head < queue.length; head++) {
    const entry = queue[head]!;
    if (!entry.maybeDir || !continueAt(entry.depth + 1)) continue;
    let key: string;
    try {
      const st = statMethod(entry.path);
      if (!st.isDirectory()) continue;
      key = `${st.dev}:${st.ino}`;
    } catch {
      continue;
    }
    if (seenDirs.has(key)) continue;
    seenDirs.add(key);
    let entries: Dirent[];
    try {
      entries = readEntries(entry.path);
    } catch {
      continue;
    }
    for (const dirent of entries) {
      const name = dirent.name;
      if (name === '.' || name === '..' || ignored(name)) continue;
      const rel = entry.rel === '' ? name : `${entry.rel}/${name}`;
      found.push(rel);
      // Regular files, devices etc. are never descended; directories, links and unknown types are checked.
      const maybeDir = dirent.isDirectory() || dirent.isSymbolicLink() || !(dirent.isFile() || dirent.isFIFO() || dirent.isSocket() || dirent.isCharacterDevice() || dirent.isBlockDevice());
      if (maybeDir) queue.push({ depth: entry.depth + 1, path: dirPrefix + rel, rel, maybeDir });
    }
  }

  const max = options.maxFiles;
  if (max > 0 && found.length > max) {
    throw serverError(
      `The directory '${path}' contains ${found.length} entries, which exceeds the limit of ${max} specified by the max_files parameter for this resource. The limit may be increased, but be aware that large number of file resources can result in excessive resource consumption and degraded performance. Consider using an alternate method to manage large directory trees`,
    );
  } else if (max === 0 && found.length > SOFT_MAX_FILES) {
    log?.(
      'warning',
      `The directory '${path}' contains ${found.length} entries, which exceeds the default soft limit ${SOFT_MAX_FILES} and may cause excessive resource consumption and degraded performance. To remove this warning set a value for \`max_files\` parameter or consider using an alternate method to manage large directory trees`,
    );
  }
  return ['.', ...found];
}

/** Fileset.merge: relative path -> the first base path that has it, in first-seen order. */
export async function mergeFilesets(basePaths: readonly string[], options: SearchOptions, log?: LogFn): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  for (const base of basePaths) {
    const files = await filesetFiles(base, options, log);
    const chomped = base !== '/' ? base.replace(/\/+$/, '') || '/' : base;
    for (const file of files) if (!result.has(file)) result.set(file, chomped);
  }
  return result;
}
