// The expression evaluator: walks the AST and produces values, following
// Puppet 7's evaluator (pops/evaluator/evaluator_impl.rb) for operators,
// access, calls, control flow and strings. Catalog statements (resources,
// defaults, overrides, collectors, relationships) are delegated to RuntimeOps.
import type * as A from '../ast.js';
import type { SourceFile } from '../source.js';
import {
  DEFAULT, PFloat, PHash, PRegexp, PSensitive, TypeValue, compareValues, ComparisonError, inspect, isNumeric,
  isTruthy, normalizeInteger, numberOf, puppetEquals, toPuppetString, type Value,
} from '../values.js';
import { builtinType, parameterize, TypeParameterError } from '../types/factory.js';
import { isInstance } from '../types/instance.js';
import { describeMismatch } from '../types/mismatch.js';
import { ClassType, ResourceType, capitalizeTypeName } from '../types/types.js';
import { EvalError, UnprefixedNewError, UserError } from './errors.js';
import type { BuiltinFunction, Callable, FunctionContext, RuntimeOps } from './runtime.js';
import { Scope } from './scope.js';
import { accessValue } from './access.js';
import { arithmetic, OperandError } from './operators.js';

/** `next`, `break` and `return` unwind through these. */
export class NextSignal {
  constructor(readonly value: Value) {}
}
export class BreakSignal {}
export class ReturnSignal {
  constructor(readonly value: Value, readonly file?: string, readonly line?: number) {}
}

export interface EvaluatorOptions {
  readonly strictVariables: boolean;
  readonly functions: ReadonlyMap<string, BuiltinFunction>;
}

export class Evaluator {
  /** The file whose code is being evaluated (for error locations). */
  source: SourceFile | undefined;
  ops!: RuntimeOps;

  constructor(readonly options: EvaluatorOptions) {}

  error(message: string, node: { span: A.Span } | undefined, label?: string): EvalError {
    return new EvalError(message, this.source, node?.span, label);
  }

  /** An error located at a source offset (Puppet locates operator errors at the operator). */
  errorAt(message: string, offset: number, label?: string): EvalError {
    return new EvalError(message, this.source, { start: offset, end: offset }, label);
  }

  /** The offset of a binary expression's operator: the first occurrence of `op` between its operands. */
  operatorOffset(left: A.Expression, right: A.Expression, op: string): number {
    const text = this.source?.text;
    if (!text) return left.span.start;
    const i = text.indexOf(op, left.span.end);
    return i === -1 || i > right.span.start ? left.span.start : i;
  }

  /** Evaluates `body` with `source` as the current file. */
  withSource<T>(source: SourceFile | undefined, fn: () => T): T {
    const saved = this.source;
    this.source = source ?? saved;
    try {
      return fn();
    } finally {
      this.source = saved;
    }
  }

