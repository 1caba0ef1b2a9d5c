// One lookup in progress: the scope it reads variables from, the stack of
// keys being looked up (recursion check), and the optional explainer.
import { PHash, isArray, isHash, type Value } from '../lang/values.js';
import { HieraError, NotFound } from './errors.js';
import { Explainer, type ExplainKind } from './explain.js';
import type { Segment } from './lookup-key.js';

/** Where interpolation reads variables: `%{x}`, `%{::x}`, `%{facts.a.b}`, `%{trusted.certname}`. */
export interface HieraScope {
  /** The value of a top-scope variable (name without leading `::`), or undefined when unset. */
  variable(name: string): Value;
}

export class Invocation {
  readonly nameStack: string[];
  moduleName: string | undefined;
  /** Only the global layer is searched (hiera_xxx calls in an environment without data). */
  globalOnly = false;
  /** The key this invocation was started for (Puppet words some errors with it). */
  topKey = '';

  constructor(
    readonly scope: HieraScope,
    readonly explainer: Explainer | undefined,
    parent?: Invocation,
  ) {
    this.nameStack = parent ? parent.nameStack : [];
    this.globalOnly = parent?.globalOnly ?? false;
  }

  with<T>(kind: ExplainKind, fn: () => T): T {
    const ex = this.explainer;
    if (!ex) return fn();
    ex.push(kind);
    try {
      return fn();
    } finally {
      ex.pop();
    }
  }

  /** Runs `fn` with `name` on the stack; a name already there is a recursive lookup. */
  check<T>(name: string, fn: () => T): T {
    if (this.nameStack.includes(name)) {
      throw new HieraError(`Recursive lookup detected in [${this.nameStack.join(', ')}]`);
    }
    this.nameStack.push(name);
    try {
      return fn();
    } catch (e) {
      // Puppet's check turns other Puppet errors (type mismatches) into lookup errors
      if (e instanceof HieraError && e.issueCode === 'TYPE_MISMATCH') throw new HieraError(e.message, { file: e.file, line: e.line });
      throw e;
    } finally {
      this.nameStack.pop();
    }
  }

  found<T extends Value>(key: string | number, value: T): T {
    this.explainer?.found(key, value);
    return value;
  }
  notFound(key: string | number): void {
    this.explainer?.notFound(key);
  }
  result<T extends Value>(value: T): T {
    this.explainer?.result(value);
    return value;
  }
  text(text: string): void {
    this.explainer?.text(text);
  }
}

/** Digs into a found value with the key's sub-segments (Puppet's SubLookup). */
export function subLookup(key: string, inv: Invocation, segments: readonly Segment[], value: Value): Value {
  return inv.with({ type: 'sub_lookup', segments }, () => {
    let v = value;
    for (const seg of segments) {
      v = inv.with({ type: 'segment' }, () => {
        if (v === undefined) {
          inv.notFound(seg);
          throw NotFound.INSTANCE;
        }
        if (typeof seg === 'number' && isArray(v)) {
          if (seg < 0 || seg >= v.length) {
            inv.notFound(seg);
            throw NotFound.INSTANCE;
          }
          return inv.found(seg, v[seg]);
        }
        if (!isHash(v)) {
          throw new HieraError(`Data Provider type mismatch: Got ${rubyClass(v)} when a hash-like object was expected to access value using '${seg}' from key '${key}'`);
        }
        const h: PHash = v;
        if (!h.has(seg)) {
          inv.notFound(seg);
          throw NotFound.INSTANCE;
        }
        return inv.found(seg, h.get(seg));
      });
    }
    return v;
  });
}

function rubyClass(v: Value): string {
  if (isArray(v)) return 'Array';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'number' || typeof v === 'bigint') return 'Integer';
  if (typeof v === 'boolean') return v ? 'TrueClass' : 'FalseClass';
  return 'Float';
}
