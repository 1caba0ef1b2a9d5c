// The functions that need more than the language: lookup() and the hiera()
// family over the environment's Hiera, template() and inline_template() in
// the embedded Ruby, and automatic class parameter lookup. Created per compile
// over that compile's Hiera, Ruby and scopes.
import { randomUUID } from 'node:crypto';
import type { Hiera, HieraLookupOptions, HieraScope } from '../hiera/index.js';
import { HieraError, notFoundMessage, parseLookupArgs } from '../hiera/index.js';
import type { BuiltinFunction, FunctionContext } from '../lang/evaluator/runtime.js';
import type { Scope } from '../lang/evaluator/scope.js';
import { UserError } from '../lang/evaluator/errors.js';
import { describeMismatch } from '../lang/types/mismatch.js';
import { isInstance } from '../lang/types/instance.js';
import { isArray, toPuppetString, type TypeValue, type Value } from '../lang/values.js';
import { ErbError, inlineErb, renderErb, type ErbScope } from '../ruby/erb.js';
import type { RubyRuntime } from '../ruby/runtime.js';
import type { RubyValue } from '../ruby/values.js';
import { CompileError } from './errors.js';
import { fromRubyValue, toRubyValue } from './ruby-values.js';

/** What the data functions need from the compile they belong to. */
export interface DataServices {
  /** The environment's Hiera; undefined when the compile was given none. */
  readonly hiera: Hiera | undefined;
  /** The embedded Ruby, started on first call; undefined when the compile was given none. */
  readonly ruby: (() => RubyRuntime) | undefined;
  /** A variable by plain or qualified name, as seen from `scope`. */
  lookupVariable(name: string, scope: Scope): { found: boolean; value: Value };
  /** A template by the name template() was given: `mod/file.erb` or an absolute path. */
  readTemplate(spec: string): { path: string; text: string } | undefined;
  /** The catalog's classes and tags so far (a template's `classes` and `all_tags`). */
  classes(): readonly string[];
  tags(): readonly string[];
  warnOnce(key: string, message: string, scope: Scope): void;
}

/**
 * Hiera reads variables (`%{x}`, `%{facts.a}`) from the scope of the lookup in
 * progress; one scope object per compile keeps Hiera's per-compile caches
 * (lookup_options) together, and points at the calling scope while a lookup runs.
 */
class LookupScope implements HieraScope {
  current: Scope | undefined;
  constructor(private readonly svc: DataServices) {}

  variable(name: string): Value {
    const scope = this.current;
    if (!scope) return undefined;
    return this.svc.lookupVariable(name.replace(/^::/, ''), scope).value;
  }

  run<T>(scope: Scope, fn: () => T): T {
    const saved = this.current;
    this.current = scope;
    try {
      return fn();
    } finally {
      this.current = saved;
    }
  }
}

/** Puppet's lookup errors are shown without the evaluator's "Error while evaluating" framing. */
function lookupFailure(e: unknown): unknown {
  if (!(e instanceof HieraError)) return e;
  // type assertions (of arguments, of a hiera.yaml) are evaluation errors in Puppet
  if (e.issueCode === 'TYPE_MISMATCH' || /^The Lookup Configuration at .* has wrong type, /.test(e.message)) return new UserError(e.message);
  return new CompileError(e.message);
}

function assertType(subject: string, type: TypeValue | undefined, value: Value): Value {
  if (!type || isInstance(type, value)) return value;
  const detail = describeMismatch(subject, type, value) ?? `${subject} has wrong type`;
  throw new UserError(detail.replace(`${subject} expects`, `${subject} has wrong type, expects`));
}

export interface DataFunctions {
  readonly functions: Readonly<Record<string, BuiltinFunction>>;
  /**
   * Automatic parameter lookup of `cls::param` for a class parameter that was
   * not given: `found: false` when Hiera has no value for it.
   */
  lookupParameter(qualifiedName: string, scope: Scope): { found: boolean; value: Value };
}