  evaluate(e: A.Expression | undefined, scope: Scope): Value {
    if (e === undefined) return undefined;
    switch (e.kind) {
      case 'LiteralInteger': return Number.isSafeInteger(e.value) ? e.value : bigIntLiteral(e.text);
      case 'LiteralFloat': return new PFloat(e.value);
      case 'LiteralString': return e.value;
      case 'LiteralBoolean': return e.value;
      case 'LiteralUndef': return undefined;
      case 'LiteralDefault': return DEFAULT;
      case 'LiteralRegularExpression': return new PRegexp(e.pattern);
      case 'LiteralList': return Object.freeze(this.evalList(e.values, scope));
      case 'LiteralHash': return PHash.from(e.entries.map((en) => [this.evaluate(en.key, scope), this.evaluate(en.value, scope)] as const));
      case 'ConcatenatedString': return e.segments.map((s) => this.interpolate(s, scope)).join('');
      case 'TextExpression': return this.interpolate(e, scope);
      case 'HeredocExpression': return this.evaluate(e.textExpr, scope);
      case 'QualifiedName': return e.value;
      case 'QualifiedReference': return this.typeReference(e, scope);
      case 'ReservedWord': return e.word;
      case 'VariableExpression': return this.variable(e, scope);
      case 'ParenthesizedExpression': return this.evaluate(e.expr, scope);
      case 'NotExpression': return !isTruthy(this.evaluate(e.expr, scope));
      case 'UnaryMinusExpression': {
        const v = this.evaluate(e.expr, scope);
        if (typeof v === 'number') return -v;
        if (typeof v === 'bigint') return normalizeInteger(-v);
        if (v instanceof PFloat) return new PFloat(-v.value);
        if (typeof v === 'string' && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(v)) return v.includes('.') || /e/i.test(v) ? new PFloat(-Number(v)) : -Number(v);
        throw this.error(`The value '${toPuppetString(v)}' cannot be converted to Numeric.`, e);
      }
      case 'UnfoldExpression': return this.evaluate(e.expr, scope);
      case 'AssignmentExpression': return this.assign(e, scope);
      case 'ArithmeticExpression': {
        const l = this.evaluate(e.leftExpr, scope);
        const r = this.evaluate(e.rightExpr, scope);
        try {
          return arithmetic(e.operator, l, r);
        } catch (err) {
          if (err instanceof OperandError) throw this.error(err.message, err.side === 'left' ? e.leftExpr : e.rightExpr);
          if (err instanceof UserError) throw this.errorAt(err.message, this.operatorOffset(e.leftExpr, e.rightExpr, e.operator));
          throw err;
        }
      }
      case 'ComparisonExpression': return this.compare(e, scope);
      case 'MatchExpression': {
        const l = this.evaluate(e.leftExpr, scope);
        const r = this.evaluate(e.rightExpr, scope);
        const m = this.match(l, r, scope, e);
        return e.operator === '=~' ? m : !m;
      }
      case 'InExpression': return this.isIn(this.evaluate(e.leftExpr, scope), this.evaluate(e.rightExpr, scope), scope);
      case 'AndExpression': return isTruthy(this.evaluate(e.leftExpr, scope)) && isTruthy(this.evaluate(e.rightExpr, scope));
      case 'OrExpression': return isTruthy(this.evaluate(e.leftExpr, scope)) || isTruthy(this.evaluate(e.rightExpr, scope));
      case 'RelationshipExpression': {
        const l = this.evaluate(e.leftExpr, scope);
        const r = this.evaluate(e.rightExpr, scope);
        this.ops.relate(l, r, e.operator, scope, e);
        return r;
      }
      case 'AccessExpression': return this.access(e, scope);
      case 'SelectorExpression': return this.select(e, scope);
      case 'CallNamedFunctionExpression': return this.callNamed(e, scope);
      case 'CallMethodExpression': return this.callMethod(e, scope);
      case 'LambdaExpression': throw this.error('A lambda can only be given to a function call', e);
      case 'BlockExpression': {
        let v: Value;
        for (const s of e.statements) v = this.evaluate(s, scope);
        return v;
      }
      // conditionals do not create scopes; only their match variables are local to them
      case 'IfExpression': return this.withMatchScope(scope, () => (isTruthy(this.evaluate(e.test, scope)) ? this.evaluate(e.thenExpr, scope) : this.evaluate(e.elseExpr, scope)));
      case 'UnlessExpression': return this.withMatchScope(scope, () => (!isTruthy(this.evaluate(e.test, scope)) ? this.evaluate(e.thenExpr, scope) : this.evaluate(e.elseExpr, scope)));
      case 'CaseExpression': return this.caseExpr(e, scope);
      case 'CaseOption': return undefined;
      case 'Nop': return undefined;
      case 'ResourceExpression': return this.catalogOp(e, () => this.ops.declareResources(e, scope), 'Resource Statement');
      case 'ResourceDefaultsExpression': return this.catalogOp(e, () => this.ops.declareDefaults(e, scope), 'Resource Default Statement');
      case 'ResourceOverrideExpression': return this.catalogOp(e, () => this.ops.declareOverride(e, scope), 'Resource Override Statement');
      case 'CollectExpression': return this.catalogOp(e, () => this.ops.collect(e, scope), 'Collect Expression');
      case 'VirtualQuery': case 'ExportedQuery': return undefined;
      case 'NamedAccessExpression': throw this.error('Named access is only allowed as a method call', e);
      case 'EppExpression': return this.evaluate(e.body, scope);
      case 'RenderStringExpression': this.render(e.value); return undefined;
      case 'RenderExpression': this.render(toPuppetString(this.evaluate(e.expr, scope))); return undefined;
      // definitions are registered before evaluation starts; as statements they do nothing
      case 'HostClassDefinition': case 'ResourceTypeDefinition': case 'FunctionDefinition': case 'NodeDefinition':
      case 'TypeAlias': case 'TypeMapping': case 'TypeDefinition':
        return undefined;
    }
  }

