// Puppet::FileServing::Fileset: the entries under a path, breadth first, in
// the order the directory returns them, honouring recurse, recurselimit,
// max_files and ignore globs; plus the "first base path wins" merge.
import { lstat, stat, opendir } from 'node:fs/promises';
import { join } from 'node:path';
import { compileFnmatch } from './fnmatch.js';
import { serverError } from './errors.js';
import type { SearchOptions } from './options.js';

export type LogFn = (level: 'debug' | 'info' | 'notice' | 'warning' | 'err', message: string) => void;

const SOFT_MAX_FILES = 1000;

/** Directory entries in the order the OS returns them (Ruby's Dir.entries), without . and .. */
async function readEntries(dir: string): Promise<string[]> {
  const names: string[] = [];
  const handle = await opendir(dir);
  for await (const entry of handle) names.push(entry.name);
  return names;
}

/**
 * The relative paths of a fileset, `"."` first. Throws Puppet's errors:
 * a missing base path, or more entries than a positive max_files.
 */
export async function filesetFiles(basePath: string, options: SearchOptions, log?: LogFn): Promise<string[]> {
  const path = basePath !== '/' ? basePath.replace(/\/+$/, '') || '/' : basePath;
  const statMethod = options.links === 'manage' ? lstat : stat;
  try {
    await statMethod(path);
  } catch {
    throw serverError('Fileset paths must exist');
  }
  const matchers = options.ignore.map(compileFnmatch);
  const ignored = (name: string) => matchers.some((m) => m(name));
  const continueAt = (depth: number) => options.recurse && (options.recurselimit === 'infinite' || depth <= options.recurselimit);

  const found: string[] = [];
  const queue: { depth: number; path: string }[] = [{ depth: 0, path }];
  // Guards against symlink cycles under links=follow (Puppet would loop forever).
  const seenDirs = new Set<string>();
  while (queue.length > 0) {
    const entry = queue.shift()!;
    if (!continueAt(entry.depth + 1)) continue;
    let isDir = false;
    let key = '';
    try {
      const st = await statMethod(entry.path);
      isDir = st.isDirectory();
      key = `${st.dev}:${st.ino}`;
    } catch {
      isDir = false;
    }
    if (!isDir || seenDirs.has(key)) continue;
    seenDirs.add(key);
    let names: string[];
    try {
      names = await readEntries(entry.path);
    } catch {
      continue;
    }
    for (const name of names) {
      if (name === '.' || name === '..' || ignored(name)) continue;
      const child = join(entry.path, name);
      found.push(child);
      queue.push({ depth: entry.depth + 1, path: child });
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
  const prefix = path === '/' ? '/' : `${path}/`;
  return ['.', ...found.map((f) => (f.startsWith(prefix) ? f.slice(prefix.length) : f).replace(/^\/+/, ''))];
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
