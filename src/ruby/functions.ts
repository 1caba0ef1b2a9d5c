// Ruby functions from modules, run in the embedded Ruby as Puppet runs them:
// 4.x functions (lib/puppet/functions, Puppet::Functions.create_function) with
// their dispatches checked here by the compiler's type system, and 3.x
// functions (lib/puppet/parser/functions, newfunction) with Puppet 3's argument
// conventions. The caller finds the files (see FunctionFiles); this module
// loads each into the VM once (per VM and file version), picks the dispatch,
// converts values both ways, answers Ruby's calls back into the compiler, and
// turns Ruby exceptions into Puppet's error texts.
import { PHash, PTimespan, PTimestamp, TypeValue, type Value } from '../lang/values.js';
import { inferType, isAssignable, isInstance } from '../lang/types/instance.js';
import { describeMismatch } from '../lang/types/mismatch.js';
import { RubyRuntime, RubyRuntimeError } from './runtime.js';
import { fromRubyJson, rubyString, toRubyLiteral, type RubyValue } from './values.js';
import { FUNCTION_SHIM } from './function-shim.js';
import { HandleTable, fromRuby, toRuby, toRuby3x } from './convert.js';
import { resolveSignature, selectDispatch, type BlockArity, type DispatchDecl, type Signature } from './dispatch.js';
import { localTypesResolver, parseTypeString, type TypeResolver } from './type-parser.js';

/** A Ruby file defining a function. */
export interface RubyFunctionFile {
  readonly path: string;
  readonly source: string;
  readonly api: '4x' | '3x';
  /** Changes when the file changes (e.g. mtime and size); default: derived from the source. */
  readonly version?: string;
}

/** Where the functions' files come from (the lookup rules are the caller's; see src/compiler/ruby-bridge.ts). */
export interface FunctionFiles {
  /** The file defining function `name` (`mod::fname` or a global `fname`), or undefined. */
  find(name: string): RubyFunctionFile | undefined;
  /**
   * The 3.x function `name` (lib/puppet/parser/functions), for 3.x code calling
   * `function_<name>([...])`, which reaches only 3.x functions. Default: find(name) when it is 3.x.
   */
  find3x?(name: string): RubyFunctionFile | undefined;
  /** The directory of module `name` (Puppet::Module.find), or undefined. */
  moduleDir?(name: string): string | undefined;
  /**
   * The server's file system, read-only, for Ruby's File.exist?, File.read,
   * YAML.load_file (loadyaml, loadjson): 'file', 'directory' or undefined;
   * and a file's text. Without them functions see no files.
   */
  fileKind?(path: string): 'file' | 'directory' | undefined;
  readAnyFile?(path: string): string | undefined;
  /**
   * A Ruby library file a function requires (`require 'puppet_x/mod/util'`,
   * `require_relative`, or an absolute path), from a module's lib directory.
   */
  findLib?(name: string): { readonly path: string; readonly source: string } | undefined;
}

/** A lambda given to a call. */
export interface RubyBlock {
  readonly minArgs: number;
  readonly maxArgs: number;
  /** The block's parameters, when it is a Ruby block handed to a function (`call_function('each', x) { |k, v| }`). */
  readonly parameterNames?: readonly { readonly name: string; readonly capturesRest: boolean }[];
  call(args: readonly Value[]): Value;
}