  /** Runs `fn` with the scope's match variables restored afterwards. */
  withMatchScope<T>(scope: Scope, fn: () => T): T {
    const saved = scope.matchData;
    try {
      return fn();
    } finally {
      scope.matchData = saved;
    }
  }

  private catalogOp(e: A.Expression, fn: () => Value, label: string): Value {
    try {
      return fn();
    } catch (err) {
      if (err instanceof UserError) throw this.error(err.message, e, label);
      if (err instanceof TypeParameterError) throw this.error(err.message, e, label);
      throw err;
    }
  }

  /** EPP output buffers; the innermost receives rendered text. */
  readonly renderStack: string[][] = [];
  private render(s: string): void {
    const top = this.renderStack[this.renderStack.length - 1];
    if (top) top.push(s);
  }

  evalList(values: readonly A.Expression[], scope: Scope): Value[] {
    const out: Value[] = [];
    for (const x of values) {
      if (x.kind === 'UnfoldExpression') {
        const v = this.evaluate(x.expr, scope);
        if (Array.isArray(v)) out.push(...v);
        else if (v instanceof PHash) out.push(...[...v].map(([k, y]) => Object.freeze([k, y])));
        else out.push(v);
      } else out.push(this.evaluate(x, scope));
    }
    return out;
  }

  private interpolate(e: A.Expression, scope: Scope): string {
    if (e.kind === 'LiteralString') return e.value;
    if (e.kind === 'TextExpression') {
      const inner = e.expr;
      // "${x}" where x is a bare word means the variable $x
      const v = inner.kind === 'QualifiedName' ? this.variable({ kind: 'VariableExpression', name: inner.value, span: inner.span }, scope) : this.evaluate(inner, scope);
      return toPuppetString(v);
    }
    return toPuppetString(this.evaluate(e, scope));
  }

  typeReference(e: A.QualifiedReference, scope: Scope): Value {
    const name = e.value.replace(/^::/, '');
    const builtin = builtinType(name);
    if (builtin) return builtin;
    const t = this.ops.resolveTypeReference(name, scope);
    if (t) return t;
    if (!this.ops.isResourceType(name)) throw this.error(`Resource type not found: ${e.cased.replace(/^::/, '')}`, e);
    return new ResourceType(capitalizeTypeName(name));
  }

  variable(e: A.VariableExpression, scope: Scope): Value {
    const name = e.name;
    if (/^\d+$/.test(name)) return scope.lookupMatch(Number(name)).value;
    if (name.includes('::')) {
      const r = this.qualifiedVariable(name.replace(/^::/, ''), scope, e);
      return r;
    }
    const r = scope.lookup(name);
    if (r.found) return r.value;
    const pending = scope.owner.pendingParameters;
    if (pending?.later.has(name)) {
      throw new UserError(`default expression for $${pending.current} tries to illegally access not yet evaluated $${name}`);
    }
    return this.unknownVariable(name, e);
  }