export function createDataFunctions(svc: DataServices): DataFunctions {
  const lookupScope = new LookupScope(svc);

  const hiera = (fname: string): Hiera => {
    if (!svc.hiera) throw new UserError(`${fname}() needs Hiera, which this compile was not given`);
    return svc.hiera;
  };

  const search = (scope: Scope, names: readonly string[], opts: Omit<HieraLookupOptions, 'scope'>, fname: string) => {
    const h = hiera(fname);
    try {
      return lookupScope.run(scope, () => h.lookup(names, { ...opts, scope: lookupScope }));
    } catch (e) {
      throw lookupFailure(e);
    }
  };

  const lookup: BuiltinFunction = (ctx, args) => {
    let call;
    try {
      call = parseLookupArgs(args);
    } catch (e) {
      throw e instanceof HieraError ? new UserError(e.message) : e;
    }
    const r = search(ctx.scope, call.names, { merge: call.merge, override: call.override, defaultValuesHash: call.defaultValuesHash }, 'lookup');
    if (r.found) return assertType('Found value', call.valueType, r.value);
    if (ctx.block) {
      const name = call.names.length === 1 && typeof args[0] === 'string' ? call.names[0] : [...call.names];
      return assertType('Value returned from default block', call.valueType, ctx.block.call([name]));
    }
    if (call.hasDefault) return assertType('Default value', call.valueType, call.defaultValue);
    throw new CompileError(notFoundMessage(call.names));
  };

  // hiera(key [, default [, override]]) and its block forms, with a merge strategy
  const hieraFunction = (fname: string, merge: string, post?: (ctx: FunctionContext, key: string, v: Value) => Value): BuiltinFunction => (ctx, args) => {
    const flat = args.length === 1 && isArray(args[0]) ? [...args[0]] : args;
    if (flat.length < 1 || flat.length > 3 || typeof flat[0] !== 'string') {
      throw new UserError(`'${fname}' expects between 1 and 3 arguments, got ${flat.length}`);
    }
    svc.warnOnce(fname, `The function '${fname}' is deprecated in favor of using 'lookup'. See https://puppet.com/docs/puppet/7/deprecated_language.html`, ctx.scope);
    const key = flat[0];
    const hasDefault = flat.length >= 2 && !ctx.block;
    const r = search(ctx.scope, [key], { merge, hieraCall: true }, fname);
    let value: Value;
    if (r.found) value = r.value;
    else if (ctx.block) value = ctx.block.call([key]);
    else if (hasDefault) value = flat[1];
    else throw new CompileError(notFoundMessage([key]));
    return post ? post(ctx, key, value) : value;
  };

  const ruby = (fname: string): RubyRuntime => {
    if (!svc.ruby) throw new UserError(`${fname}() needs the embedded Ruby, which this compile was not given`);
    return svc.ruby();
  };

  const scopeIds = new WeakMap<Scope, string>();
  let scopeCount = 0;
  const compileToken = randomUUID();
  const erbScope = (ctx: FunctionContext): ErbScope => {
    const scope = ctx.scope;
    let id = scopeIds.get(scope);
    if (id === undefined) scopeIds.set(scope, (id = `${compileToken}:${++scopeCount}`));
    // `scope['::x']` is the top scope's x; `scope['x']` the one visible from here
    const find = (name: string) => svc.lookupVariable(name, scope);
    return {
      // Puppet's scope.to_hash, each value converted for Ruby when the template names it
      variables: () => new ConvertedOnRead(scope.toHash()),
      lookup: (name) => toRubyValue(find(name).value),
      exists: (name) => find(name).found,
      callFunction: (name: string, args: readonly RubyValue[]) => toRubyValue(ctx.call(name, args.map(fromRubyValue))),
      classes: () => svc.classes(),
      tags: () => svc.tags(),
      id,
    };
  };

  const template: BuiltinFunction = (ctx, args) => {
    const names = (args.flat(Infinity as 1) as Value[]).map((a) => toPuppetString(a));
    return names.map((name) => {
      const file = svc.readTemplate(name);
      if (!file) throw new UserError(`Could not find template '${name}'`);
      try {
        return renderErb(ruby('template'), { name, path: file.path, source: file.text }, erbScope(ctx));
      } catch (e) {
        throw e instanceof ErbError ? new UserError(e.message) : e;
      }
    }).join('');
  };

  const inlineTemplate: BuiltinFunction = (ctx, args) =>
    (args.flat(Infinity as 1) as Value[]).map((a) => {
      try {
        return inlineErb(ruby('inline_template'), toPuppetString(a), erbScope(ctx));
      } catch (e) {
        throw e instanceof ErbError ? new UserError(e.message) : e;
      }
    }).join('');

  return {
    functions: {
      lookup,
      hiera: hieraFunction('hiera', 'first'),
      hiera_array: hieraFunction('hiera_array', 'unique'),
      hiera_hash: hieraFunction('hiera_hash', 'hash'),
      hiera_include: hieraFunction('hiera_include', 'unique', (ctx, key, v) => {
        if (v === undefined) throw new UserError(`Could not find data item ${key}`);
        if (!(isArray(v) && v.length === 0)) ctx.call('include', [v]);
        return undefined;
      }),
      template,
      inline_template: inlineTemplate,
    },
    lookupParameter(qualifiedName, scope) {
      if (!svc.hiera) return { found: false, value: undefined };
      const h = svc.hiera;
      try {
        const r = lookupScope.run(scope, () => h.lookupParameter(qualifiedName, lookupScope));
        return { found: r.found, value: r.value };
      } catch (e) {
        throw lookupFailure(e);
      }
    },
  };
}


/**
 * The scope's variables as Ruby values, each converted when first read: a
 * template names a few of them, and converting every fact for each template
 * would cost more than rendering it.
 */
class ConvertedOnRead extends Map<string, RubyValue> {
  private readonly converted = new Map<string, RubyValue>();
  constructor(private readonly raw: ReadonlyMap<string, Value>) {
    super();
  }
  override get size(): number {
    return this.raw.size;
  }
  override has(name: string): boolean {
    return this.raw.has(name);
  }
  override get(name: string): RubyValue {
    if (!this.raw.has(name)) return undefined;
    if (!this.converted.has(name)) this.converted.set(name, toRubyValue(this.raw.get(name)));
    return this.converted.get(name);
  }
  override *entries(): MapIterator<[string, RubyValue]> {
    for (const name of this.raw.keys()) yield [name, this.get(name)];
  }
  override keys(): MapIterator<string> {
    return this.raw.keys();
  }
  override *values(): MapIterator<RubyValue> {
    for (const name of this.raw.keys()) yield this.get(name);
  }
  override forEach(fn: (value: RubyValue, key: string, map: Map<string, RubyValue>) => void): void {
    for (const [k, v] of this.entries()) fn(v, k, this);
  }
  override [Symbol.iterator](): MapIterator<[string, RubyValue]> {
    return this.entries();
  }
}