/** What a call may use of the compiler. Every member is synchronous. */
export interface RubyCallContext {
  /** Calls any function by name (built-in, Puppet language, Ruby); throws to fail. */
  callFunction(name: string, args: readonly Value[], block?: RubyBlock): Value;
  /** A variable by name as seen from the calling scope (`x`, `::x`, `mod::x`); undefined when unknown. */
  lookupVariable(name: string): Value;
  /** The lambda given to the call, if any. */
  readonly block?: RubyBlock;
  /** Resolves a type name that is not built in (type aliases such as `Stdlib::Port`; lower-case name given). */
  resolveType?(name: string): TypeValue | undefined;
  /** Puppet.warning, Puppet.notice, ... from Ruby. */
  log?(level: string, message: string): void;
  /** All variables visible from the calling scope (scope.to_hash); default: none. */
  variables?(): ReadonlyMap<string, Value>;
  /** scope.findresource: a resource of the catalog by type ('Package', 'Apache::Vhost') and title; undefined when absent. */
  findResource?(type: string, title: string): CatalogResourceView | undefined;
  /** scope.catalog.resources: every resource of the catalog so far. */
  catalogResources?(): readonly CatalogResourceView[];
  /** scope.resource: the class or defined resource whose body makes the call. */
  currentResource?(): CatalogResourceView | undefined;
  /** The environment's name (scope.environment, compiler.environment); default 'production'. */
  environmentName?(): string;
  /** Runtime3ResourceSupport.find_resource_type_or_class: the type's capitalized name, undefined when unknown. Default: the name capitalized. */
  resourceTypeName?(name: string): string | undefined;
}

/** A catalog resource as Ruby functions read it. */
export interface CatalogResourceView {
  /** Capitalized per segment: 'Package', 'Apache::Vhost', 'Class'. */
  readonly type: string;
  readonly title: string;
  readonly parameters: ReadonlyMap<string, Value>;
}

export interface RubyFunctions {
  /** Whether a Ruby function of this name exists (its file is found; it is not loaded). */
  has(name: string): boolean;
  /** Calls the function; throws RubyFunctionError with Puppet's message when it fails. */
  call(name: string, args: readonly Value[], ctx: RubyCallContext): Value;
}

/** A Ruby function failed; the message is Puppet's text for it (without the location). */
export class RubyFunctionError extends Error {
  constructor(message: string, readonly rubyClass?: string, readonly backtrace: readonly string[] = []) {
    super(message);
  }
}

/** Names of Puppet 7's own 3.x functions, which 3.x code may call as `function_<name>([...])`. */
const PUPPET_3X_FUNCTIONS = new Set(
  ('assert_type binary_file break contain create_resources defined dig digest each epp fail file filter find_file fqdn_rand ' +
    'generate hiera hiera_array hiera_hash hiera_include include inline_epp inline_template lest lookup map match md5 new next ' +
    'realize reduce regsubst require return reverse_each scanf sha1 sha256 shellquote slice split sprintf step strftime tag ' +
    'tagged template then type versioncmp with alert crit debug emerg err info notice warning').split(' '),
);

interface Described4x {
  readonly api: '4x';
  readonly name: string;
  readonly dispatches: readonly DispatchDecl[];
  readonly localTypes: readonly string[];
  /** The function overrides call(scope, *args) and dispatches itself through its dispatcher. */
  readonly customCall: boolean;
}
interface Described3x {
  readonly api: '3x';
  readonly name: string;
  readonly arity: number;
  readonly type: 'rvalue' | 'statement';
}
type Described = Described4x | Described3x;

interface Failure {
  readonly class: string;
  readonly message: string;
  readonly missing: string | null;
  readonly backtrace?: readonly string[];
  readonly function?: string | null;
}

