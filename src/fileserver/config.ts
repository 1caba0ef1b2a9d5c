// fileserver.conf: the parser (Puppet::FileServing::Configuration::Parser's
// rules) and a reader that re-parses when the file changes, keeping the old
// mounts when the new text is invalid. Built-in mounts are always present.
import { readFile } from 'node:fs/promises';
import { accessSync, constants, statSync } from 'node:fs';
import type { Mount, MountKind } from './mounts.js';
import { isExpandable } from './mounts.js';
import type { LogFn } from './fileset.js';

export const BUILTIN_MOUNTS: readonly Mount[] = [
  { name: 'modules', kind: 'modules' },
  { name: 'plugins', kind: 'plugins' },
  { name: 'locales', kind: 'locales' },
  { name: 'pluginfacts', kind: 'pluginfacts' },
  { name: 'scripts', kind: 'scripts' },
  { name: 'tasks', kind: 'tasks' },
];

/** Names the parser maps to built-in behaviour (note: not pluginfacts, as in Puppet). */
const PARSER_BUILTINS: Record<string, MountKind> = {
  modules: 'modules',
  plugins: 'plugins',
  scripts: 'scripts',
  tasks: 'tasks',
  locales: 'locales',
};

export class FileserverConfigError extends Error {
  override name = 'FileserverConfigError';
}

/** Checks a non-expandable mount path at load time (Mount::File#path=). */
export type PathCheck = (path: string) => string | null;

export function defaultPathCheck(path: string): string | null {
  try {
    if (!statSync(path).isDirectory()) return `${path} does not exist or is not a directory`;
  } catch {
    return `${path} does not exist or is not a directory`;
  }
  try {
    accessSync(path, constants.R_OK);
  } catch {
    return `${path} is not readable`;
  }
  return null;
}

/**
 * Parses fileserver.conf text into mounts (built-ins not included). Throws
 * FileserverConfigError for the errors Puppet raises (the caller then keeps
 * the previous configuration); logs the ones Puppet only logs.
 */
export function parseFileserverConfig(text: string, file: string, log?: LogFn, checkPath: PathCheck = defaultPathCheck): Map<string, Mount> {
  const mounts = new Map<string, { name: string; kind: MountKind; path?: string }>();
  let current: { name: string; kind: MountKind; path?: string } | undefined;
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((rawLine, index) => {
    const line = rawLine.replace(/\r$/, '');
    const where = `(file: ${file}, line: ${index + 1})`;
    if (/^\s*#/.test(line) || /^\s*$/.test(line)) return;
    const section = /\[([-\w]+)\]/.exec(line);
    if (section) {
      const name = section[1]!;
      if (mounts.has(name)) throw new FileserverConfigError(`mount[${name}] is already mounted at ${name} at ${where}`);
      current = { name, kind: PARSER_BUILTINS[name] ?? 'file' };
      mounts.set(name, current);
      return;
    }
    const setting = /^\s*(\w+)\s+(.+?)(\s*#.*)?$/.exec(line);
    if (!setting) throw new FileserverConfigError(`Invalid entry at ${where}: '${line}'`);
    const variable = setting[1]!;
    const value = setting[2]!.trim();
    if (value.startsWith('=')) throw new FileserverConfigError("Fileserver configuration file does not use '=' as a separator");
    if (variable === 'path') {
      if (!current) throw new FileserverConfigError(`Invalid entry at ${where}: '${line}'`);
      if (current.kind !== 'file') {
        log?.('warning', `The '${current.name}' module can not have a path. Ignoring attempt to set it`);
        return;
      }
      if (!isExpandable(value)) {
        const problem = checkPath(value);
        if (problem) {
          log?.('err', `Removing mount "${current.name}": ${problem}`);
          mounts.delete(current.name);
          return;
        }
      }
      current.path = value;
    } else if (variable === 'allow' || variable === 'deny') {
      if (variable !== 'allow' || value !== '*') log?.('err', `Entry '${line}' is unsupported and will be ignored at ${where}`);
    } else {
      throw new FileserverConfigError(`Invalid argument '${variable}' at ${where}`);
    }
  });
  for (const mount of mounts.values()) {
    if (mount.kind === 'file' && mount.path === undefined) throw new FileserverConfigError('Mounts without paths are not usable');
  }
  return mounts as Map<string, Mount>;
}

/** Adds the built-in mounts the configuration did not define (mk_default_mounts). */
export function withBuiltinMounts(mounts: ReadonlyMap<string, Mount>): Map<string, Mount> {
  const all = new Map(mounts);
  for (const m of BUILTIN_MOUNTS) if (!all.has(m.name)) all.set(m.name, m);
  return all;
}

/**
 * The current mounts from a fileserver.conf path: parsed on first use and
 * whenever the file's mtime/size/inode change; a parse error keeps the last
 * good mounts (logged). A missing file means built-in mounts only.
 */
export class FileserverConfig {
  private mounts: Map<string, Mount> = withBuiltinMounts(new Map());
  private stamp: string | null = null;

  constructor(
    private readonly file: string | undefined,
    private readonly log?: LogFn,
    private readonly checkPath: PathCheck = defaultPathCheck,
  ) {}

  async current(): Promise<ReadonlyMap<string, Mount>> {
    if (this.file === undefined) return this.mounts;
    let stamp: string;
    try {
      // Synchronous: checked on every file request and every sourced file of a static catalog.
      const st = statSync(this.file);
      stamp = `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
    } catch {
      return this.mounts; // Puppet: no file, no re-read; the old mounts stay
    }
    if (stamp === this.stamp) return this.mounts;
    this.stamp = stamp;
    try {
      const text = await readFile(this.file, 'utf8');
      this.mounts = withBuiltinMounts(parseFileserverConfig(text, this.file, this.log, this.checkPath));
    } catch (err) {
      this.log?.('err', `Error parsing fileserver configuration: ${(err as Error).message}; using old configuration`);
    }
    return this.mounts;
  }
}
