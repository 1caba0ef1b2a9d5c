// Turns the type strings of Ruby function signatures ('Optional[String[1]]',
// 'Stdlib::Absolutepath', a local alias) into the compiler's type values, by
// parsing them as Puppet expressions and evaluating them with the evaluator:
// names that are not built-in types go to the caller's resolver (the
// function's local types first, then the environment's aliases).
import { parse } from '../lang/parser.js';
import { Evaluator } from '../lang/evaluator/evaluator.js';
import type { RuntimeOps } from '../lang/evaluator/runtime.js';
import { Scope } from '../lang/evaluator/scope.js';
import { TypeValue } from '../lang/values.js';
import { TypeAliasType } from '../lang/types/types.js';

/** Resolves a capitalized name that is not a built-in type (lower-case name given); undefined when unknown. */
export type TypeResolver = (name: string) => TypeValue | undefined;

export class TypeStringError extends Error {}

/** Parses and evaluates one type expression. Throws TypeStringError when it is not a type. */
export function parseTypeString(text: string, resolve: TypeResolver): TypeValue {
  const { ast, diagnostics } = parse(text, '', { validate: false });
  const error = diagnostics.find((d) => d.severity === 'error');
  if (error || !ast.body) throw new TypeStringError(`Cannot parse the type "${text}": ${error?.message ?? 'empty'}`);
  const evaluator = new Evaluator({ strictVariables: false, functions: new Map() });
  evaluator.ops = typeOnlyOps(resolve);
  let value: unknown;
  try {
    value = evaluator.evaluate(ast.body, new Scope('top', undefined, undefined));
  } catch (e) {
    throw new TypeStringError(`Cannot evaluate the type "${text}": ${(e as Error).message}`);
  }
  if (!(value instanceof TypeValue)) throw new TypeStringError(`The string "${text}" does not denote a type`);
  return value;
}

/**
 * The local type aliases of a function (`local_types { type 'Small = Integer[1,10]' }`),
 * resolved lazily so they may refer to each other; falls back to `outer`.
 */
export function localTypesResolver(assignments: readonly string[], outer: TypeResolver): TypeResolver {
  const aliases = new Map<string, TypeAliasType>();
  const resolver: TypeResolver = (name) => aliases.get(name) ?? outer(name);
  for (const text of assignments) {
    const eq = text.indexOf('=');
    const name = text.slice(0, eq).trim();
    const body = text.slice(eq + 1).trim();
    aliases.set(name.toLowerCase(), new TypeAliasType(name, () => parseTypeString(body, resolver)));
  }
  return resolver;
}

function typeOnlyOps(resolve: TypeResolver): RuntimeOps {
  const refuse = (): never => {
    throw new TypeStringError('Only type expressions are allowed here');
  };
  return {
    resolveTypeReference: (name: string) => resolve(name.toLowerCase()),
    isResourceType: () => false,
    findFunction: () => undefined,
    declareResources: refuse,
    declareDefaults: refuse,
    declareOverride: refuse,
    collect: refuse,
    relate: refuse,
    includeClasses: refuse,
    realize: refuse,
    tag: refuse,
    tagged: refuse,
    defined: refuse,
    log: refuse,
    createResources: refuse,
    moduleDirectory: () => undefined,
    findFile: () => undefined,
    lookupVariable: () => ({ found: false, value: undefined }),
    moduleFile: () => undefined,
    renderEpp: refuse,
    nodeName: '',
    currentSource: () => undefined,
  };
}