export function createRubyFunctions(runtime: () => RubyRuntime, files: FunctionFiles): RubyFunctions {
  let generation = -1;
  let shimLoaded = false;
  const described = new Map<string, Described>();
  let handleIds = 0;
  const find3x = (name: string): RubyFunctionFile | undefined => {
    const file = files.find3x ? files.find3x(name) : files.find(name);
    return file?.api === '3x' ? file : undefined;
  };
  const nextHandle = () => ++handleIds;

  /** The VM, with the shim loaded and caches reset when the VM was replaced. */
  function vm(): RubyRuntime {
    const rt = runtime();
    if (rt.generation !== generation || !shimLoaded) {
      if (rt.generation !== generation) described.clear();
      loadShim(rt);
      generation = rt.generation;
      shimLoaded = true;
    }
    return rt;
  }

  function evalRuby(rt: RubyRuntime, code: string, ctx: RubyCallContext | undefined, handles: HandleTable, what: string): string {
    try {
      return rt.evalSync(code, (op, args) => answer(op, args, ctx, handles));
    } catch (e) {
      if (e instanceof RubyRuntimeError) throw new RubyFunctionError(`Cannot run ${what} in the embedded Ruby: ${e.message}`);
      throw e;
    }
  }

  function describe(file: RubyFunctionFile, name: string, ctx: RubyCallContext | undefined): Described {
    const rt = vm();
    const version = file.version ?? sourceVersion(file.source);
    const key = `${file.path}\u0000${version}`;
    const known = described.get(key);
    if (known) return known;
    const handles = new HandleTable(nextHandle);
    const code = `Bunraku::Fn.load(${rubyString(file.path)}, ${rubyString(version)}, ${rubyString(file.source)}, ${rubyString(name)}, ${rubyString(file.api)})`;
    const out = evalRuby(rt, code, ctx, handles, `function '${name}'`);
    if (out.startsWith('E')) {
      const f = JSON.parse(out.slice(1)) as Failure;
      throw new RubyFunctionError(loadFailureText(name, file.path, f), f.class, f.backtrace);
    }
    const d = JSON.parse(out.slice(1)) as Described;
    for (const old of described.keys()) if (old.startsWith(`${file.path}\u0000`)) described.delete(old);
    described.set(key, d);
    return d;
  }

  // Callbacks from Ruby while a function runs (see function-shim.ts and prelude.ts).
  function answer(op: string, argsJson: string, ctx: RubyCallContext | undefined, handles: HandleTable): string {
    const raw = fromRubyJson(argsJson) as readonly RubyValue[];
    const arg = (i: number): Value => fromRuby(raw[i], handles);
    const value = (v: Value): string => `V${toRubyLiteral(toRuby(v, handles))}`;
    switch (op) {
      case 'log':
        ctx?.log?.(raw[0] as string, raw[1] as string);
        return 'Vnil';
      case 'has_3x': {
        const name = raw[0] as string;
        const file = find3x(name);
        if (!file) return 'Vfalse';
        describe(file, name, ctx);
        return 'Vtrue';
      }
      case 'require': {
        const lib = files.findLib?.(raw[0] as string);
        return lib ? `V[${rubyString(lib.path)}, ${rubyString(lib.source)}]` : 'Vnil';
      }
      case 'fs': {
        const [fop, path] = raw as [string, string];
        if (fop === 'kind') {
          const kind = files.fileKind?.(path);
          return kind === undefined ? 'Vnil' : `V${rubyString(kind)}`;
        }
        const text = files.readAnyFile?.(path);
        return text === undefined ? 'Vnil' : `V${rubyString(text)}`;
      }
      case 'module_dir': {
        const dir = files.moduleDir?.(raw[0] as string);
        return dir === undefined ? 'Vnil' : `V${rubyString(dir)}`;
      }
      case 'environment':
        return `V${rubyString(ctx?.environmentName?.() ?? 'production')}`;
      case 'fact': {
        const facts = ctx?.lookupVariable('facts');
        return value(facts instanceof PHash ? facts.get(raw[0] as string) : undefined);
      }
      case 'parse_type':
        return value(parseType(raw[0] as string, ctx?.resolveType ?? noTypes));
      case 'infer':
        return value(inferType(arg(0)));
      case 'assignable': {
        const [a, b] = [arg(0), arg(1)];
        return value(a instanceof TypeValue && b instanceof TypeValue ? isAssignable(a, b) : false);
      }
      case 'time_value': {
        const v = arg(0);
        if (v instanceof PTimespan) return `V${floatLiteral(v.seconds)}`;
        if (v instanceof PTimestamp) return `V${floatLiteral(v.epochMs / 1000 + v.nanos / 1e9)}`;
        return 'Vnil';
      }
      case 'instance': {
        const t = arg(0);
        return value(t instanceof TypeValue ? isInstance(t, arg(1)) : false);
      }
      case 'mismatch': {
        const t = arg(0);
        if (!(t instanceof TypeValue)) return 'Vnil';
        const text = describeMismatch('', t, arg(1));
        return text === undefined ? 'Vnil' : `V${rubyString(`${raw[2] as string} has wrong type, ${text}`)}`;
      }
    }
    if (!ctx) return `EThe Ruby function loader cannot answer "${op}"`;
    switch (op) {
      case 'dispatch': {
        // A function dispatching itself (see Bunraku::Dispatcher): choose as for a call.
        const [name, fargs, hasBlock] = raw as [string, readonly RubyValue[], boolean];
        const file = files.find(name);
        if (!file) return `EUnknown function: '${name}'`;
        const d = describe(file, name, ctx);
        if (d.api !== '4x') return `EThe function '${name}' has no dispatcher`;
        const args = fargs.map((a) => fromRuby(a, handles));
        const chosen = selectDispatch(d.name, signatures(d, ctx), args, hasBlock ? ctx.block : undefined);
        if (!chosen.ok) return `E${chosen.message}`;
        const decl = chosen.signature.decl;
        return `V[${rubyString(decl.method)}, ${toRubyLiteral(decl.scopeAt as number[])}, ${decl.mismatch}]`;
      }
      case 'lookup':
        return value(ctx.lookupVariable(raw[0] as string));
      case 'findresource': {
        if (!ctx.findResource) return missing('Puppet::Parser::Scope#findresource');
        return resourceAnswer(ctx.findResource(raw[0] as string, raw[1] as string), handles);
      }
      case 'current_resource':
        if (!ctx.currentResource) return missing('Puppet::Parser::Scope#resource');
        return resourceAnswer(ctx.currentResource(), handles);
      case 'catalog_resources': {
        if (!ctx.catalogResources) return missing('Puppet::Parser::Scope#catalog');
        return `V[${ctx.catalogResources().map((r) => resourceAnswer(r, handles).slice(1)).join(', ')}]`;
      }
      case 'resource_type': {
        const name = raw[0] as string;
        const found = ctx.resourceTypeName ? ctx.resourceTypeName(name) : name.split('::').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('::');
        return found === undefined ? 'Vnil' : `V${rubyString(found)}`;
      }
      case 'exist':
        return value(ctx.lookupVariable(raw[0] as string) !== undefined);
      case 'to_hash':
        return value(PHash.from(ctx.variables ? ctx.variables() : []));
      case 'yield': {
        if (!ctx.block) return 'ENo block was given to this function';
        const args = (raw[0] as readonly RubyValue[]).map((a) => fromRuby(a, handles));
        return value(ctx.block.call(args));
      }
      case 'call': {
        const [name, fargs, api, caller] = raw as [string, readonly RubyValue[], '3x' | '4x', string | undefined];
        const args = fargs.map((a) => fromRuby(a, handles));
        if (api === '3x') {
          if (find3x(name)) return value(call3x(name, args, ctx));
          if (!PUPPET_3X_FUNCTIONS.has(name)) {
            const where = ctx.currentResource?.();
            return `Nundefined method \`function_${name}' for Scope(${where ? `${where.type}[${where.title}]` : ''}):Puppet::Parser::Scope`;
          }
        }
        try {
          return value(ctx.callFunction(name, args));
        } catch (e) {
          // Puppet's words for call_function of a function that does not exist.
          const text = (e as { puppetMessage?: string }).puppetMessage ?? (e as Error).message;
          if (api === '4x' && caller && /^Unknown function: '([^']+)'/.exec(text)?.[1] === name) {
            return `EFunction ${caller}(): Unknown function: '${name}'`;
          }
          throw e;
        }
      }
      case 'call_with_block': {
        const [name, fargs, , id, min, max, names] = raw as [string, readonly RubyValue[], string, string, number, number, [string, boolean][]];
        const args = fargs.map((a) => fromRuby(a, handles));
        const rt = runtime();
        const block: RubyBlock = {
          minArgs: min,
          maxArgs: max < 0 ? Infinity : max,
          parameterNames: names.map(([n, rest]) => ({ name: n, capturesRest: rest })),
          call: (bargs) => {
            const code = `Bunraku::Fn.call_block(${rubyString(id)}, ${toRubyLiteral(bargs.map((b) => toRuby(b, handles)))})`;
            const out = evalRuby(rt, code, ctx, handles, `a Ruby block given to '${name}'`);
            return resultOf(out, name, handles);
          },
        };
        return value(ctx.callFunction(name, args, block));
      }
      default:
        return `EUnknown callback "${op}" from a Ruby function`;
    }
  }

  /** A resource for Ruby: [type, title, parameters] or nil. */
  function resourceAnswer(r: CatalogResourceView | undefined, handles: HandleTable): string {
    if (!r) return 'Vnil';
    const params = toRubyLiteral(new Map([...r.parameters].map(([k, v]) => [k, toRuby(v, handles)])));
    return `V[${rubyString(r.type)}, ${rubyString(r.title)}, ${params}]`;
  }

  function parseType(text: string, resolve: TypeResolver): TypeValue {
    return parseTypeString(text, resolve);
  }

  // Signatures made only of built-in types are kept with the file's
  // description; ones naming the environment's aliases are resolved per call.
  const signatureCache = new WeakMap<Described4x, Signature[]>();

  function signatures(d: Described4x, ctx: RubyCallContext): Signature[] {
    const known = signatureCache.get(d);
    if (known) return known;
    let usedEnvironment = false;
    const outer: TypeResolver = (name) => {
      usedEnvironment = true;
      return (ctx.resolveType ?? noTypes)(name);
    };
    const resolve = d.localTypes.length ? localTypesResolver(d.localTypes, outer) : outer;
    const sigs = d.dispatches.map((decl) => resolveSignature(decl, (text) => parseType(text, resolve)));
    if (!usedEnvironment && d.localTypes.length === 0) signatureCache.set(d, sigs);
    return sigs;
  }

  function call3x(name: string, args: readonly Value[], ctx: RubyCallContext): Value {
    return call(name, args, ctx, find3x(name));
  }

  function call(name: string, args: readonly Value[], ctx: RubyCallContext, given?: RubyFunctionFile): Value {
    const file = given ?? files.find(name);
    if (!file) throw new RubyFunctionError(`Unknown function: '${name}'`);
    const d = describe(file, name, ctx);
    const handles = new HandleTable(nextHandle);
    const rt = vm();
    const errors: Error[] = [];
    const guarded: RubyCallContext = guardContext(ctx, errors);
    let code: string;
    let returnCheck: { type: TypeValue; method: string } | undefined;
    if (d.api === '3x') {
      code = `Bunraku::Fn.invoke_3x(${rubyString(file.path)}, ${rubyString(name)}, ${toRubyLiteral(toRuby3x(args, handles))})`;
    } else if (d.customCall) {
      const blockArg = ctx.block ? `[${ctx.block.minArgs}, ${Number.isFinite(ctx.block.maxArgs) ? ctx.block.maxArgs : -1}]` : 'nil';
      code = `Bunraku::Fn.invoke_call(${rubyString(file.path)}, ${toRubyLiteral(args.map((a) => toRuby(a, handles)))}, ${blockArg})`;
    } else {
      const block: BlockArity | undefined = ctx.block;
      const chosen = selectDispatch(d.name, signatures(d, ctx), args, block);
      if (!chosen.ok) throw new RubyFunctionError(chosen.message);
      const sig = chosen.signature;
      const rubyArgs = toRubyLiteral(args.map((a) => toRuby(a, handles)));
      const blockArg = sig.block && block ? `[${block.minArgs}, ${Number.isFinite(block.maxArgs) ? block.maxArgs : -1}]` : 'nil';
      code = `Bunraku::Fn.invoke_4x(${rubyString(file.path)}, ${rubyString(sig.decl.method)}, ${rubyArgs}, ${toRubyLiteral(sig.decl.scopeAt as number[])}, ${blockArg})`;
      if (sig.decl.mismatch) {
        const out = evalRuby(rt, code, guarded, handles, `function '${name}'`);
        const msg = resultOf(out, name, handles, errors);
        throw new RubyFunctionError(`'${d.name}' ${typeof msg === 'string' ? msg : String(msg)}`);
      }
      if (sig.returnType) returnCheck = { type: sig.returnType, method: sig.decl.method };
    }
    // Frozen literals: Puppet's strings are frozen when functions get them.
    let out = evalRuby(rt, `# frozen_string_literal: true\n${code}`, guarded, handles, `function '${name}'`);
    if (out === 'N') {
      // The VM lost the file (replaced meanwhile): load it again once.
      described.clear();
      describe(file, name, ctx);
      out = evalRuby(rt, `# frozen_string_literal: true\n${code}`, guarded, handles, `function '${name}'`);
    }
    const result = resultOf(out, name, handles, errors);
    if (returnCheck && !isInstance(returnCheck.type, result)) {
      const text = describeMismatch('', returnCheck.type, result) ?? `expects ${returnCheck.type.toString()}`;
      throw new RubyFunctionError(`value returned from function '${returnCheck.method}' has wrong type, ${text}`);
    }
    return result;
  }

  return {
    has: (name) => files.find(name) !== undefined,
    call: (name, args, ctx) => call(name, args, ctx),
  };
}