  private unknownVariable(name: string, e: A.Expression): Value {
    if (this.options.strictVariables) throw this.error(`Unknown variable: '$${name}'.`, e);
    return undefined;
  }

  /** Scopes of evaluated classes by name, for `$foo::bar::x`; set by the compiler. */
  classScopes = new Map<string, Scope>();
  topScope!: Scope;

  private qualifiedVariable(name: string, scope: Scope, e: A.Expression): Value {
    const idx = name.lastIndexOf('::');
    if (idx === -1) {
      const v = this.topScope.getOwn(name);
      if (this.topScope.hasOwn(name)) return v;
      return this.unknownVariable(`::${name}`, e);
    }
    const cls = name.slice(0, idx).toLowerCase();
    const varName = name.slice(idx + 2);
    const s = this.classScopes.get(cls);
    if (!s) {
      if (this.options.strictVariables) throw this.error(`Unknown variable: '$${name}'.`, e);
      return undefined;
    }
    const r = s.lookup(varName);
    return r.found ? r.value : this.unknownVariable(name, e);
  }

  private assign(e: A.AssignmentExpression, scope: Scope): Value {
    const value = this.evaluate(e.rightExpr, scope);
    const at = this.operatorOffset(e.leftExpr, e.rightExpr, e.operator);
    if (e.operator !== '=') throw this.errorAt(`The operator '${e.operator}' is no longer supported. See http://links.puppet.com/remove-plus-equals`, at);
    this.assignTo(e.leftExpr, value, scope, at);
    return value;
  }

  private assignTo(left: A.Expression, value: Value, scope: Scope, at: number): void {
    if (left.kind === 'VariableExpression') {
      const name = left.name;
      if (name.includes('::')) throw this.errorAt(`Illegal attempt to assign to '${name}'. Cannot assign to variables in other namespaces`, at);
      if (/^\d+$/.test(name)) throw this.errorAt(`Illegal attempt to assign to the numeric match result variable '$${name}'`, at);
      if (name === 'facts' || name === 'trusted' || name === 'server_facts') throw this.errorAt(`Attempt to assign to a reserved variable name: '$${name}'`, at);
      if (!scope.set(name, value)) throw this.errorAt(`Cannot reassign variable '$${name}'`, at);
      return;
    }
    if (left.kind === 'LiteralList') {
      if (value instanceof PHash) {
        for (const v of left.values) {
          if (v.kind !== 'VariableExpression') throw this.error('Illegal assignment', v);
          if (!value.has(v.name)) throw this.error(`No value for required variable '$${v.name}' in hash`, v);
          this.assignTo(v, value.get(v.name), scope, at);
        }
        return;
      }
      if (!Array.isArray(value)) throw this.errorAt(`Mismatched number of assignable entries and values, expected ${left.values.length}, got 1`, at);
      if (value.length !== left.values.length) throw this.errorAt(`Mismatched number of assignable entries and values, expected ${left.values.length}, got ${value.length}`, at);
      left.values.forEach((v, i) => this.assignTo(v, value[i], scope, at));
      return;
    }
    throw this.error('Illegal attempt to assign to a value', left);
  }

  private compare(e: A.ComparisonExpression, scope: Scope): Value {
    const l = this.evaluate(e.leftExpr, scope);
    const r = this.evaluate(e.rightExpr, scope);
    switch (e.operator) {
      case '==': return valuesEqual(l, r);
      case '!=': return !valuesEqual(l, r);
    }
    let c: number;
    try {
      if (l instanceof TypeValue && r instanceof TypeValue) {
        return compareTypes(e.operator, l, r);
      }
      c = compareValues(l, r);
    } catch (err) {
      if (err instanceof ComparisonError) {
        const cause = isNumeric(l) ? 'A Numeric is not comparable to non Numeric' : typeof l === 'string' ? 'A String is not comparable to a non String' : 'Only Strings, Numbers, Timespans, Timestamps, and Versions are comparable';
        throw this.errorAt(`Comparison of: ${describeOperand(l)} ${e.operator} ${describeOperand(r)}, is not possible. Caused by '${cause}'.`, this.operatorOffset(e.leftExpr, e.rightExpr, e.operator));
      }
      throw err;
    }
    switch (e.operator) {
      case '<': return c < 0;
      case '<=': return c <= 0;
      case '>': return c > 0;
      case '>=': return c >= 0;
    }
  }

