// The contracts between the evaluator, the built-in functions and the
// compiler: callables (lambdas), the context a function is called with, and
// the catalog operations the evaluator delegates to the compiler.
import type {
  CollectExpression, Expression, Parameter, ResourceDefaultsExpression, ResourceExpression,
  ResourceOverrideExpression, RelationshipOperator,
} from '../ast.js';
import type { SourceFile, Span } from '../source.js';
import type { TypeValue, Value } from '../values.js';
import type { Scope } from './scope.js';

/** A lambda or function value that can be called with arguments. */
export interface Callable {
  readonly parameters: readonly Parameter[];
  /** Minimum and maximum number of arguments (max Infinity with a captures-rest parameter). */
  readonly minArgs: number;
  readonly maxArgs: number;
  call(args: readonly Value[]): Value;
}

export type LogLevel = 'debug' | 'info' | 'notice' | 'warning' | 'err' | 'alert' | 'emerg' | 'crit';

/** What a built-in function may use besides its arguments. */
export interface FunctionContext {
  readonly scope: Scope;
  readonly block: Callable | undefined;
  readonly ops: RuntimeOps;
  /** Where the call is in the current source file (for resources a function creates). */
  readonly callSpan: Span;
  /** Calls another function by name (built-in, Puppet-language or an error if unknown). */
  call(name: string, args: readonly Value[], block?: Callable): Value;
}

export type BuiltinFunction = (ctx: FunctionContext, args: Value[]) => Value;

export type IncludeMode = 'include' | 'require' | 'contain';

/** Operations that need the catalog being compiled; implemented by the compiler. */
export interface RuntimeOps {
  declareResources(expr: ResourceExpression, scope: Scope): Value;
  declareDefaults(expr: ResourceDefaultsExpression, scope: Scope): Value;
  declareOverride(expr: ResourceOverrideExpression, scope: Scope): Value;
  collect(expr: CollectExpression, scope: Scope): Value;
  relate(left: Value, right: Value, op: RelationshipOperator, scope: Scope, at: Expression): void;
  /** Resolves a capitalized name that is not a built-in type: a type alias, a class, a defined or resource type. */
  resolveTypeReference(name: string, scope: Scope): TypeValue | undefined;
  /** True for names of resource types: core and module Ruby types, defined types, `node`. */
  isResourceType(name: string): boolean;
  /** A Puppet-language function (module functions/ folder or environment), or undefined. */
  findFunction(name: string): Callable | undefined;
  /** A function implemented outside the language (a module's Ruby function), tried last; undefined when none. */
  findExternalFunction?(name: string): BuiltinFunction | undefined;
  includeClasses(names: readonly Value[], scope: Scope, mode: IncludeMode): void;
  realize(refs: readonly Value[], scope: Scope): void;
  tag(tags: readonly string[], scope: Scope): void;
  tagged(tags: readonly string[], scope: Scope): boolean;
  defined(args: readonly Value[], scope: Scope): boolean;
  log(level: LogLevel, message: string, scope: Scope): void;
  /** create_resources(): declares resources of `type` from a hash of titles to attribute hashes. */
  createResources(type: string, instances: Value, defaults: Value, scope: Scope, at: Span): Value;
  /** The directory of a module, or undefined. */
  moduleDirectory(name: string): string | undefined;
  /** The absolute path of a module file `mod/path` under files/, or undefined. */
  findFile(spec: string): string | undefined;
  /** Looks up `$name` (possibly qualified) as the evaluator would, without warnings. */
  lookupVariable(name: string, scope: Scope): { found: boolean; value: Value };
  /** Reads a file relative to a module (`mod/path`) for file()/epp(); undefined when missing. */
  moduleFile(spec: string, folder: 'files' | 'templates'): { path: string; text: string } | undefined;
  /** Evaluates EPP source with the given parameters; `path` is undefined for inline_epp. */
  renderEpp(text: string, path: string | undefined, params: Value, scope: Scope): string;
  /** The node name, for messages. */
  readonly nodeName: string;
  readonly currentSource: () => SourceFile | undefined;
}