/** Ruby's answer to an invoke: the value, or the error Puppet would raise. */
function resultOf(out: string, name: string, handles: HandleTable, errors: readonly Error[] = []): Value {
  if (out.startsWith('V')) return fromRuby(fromRubyJson(out.slice(1)), handles);
  const f = JSON.parse(out.slice(1)) as Failure;
  // An error from the compiler that crossed Ruby unrescued is rethrown as it was.
  const original = errors.find((e) => e.message === f.message);
  if (original) throw original;
  throw new RubyFunctionError(failureText(f.function ?? name, f), f.class, f.backtrace);
}

function failureText(name: string, f: Failure): string {
  if (f.missing) return `Ruby function '${name}' needs ${f.missing}, which Bunraku's Ruby shim does not provide`;
  return f.message;
}

function loadFailureText(name: string, path: string, f: Failure): string {
  if (f.missing) return failureText(name, f);
  if (f.class === 'SyntaxError') return `Cannot load Ruby function '${name}' from ${path}: ${f.message.split('\n')[0]}`;
  return f.message;
}

/** Remembers errors the compiler throws during callbacks, so they can be rethrown unchanged. */
function guardContext(ctx: RubyCallContext, errors: Error[]): RubyCallContext {
  const guard = <A extends unknown[], R>(fn: (...a: A) => R) => (...a: A): R => {
    try {
      return fn(...a);
    } catch (e) {
      if (e instanceof Error) errors.push(e);
      throw e;
    }
  };
  const block = ctx.block;
  return {
    ...ctx,
    callFunction: guard((n: string, a: readonly Value[], b?: RubyBlock) => ctx.callFunction(n, a, b)),
    lookupVariable: guard((n: string) => ctx.lookupVariable(n)),
    block: block && { minArgs: block.minArgs, maxArgs: block.maxArgs, call: guard((a: readonly Value[]) => block.call(a)) },
  };
}

const noTypes: TypeResolver = () => undefined;

/** A Float literal for Ruby. */
function floatLiteral(n: number): string {
  return toRubyLiteral({ type: 'float', value: n });
}

/** An answer that makes Ruby raise the shim's "needs X" error. */
function missing(part: string): string {
  return `Vraise(Bunraku::MissingPart.new(${rubyString(part)}))`;
}

function loadShim(rt: RubyRuntime): void {
  const out = rt.evalSync(`defined?(Bunraku::Fn) ? 'loaded' : (eval(${rubyString(FUNCTION_SHIM)}, TOPLEVEL_BINDING, '(bunraku function shim)', 1); 'ok')`);
  if (out !== 'loaded' && out !== 'ok') throw new RubyFunctionError(`Cannot load the Ruby function shim: ${out}`);
}

/** A cheap content hash (FNV-1a) standing for the file's version when the caller gives none. */
function sourceVersion(source: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < source.length; i++) {
    h ^= source.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${source.length}:${(h >>> 0).toString(16)}`;
}