  /** `=~`: regexp, pattern string or type match; sets $0..$n on a regexp match. */
  match(l: Value, r: Value, scope: Scope, at: A.Expression): boolean {
    if (r instanceof TypeValue) return isInstance(r, l);
    let re: RegExp;
    if (r instanceof PRegexp) re = r.re;
    else if (typeof r === 'string') re = new PRegexp(r).re;
    else throw this.error(`Right operand of =~ must be a Regexp, String or Type, got ${describeOperand(r)}`, at);
    if (typeof l !== 'string') {
      const kind = describeOperand(l);
      const where = at.kind === 'MatchExpression' ? at.leftExpr : at;
      throw this.error(`Left match operand must result in a String value. Got ${/^[AEIOU]/.test(kind) ? 'an' : 'a'} ${kind}.`, where);
    }
    re.lastIndex = 0;
    const m = re.exec(l);
    if (m) {
      scope.matchData = [...m];
      return true;
    }
    return false;
  }

  isIn(l: Value, r: Value, scope: Scope): boolean {
    if (typeof r === 'string') {
      if (typeof l === 'string') return r.toLowerCase().includes(l.toLowerCase());
      if (l instanceof PRegexp) return l.re.test(r);
      return false;
    }
    const items = Array.isArray(r) ? r : r instanceof PHash ? r.keys() : undefined;
    if (!items) return false;
    if (l instanceof PRegexp) return items.some((x) => typeof x === 'string' && (l.re.lastIndex = 0, l.re.test(x)));
    if (l instanceof TypeValue) return items.some((x) => isInstance(l, x));
    return items.some((x) => puppetEquals(l, x));
  }

  private access(e: A.AccessExpression, scope: Scope): Value {
    const left = this.evaluate(e.leftExpr, scope);
    const keys = this.evalList(e.keys, scope);
    try {
      if (left instanceof TypeValue) return parameterize(left, keys);
      return accessValue(left, keys);
    } catch (err) {
      if (err instanceof UserError || err instanceof TypeParameterError) throw this.error(err.message, e);
      throw err;
    }
  }

  private select(e: A.SelectorExpression, scope: Scope): Value {
    const v = this.evaluate(e.leftExpr, scope);
    const found = this.withMatchScope(scope, () => {
      for (const s of e.selectors) {
        if (this.caseMatches(v, s.matchingExpr, scope)) return { value: this.evaluate(s.valueExpr, scope) };
      }
      return undefined;
    });
    if (found) return found.value;
    throw this.error(`No matching entry for selector parameter with value '${toPuppetString(v)}'`, e);
  }

  private caseMatches(v: Value, optionExpr: A.Expression, scope: Scope): boolean {
    if (optionExpr.kind === 'LiteralDefault') return true;
    const o = this.evaluate(optionExpr, scope);
    return this.caseValueMatches(v, o, scope);
  }

  private caseValueMatches(v: Value, o: Value, scope: Scope): boolean {
    if (o === DEFAULT) return true;
    if (o instanceof PRegexp) {
      if (typeof v !== 'string') return false;
      o.re.lastIndex = 0;
      const m = o.re.exec(v);
      if (m) scope.matchData = [...m];
      return m !== null;
    }
    if (o instanceof TypeValue && !(v instanceof TypeValue)) return isInstance(o, v);
    if (Array.isArray(o) && Array.isArray(v)) {
      return o.length === v.length && o.every((x, i) => this.caseValueMatches(v[i], x, scope));
    }
    return puppetEquals(v, o);
  }

