// Finds the Ruby files of functions, types and their libraries in modules, by
// Puppet's autoload rules: `mod::fname` is `<mod>/lib/puppet/functions/mod/fname.rb`;
// a global `fname` is, module by module in module path order,
// `lib/puppet/functions/fname.rb` (4.x) then `lib/puppet/parser/functions/fname.rb` (3.x).
// Results are cached for the finder's life; a file's content is re-read only
// when its version (mtime and size) changes.
import type { FunctionFiles, RubyFunctionFile } from './functions.js';

/** The file system as the finder needs it (the compiler's CompilerHost fits). */
export interface RubyFileHost {
  readFile(path: string): string | undefined;
  isFile(path: string): boolean;
  isDirectory?(path: string): boolean;
  /** Changes whenever the file changes; undefined when it is missing. */
  fileVersion(path: string): string | undefined;
}

/** A module: its name and directory (absolute). */
export interface ModuleDir {
  readonly name: string;
  readonly dir: string;
}

const FUNCTION_NAME = /^[a-z][a-z0-9_]*(?:::[a-z][a-z0-9_]*)*$/;

export interface ModuleRubyFiles extends FunctionFiles {
  /** The file of custom type `name` (`<mod>/lib/puppet/type/<name>.rb`), first module first. */
  findType(name: string): { readonly path: string; readonly source: string; readonly version: string; readonly hasProviders: boolean } | undefined;
}

export function moduleRubyFiles(modules: () => readonly ModuleDir[], host: RubyFileHost): ModuleRubyFiles {
  const located = new Map<string, { path: string; api: '4x' | '3x' } | null>();
  const contents = new Map<string, { version: string; source: string }>();

  function read(path: string): { version: string; source: string } | undefined {
    const version = host.fileVersion(path);
    if (version === undefined) return undefined;
    const known = contents.get(path);
    if (known && known.version === version) return known;
    const source = host.readFile(path);
    if (source === undefined) return undefined;
    const entry = { version, source };
    contents.set(path, entry);
    return entry;
  }

  function locate(name: string): { path: string; api: '4x' | '3x' } | null {
    const mods = modules();
    if (name.includes('::')) {
      const mod = mods.find((m) => m.name === name.split('::')[0]);
      const path = mod && `${mod.dir}/lib/puppet/functions/${name.split('::').join('/')}.rb`;
      return path && host.isFile(path) ? { path, api: '4x' } : null;
    }
    for (const m of mods) {
      const p4 = `${m.dir}/lib/puppet/functions/${name}.rb`;
      if (host.isFile(p4)) return { path: p4, api: '4x' };
      const p3 = `${m.dir}/lib/puppet/parser/functions/${name}.rb`;
      if (host.isFile(p3)) return { path: p3, api: '3x' };
    }
    return null;
  }

  return {
    find(name: string): RubyFunctionFile | undefined {
      const n = name.replace(/^::/, '');
      if (!FUNCTION_NAME.test(n)) return undefined;
      let where = located.get(n);
      if (where === undefined) {
        where = locate(n);
        located.set(n, where);
      }
      if (!where) return undefined;
      const file = read(where.path);
      return file && { path: where.path, source: file.source, version: file.version, api: where.api };
    },

    fileKind(path: string) {
      if (host.isFile(path)) return 'file';
      return host.isDirectory?.(path) ? 'directory' : undefined;
    },

    readAnyFile(path: string) {
      return host.readFile(path);
    },

    moduleDir(name: string): string | undefined {
      return modules().find((m) => m.name === name)?.dir;
    },

    find3x(name: string): RubyFunctionFile | undefined {
      const n = name.replace(/^::/, '');
      if (!/^[a-z][a-z0-9_]*$/.test(n)) return undefined;
      for (const m of modules()) {
        const path = `${m.dir}/lib/puppet/parser/functions/${n}.rb`;
        const file = read(path);
        if (file) return { path, source: file.source, version: file.version, api: '3x' };
      }
      return undefined;
    },

    findLib(name: string) {
      const bare = name.replace(/\.rb$/, '');
      const candidates = bare.startsWith('/')
        ? modules().some((m) => bare.startsWith(`${m.dir}/lib/`)) ? [`${bare}.rb`] : []
        : modules().map((m) => `${m.dir}/lib/${bare}.rb`);
      for (const path of candidates) {
        const file = read(path);
        if (file) return { path, source: file.source };
      }
      return undefined;
    },

    findType(name: string) {
      if (!/^[a-z][a-z0-9_]*$/.test(name)) return undefined;
      const mods = modules();
      for (const m of mods) {
        const path = `${m.dir}/lib/puppet/type/${name}.rb`;
        const file = read(path);
        if (!file) continue;
        const hasProviders = mods.some((p) => host.isDirectory?.(`${p.dir}/lib/puppet/provider/${name}`) ?? false);
        return { path, source: file.source, version: file.version, hasProviders };
      }
      return undefined;
    },
  };
}
