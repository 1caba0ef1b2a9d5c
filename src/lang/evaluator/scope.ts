// Variable scopes: top, node, class (with inheritance), define, lambda and
// match scopes, with Puppet's lookup rules (local, inherited class, then the
// enclosing node or top scope) and immutability of assigned variables.
import type { Value } from '../values.js';
import type { CatalogResource } from '../../catalog/catalog.js';
import type { AbstractAttributeOperation } from '../ast.js';

const MODULE_NAME = 'module_name';
const CALLER_MODULE_NAME = 'caller_module_name';

export type ScopeKind = 'top' | 'node' | 'class' | 'define' | 'lambda' | 'local';

/** Resource defaults (`File { mode => '0644' }`) recorded in one scope. */
export interface DefaultsEntry {
  readonly operations: AbstractAttributeOperation[];
  readonly scope: Scope;
  readonly values: Map<string, Value>;
}

export class Scope {
  private readonly vars = new Map<string, Value>();
  /** Regexp match variables ($0, $1, ...) of the innermost match; saved per scope. */
  matchData: readonly (string | undefined)[] | undefined;
  /** While a class's or define's parameter defaults are evaluated: the parameter being defaulted and those after it. */
  pendingParameters: { current: string; later: Set<string> } | undefined;
  /** Called with a variable's name when it is read from this scope (the top scope reports fact reads). */
  onRead: ((name: string) => void) | undefined;
  /** Resource defaults declared in this scope, by lower-case type name. */
  readonly defaults = new Map<string, Map<string, Value>>();

  constructor(
    readonly kind: ScopeKind,
    /** The scope this one was created in (dynamic parent: resource defaults are looked up along it). */
    readonly parent: Scope | undefined,
    /** The resource this scope evaluates (Class[x], a define instance, Node[x]); inherited from the parent for local scopes. */
    readonly resource: CatalogResource | undefined,
    /** The scope of the parent class for `inherits`. */
    readonly inherited: Scope | undefined = undefined,
    /** The class or define name this scope evaluates (`foo::bar`), '' for top and node scope. */
    readonly ownerName = '',
  ) {}

  /** Where unqualified lookups continue after this scope's own and inherited variables. */
  get enclosing(): Scope | undefined {
    if (this.kind === 'lambda' || this.kind === 'local') return this.parent;
    const p = this.parent;
    if (p === undefined) return undefined;
    if (p.kind === 'top' || p.kind === 'node') return p;
    return p.enclosing;
  }

  /** The nearest scope that owns variables assignments (lambda and local scopes own their own). */
  hasOwn(name: string): boolean {
    return this.vars.has(name);
  }

  getOwn(name: string): Value {
    if (this.vars.has(name)) this.onRead?.(name);
    return this.vars.get(name);
  }

  /** The value without reporting a read. */
  getOwnRaw(name: string): Value {
    return this.vars.get(name);
  }

  /** Looks a simple name up: own, match data, inherited class scope, then enclosing scopes. */
  lookup(name: string): { found: boolean; value: Value } {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    let s: Scope | undefined = this;
    while (s) {
      if (s.vars.has(name)) {
        s.onRead?.(name);
        return { found: true, value: s.vars.get(name) };
      }
      if (name === CALLER_MODULE_NAME && (s.kind === 'class' || s.kind === 'define')) {
        const caller = s.callerModuleName;
        if (caller !== undefined) return { found: true, value: caller };
      }
      let inh = s.inherited;
      while (inh) {
        if (inh.vars.has(name)) return { found: true, value: inh.vars.get(name) };
        inh = inh.inherited;
      }
      s = s.enclosing;
    }
    return { found: false, value: undefined };
  }

  /** Looks up a match variable ($0..$n) through local scopes. */
  lookupMatch(index: number): { found: boolean; value: Value } {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    let s: Scope | undefined = this;
    while (s) {
      if (s.matchData) return { found: true, value: s.matchData[index] };
      if (s.kind !== 'lambda' && s.kind !== 'local') break;
      s = s.parent;
    }
    return { found: false, value: undefined };
  }

  /** Sets a variable; returns false when it is already set in this scope (variables are immutable). */
  set(name: string, value: Value): boolean {
    if (this.vars.has(name)) return false;
    this.vars.set(name, value);
    return true;
  }

  /**
   * Puppet's `$caller_module_name` for a class or define scope: the module of
   * the code that declared it (for a class with `inherits`, of the parent
   * class, whose scope Puppet evaluates it in); undefined when that code is
   * not in a module (site.pp, node definitions). Puppet sets it as a local
   * variable when it instantiates the class or define (Resource::Type
   * #set_resource_parameters, from Scope#parent_module_name); it is derived
   * here from the scope this one was created in, which the scope records.
   */
  get callerModuleName(): string | undefined {
    const from = this.inherited ?? this.parent;
    const name = from?.lookup(MODULE_NAME).value;
    return typeof name === 'string' && name !== '' ? name : undefined;
  }

  /** The scope of the class or define that contains this (local or lambda) scope. */
  get owner(): Scope {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    let s: Scope = this;
    while ((s.kind === 'lambda' || s.kind === 'local') && s.parent) s = s.parent;
    return s;
  }

  variableNames(): string[] {
    return [...this.vars.keys()];
  }

  /**
   * Puppet's `scope.to_hash`: the enclosing scope's variables, then the
   * inherited class's, then this scope's own; an undef value removes the name.
   */
  toHash(): Map<string, Value> {
    const out = this.enclosing?.toHash() ?? new Map<string, Value>();
    if (this.inherited) for (const [k, v] of this.inherited.toHash()) out.set(k, v);
    for (const [k, v] of this.vars) {
      if (v === undefined) out.delete(k);
      else out.set(k, v);
    }
    return out;
  }
}