  private caseExpr(e: A.CaseExpression, scope: Scope): Value {
    const v = this.evaluate(e.test, scope);
    return this.withMatchScope(scope, () => this.caseBody(e, v, scope));
  }

  private caseBody(e: A.CaseExpression, v: Value, local: Scope): Value {
    let fallback: A.CaseOption | undefined;
    for (const opt of e.options) {
      for (const valueExpr of opt.values) {
        if (valueExpr.kind === 'LiteralDefault') {
          fallback = opt;
          continue;
        }
        if (valueExpr.kind === 'UnfoldExpression') {
          const arr = this.evaluate(valueExpr.expr, local);
          const list = Array.isArray(arr) ? arr : [arr];
          if (list.some((x) => this.caseValueMatches(v, x, local))) return this.evaluate(opt.thenExpr, local);
          continue;
        }
        if (this.caseMatches(v, valueExpr, local)) return this.evaluate(opt.thenExpr, local);
      }
    }
    return fallback ? this.evaluate(fallback.thenExpr, local) : undefined;
  }

  // ------------------------------------------------------------- calls

  /** Makes a callable from a lambda closed over `scope`. */
  closure(l: A.LambdaExpression, scope: Scope): Callable {
    const source = this.source;
    const params = l.parameters;
    const required = params.filter((p) => p.value === undefined && !p.capturesRest).length;
    const rest = params.some((p) => p.capturesRest);
    return {
      parameters: params,
      minArgs: required,
      maxArgs: rest ? Infinity : params.length,
      call: (args) =>
        this.withSource(source, () => {
          const local = new Scope('lambda', scope, scope.resource);
          this.bindParameters(params, args, local, 'block');
          try {
            return this.evaluate(l.body, local);
          } catch (sig) {
            if (sig instanceof NextSignal) return sig.value;
            throw sig;
          }
        }),
    };
  }

  /**
   * Binds call arguments to parameters with defaults and type checks. Errors
   * are thrown without a location (UserError) so the call site locates them.
   */
  bindParameters(params: readonly A.Parameter[], args: readonly Value[], local: Scope, what: string): void {
    params.forEach((p, i) => {
      let v: Value;
      if (p.capturesRest) v = Object.freeze(args.slice(i));
      else if (i < args.length) v = args[i];
      else if (p.value !== undefined) v = this.evaluate(p.value, local);
      else throw new UserError(`${what} expects a value for parameter '${p.name}'`);
      if (p.typeExpr) {
        const t = this.evaluate(p.typeExpr, local);
        if (t instanceof TypeValue) {
          const msg = p.capturesRest
            ? (v as Value[]).map((x) => describeMismatch(`parameter '${p.name}'`, t, x)).find((m) => m !== undefined)
            : describeMismatch(`parameter '${p.name}'`, t, v);
          if (msg !== undefined) throw new UserError(`${what} ${msg}`);
        }
      }
      local.set(p.name, v);
    });
  }

  private callNamed(e: A.CallNamedFunctionExpression, scope: Scope): Value {
    const f = e.functorExpr;
    const args = this.evalList(e.arguments, scope);
    const block = e.lambda ? this.closure(e.lambda, scope) : undefined;
    if (f.kind === 'QualifiedReference') {
      return this.callFunction('new', [this.typeReference(f, scope), ...args], scope, block, e);
    }
    const name = f.kind === 'QualifiedName' ? f.value : toPuppetString(this.evaluate(f, scope));
    return this.callFunction(name, args, scope, block, e);
  }

  /** The parser positions a method call as Puppet does: at its `(`, or at the `.` without parentheses. */
  private methodCallLocation(e: A.CallMethodExpression): { span: A.Span } {
    return e;
  }

