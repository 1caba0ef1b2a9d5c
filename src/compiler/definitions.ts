// The definitions known to one compile: classes, defined types, functions,
// type aliases and nodes, registered from the main manifests and autoloaded
// from modules on first use (foo::bar::baz -> foo/manifests/bar/baz.pp).
import type * as A from '../lang/ast.js';
import type { CompilerHost } from './host.js';
import type { Environment } from './environment.js';
import { CompileError } from './errors.js';

function nodeKey(d: A.NodeDefinition): string {
  return d.hostMatches.map((m) => (m.kind === 'LiteralString' ? m.value : m.kind === 'LiteralDefault' ? 'default' : m.kind === 'LiteralRegularExpression' ? `/${m.pattern}/` : '')).join(',');
}

function redefined(what: string, old: A.Definition, d: A.Definition): CompileError {
  const at = (x: A.Definition) => `(file: ${x.source.path}, line: ${x.source.lineOf(x.span.start)})`;
  return new CompileError(`${what} is already defined ${at(old)}; cannot redefine ${at(d)}`);
}

export class Definitions {
  readonly classes = new Map<string, A.HostClassDefinition>();
  readonly defines = new Map<string, A.ResourceTypeDefinition>();
  readonly functions = new Map<string, A.FunctionDefinition>();
  readonly aliases = new Map<string, A.TypeAlias>();
  readonly nodes: A.NodeDefinition[] = [];
  /** Every file read by this compile (for catalog caching). */
  readonly filesRead = new Set<string>();
  private readonly attempted = new Set<string>();

  constructor(private readonly env: Environment, private readonly host: CompilerHost) {}

  /** Parses a file (through the environment's cache) and registers its definitions; returns the program. */
  loadFile(path: string, includeNodes: boolean): A.Program | undefined {
    this.filesRead.add(path);
    const program = this.env.parseFile(this.host, path);
    if (!program) return undefined;
    this.register(program, includeNodes);
    return program;
  }

  register(program: A.Program, includeNodes: boolean): void {
    for (const d of program.definitions) {
      switch (d.kind) {
        case 'HostClassDefinition': {
          const old = this.classes.get(d.name.toLowerCase());
          if (old && old !== d) throw redefined(`Class '${d.name.toLowerCase()}'`, old, d);
          this.classes.set(d.name.toLowerCase(), d);
          break;
        }
        case 'ResourceTypeDefinition': if (!this.defines.has(d.name.toLowerCase())) this.defines.set(d.name.toLowerCase(), d); break;
        case 'FunctionDefinition': if (!this.functions.has(d.name.toLowerCase())) this.functions.set(d.name.toLowerCase(), d); break;
        case 'TypeAlias': if (!this.aliases.has(d.name.toLowerCase())) this.aliases.set(d.name.toLowerCase(), d); break;
        case 'NodeDefinition': {
          if (!includeNodes) break;
          const key = nodeKey(d);
          const old = this.nodes.find((n) => nodeKey(n) === key);
          if (old && old !== d) throw redefined(`Node '${key}'`, old, d);
          this.nodes.push(d);
          break;
        }
      }
    }
  }

  private autoload(name: string, folder: 'manifests' | 'functions' | 'types'): void {
    const key = `${folder}:${name}`;
    if (this.attempted.has(key)) return;
    this.attempted.add(key);
    for (const file of this.env.autoloadCandidates(this.host, name, folder)) {
      this.filesRead.add(file);
      if (!this.host.isFile(file)) continue;
      const program = this.env.parseFile(this.host, file, folder === 'manifests');
      if (!program) continue;
      this.checkLocation(program, file, folder);
      this.register(program, false);
    }
  }

  /** Puppet refuses definitions whose names do not belong in the autoloaded file ("Unacceptable location"). */
  private checkLocation(program: A.Program, file: string, folder: 'manifests' | 'functions' | 'types'): void {
    const mod = this.moduleOf(file);
    if (mod === undefined) return;
    const root = this.env.modulepath.find((r) => file.startsWith(`${r}/${mod}/`));
    if (!root) return;
    const rel = file.slice(`${root}/${mod}/${folder}/`.length).replace(/\.pp$/, '').split('/');
    const expected = rel.length === 1 && rel[0] === 'init' ? mod : [mod, ...rel].join('::');
    for (const d of program.definitions) {
      if (d.kind === 'NodeDefinition' || d.kind === 'TypeMapping') continue;
      const n = d.name.toLowerCase();
      if (n === expected || n.startsWith(`${expected}::`)) continue;
      const loc = { file, line: d.source.lineOf(d.span.start), column: d.source.columnOf(d.span.start) };
      throw new CompileError(`Unacceptable location. The name '${n}' is unacceptable in file '${file}'`, loc);
    }
  }

  findClass(name: string): A.HostClassDefinition | undefined {
    const n = name.toLowerCase().replace(/^::/, '');
    if (!this.classes.has(n)) this.autoload(n, 'manifests');
    return this.classes.get(n);
  }

  findDefine(name: string): A.ResourceTypeDefinition | undefined {
    const n = name.toLowerCase().replace(/^::/, '');
    if (!this.defines.has(n)) this.autoload(n, 'manifests');
    return this.defines.get(n);
  }

  findFunction(name: string): A.FunctionDefinition | undefined {
    const n = name.toLowerCase().replace(/^::/, '');
    if (!this.functions.has(n)) this.autoload(n.includes('::') ? n : `environment::${n}`, 'functions');
    return this.functions.get(n);
  }

  findAlias(name: string): A.TypeAlias | undefined {
    const n = name.toLowerCase().replace(/^::/, '');
    if (!this.aliases.has(n) && n.includes('::')) this.autoload(n, 'types');
    return this.aliases.get(n);
  }

  /** The module a file belongs to (its directory under a modulepath root), or undefined. */
  moduleOf(path: string): string | undefined {
    for (const root of this.env.modulepath) if (path.startsWith(`${root}/`)) return path.slice(root.length + 1).split('/')[0];
    return undefined;
  }

  /** True when a module ships a Ruby type `lib/puppet/type/<name>.rb` (we cannot run it, but we accept it). */
  hasRubyType(name: string): boolean {
    const known = this.rubyTypes.get(name);
    if (known !== undefined) return known;
    const found = this.findRubyType(name);
    this.rubyTypes.set(name, found);
    return found;
  }

  private readonly rubyTypes = new Map<string, boolean>();

  private findRubyType(name: string): boolean {
    for (const root of this.env.modulepath) {
      for (const mod of this.host.readDir(root) ?? []) {
        const file = `${root}/${mod}/lib/puppet/type/${name}.rb`;
        if (this.host.isFile(file)) {
          this.filesRead.add(file);
          return true;
        }
      }
    }
    return false;
  }
}