  private callMethod(e: A.CallMethodExpression, scope: Scope): Value {
    const recv = this.evaluate(e.functorExpr.leftExpr, scope);
    const nameExpr = e.functorExpr.rightExpr;
    const args = this.evalList(e.arguments, scope);
    const block = e.lambda ? this.closure(e.lambda, scope) : undefined;
    const at = this.methodCallLocation(e);
    if (nameExpr.kind === 'QualifiedReference') {
      return this.callFunction('new', [this.typeReference(nameExpr, scope), recv, ...args], scope, block, at, 'Method call');
    }
    const name = nameExpr.kind === 'QualifiedName' ? nameExpr.value : toPuppetString(this.evaluate(nameExpr, scope));
    return this.callFunction(name, [recv, ...args], scope, block, at, 'Method call');
  }

  /** Calls a function by name with evaluated arguments. */
  callFunction(name: string, args: readonly Value[], scope: Scope, block: Callable | undefined, at: { span: A.Span }, label = 'Function Call'): Value {
    const fname = name.replace(/^::/, '');
    const builtin = this.options.functions.get(fname);
    const ctx: FunctionContext = {
      scope,
      block,
      ops: this.ops,
      callSpan: at.span,
      call: (n, a, b) => this.callFunction(n, a, scope, b, at, label),
    };
    if (fname === 'import') throw this.error("Use of 'import' has been discontinued in favor of a manifest directory. See http://links.puppet.com/puppet-import-deprecation", at);
    try {
      if (builtin) return builtin(ctx, [...args]);
      const user = this.ops.findFunction(fname);
      if (user) {
        if (args.length < user.minArgs || args.length > user.maxArgs) {
          throw new UserError(`'${fname}' expects ${user.maxArgs === user.minArgs ? user.minArgs : `between ${user.minArgs} and ${user.maxArgs}`} arguments, got ${args.length}`);
        }
        return user.call(args);
      }
      const external = this.ops.findExternalFunction?.(fname);
      if (external) return external(ctx, [...args]);
    } catch (err) {
      if (err instanceof UserError) throw this.error(fname === 'new' && !err.message.startsWith('Converted') && !(err instanceof UnprefixedNewError) ? `'new' ${err.message}` : err.message, at, label);
      if (err instanceof TypeParameterError) throw this.error(err.message, at, label);
      throw err;
    }
    throw this.error(`Unknown function: '${fname}'.`, at);
  }
}

/** A 64-bit integer literal past 2^53 (decimal, 0x hex or 0 octal). */
function bigIntLiteral(text: string): number | bigint {
  const neg = text.startsWith('-');
  const t = text.replace(/^[-+]/, '');
  const v = /^0[xX]/.test(t) ? BigInt(t) : /^0[0-7]+$/.test(t) ? BigInt(`0o${t.slice(1)}`) : BigInt(t);
  return normalizeInteger(neg ? -v : v);
}

/** `==`: types are equal when each is assignable to the other (Optional[T] == Variant[T, Undef]). */
function valuesEqual(l: Value, r: Value): boolean {
  if (l instanceof TypeValue && r instanceof TypeValue) return puppetEquals(l, r) || (assignable(l, r) && assignable(r, l));
  return puppetEquals(l, r);
}

function compareTypes(op: '<' | '<=' | '>' | '>=', l: TypeValue, r: TypeValue): boolean {
  // Types compare by assignability: A < B when A is a strict specialization of B
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const same = l.toString() === r.toString();
  const lr = assignable(r, l);
  const rl = assignable(l, r);
  switch (op) {
    case '<': return lr && !same;
    case '<=': return lr;
    case '>': return rl && !same;
    case '>=': return rl;
  }
}

import { isAssignable as assignable } from '../types/instance.js';

function describeOperand(v: Value): string {
  if (v instanceof TypeValue) return `Type`;
  if (v === undefined) return 'Undef';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'number' || typeof v === 'bigint') return 'Integer';
  if (typeof v === 'boolean') return 'Boolean';
  if (v instanceof PFloat) return 'Float';
  if (Array.isArray(v)) return 'Array';
  if (v instanceof PHash) return 'Hash';
  if (v instanceof PSensitive) return 'Sensitive';
  return inspect(v);
}

export { ClassType, isNumeric, numberOf };
