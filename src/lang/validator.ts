// Puppet's post-parse checks (pops/validation/checker4_0.rb): assignment
// targets, reserved words and names, definitions only at top level, values
// that are produced and thrown away, parameter rules, collector queries, node
// names. Nodes are visited in Puppet's order (pre-order, children in the
// model's attribute order) so diagnostics come out in the order Puppet's do.
// Not done: checks that need the environment (definition names against the
// module/file layout) and heredoc syntax checkers (`@(END:json)`).
import type * as A from './ast.js';
import { diagnostic, type Diagnostic, type IssueCode } from './diagnostics.js';
import { label, aAn, aAnUc } from './labels.js';
import { checkHeredocSyntax } from './validator-syntax.js';
import { formatPuppetStyle } from './diagnostics.js';
import { forEachChild, children } from './ast-children.js';

export { children, forEachChild };

/** Type names Puppet reserves (lower case, as Puppet compares them). */
const RESERVED_TYPE_NAMES = new Set([
  'type', 'any', 'unit', 'scalar', 'boolean', 'numeric', 'integer', 'float', 'collection', 'array', 'hash', 'tuple',
  'struct', 'variant', 'optional', 'enum', 'regexp', 'pattern', 'runtime', 'init', 'object', 'sensitive', 'semver',
  'semverrange', 'string', 'timestamp', 'timespan', 'typeset',
]);
const FUTURE_RESERVED_WORDS = new Set(['plan']);
const RESERVED_PARAMETERS = new Set(['name', 'title']);

const CLASSREF_DECL = /^[a-z]\w*(?:::[a-z]\w*)*$/;
const CLASSREF_EXT = /^(?:(?:::)?[A-Z]\w*)+$/;
const CLASSREF_EXT_DECL = /^[A-Z]\w*(?:::[A-Z]\w*)*$/;
const VAR_NAME = /^(?:::)?(?:[a-z]\w*::)*[a-z_]\w*$/;
const PARAM_NAME = /^[a-z_]\w*$/;
const NUMERIC_VAR_NAME = /^(?:0|[1-9][0-9]*)$/;
const ILLEGAL_HOSTNAME_CHARS = /[^-\w.]/;

type Args = Record<string, string | number>;

/** Parsers for heredoc texts declared as `pp` or `epp`: return Puppet's error message, or undefined when valid. */
export interface EmbeddedParsers {
  readonly pp: (text: string) => string | undefined;
  readonly epp: (text: string) => string | undefined;
}

/** A heredoc syntax error ends Puppet's validation with that error alone (it is raised, not collected). */
class HeredocStop {
  constructor(readonly diagnostic: Diagnostic) {}
}

/** Puppet's `strict` setting: how issues it governs (duplicate hash keys) are reported. */
export type Strictness = 'off' | 'warning' | 'error';

/** Runs Puppet's validation over a parsed program; returns its diagnostics in Puppet's order. */
export function validate(program: A.Program, parsers?: EmbeddedParsers, strict: Strictness = 'warning'): Diagnostic[] {
  const v = new Validator(program, parsers, strict);
  try {
    v.walk(program);
  } catch (e) {
    if (e instanceof HeredocStop) return [e.diagnostic];
    throw e;
  }
  return v.diagnostics;
}

/**
 * The text of the exception Puppet raises for a failed parse: the error with
 * its location, or, for several validation errors, Puppet's "giving up" line.
 */
export function firstErrorMessage(diagnostics: readonly Diagnostic[]): string | undefined {
  const errors = diagnostics.filter((x) => x.severity === 'error');
  if (errors.length === 0) return undefined;
  if (errors.length === 1) return formatPuppetStyle(errors[0]);
  const warnings = diagnostics.filter((x) => x.severity !== 'error' && x.tokenIndex === undefined).length;
  return warnings > 0
    ? `Language validation logged ${errors.length} errors, and ${warnings} warnings. Giving up`
    : `Language validation logged ${errors.length} errors. Giving up`;
}

function isDefinition(n: A.Node): boolean {
  switch (n.kind) {
    case 'HostClassDefinition':
    case 'ResourceTypeDefinition':
    case 'FunctionDefinition':
    case 'NodeDefinition':
    case 'TypeAlias':
    case 'TypeMapping':
    case 'TypeDefinition':
      return true;
    default:
      return false;
  }
}

function isLiteral(n: A.Node): boolean {
  switch (n.kind) {
    case 'LiteralString':
    case 'LiteralInteger':
    case 'LiteralFloat':
    case 'LiteralBoolean':
    case 'LiteralRegularExpression':
    case 'QualifiedName':
    case 'QualifiedReference':
    case 'ReservedWord':
    case 'LiteralUndef':
    case 'LiteralDefault':
      return true;
    default:
      return false;
  }
}

/** Puppet's idem: whether evaluating the expression has no effect other than producing a value. */
export function idem(n: A.Node | undefined): boolean {
  if (n === undefined) return true;
  if (isLiteral(n)) return true;
  switch (n.kind) {
    case 'Nop':
    case 'LiteralList':
    case 'LiteralHash':
    case 'AccessExpression':
    case 'ArithmeticExpression':
    case 'ComparisonExpression':
    case 'InExpression':
    case 'AndExpression':
    case 'OrExpression':
    case 'NamedAccessExpression':
    case 'NotExpression':
    case 'UnaryMinusExpression':
    case 'UnfoldExpression':
    case 'TextExpression':
    case 'VariableExpression':
    case 'ConcatenatedString':
    case 'HeredocExpression':
    case 'SelectorExpression':
      return true;
    case 'ParenthesizedExpression':
      return idem(n.expr);
    case 'BlockExpression':
      return n.statements.every((s) => idem(s));
    case 'IfExpression':
    case 'UnlessExpression':
      return idem(n.test) && idem(n.thenExpr) && idem(n.elseExpr);
    case 'CaseExpression':
      return idem(n.test) && n.options.every((o) => idem(o));
    case 'CaseOption':
      return n.values.every((v) => idem(v)) && idem(n.thenExpr);
    default:
      return false;
  }
}

function resourceWithoutTitle(n: A.Node): boolean {
  return n.kind === 'BlockExpression' && n.statements.length === 2 && n.statements[0].kind === 'QualifiedName' && n.statements[1].kind === 'LiteralHash';
}

class Validator {
  readonly diagnostics: Diagnostic[] = [];
  private readonly program: A.Program;
  /** Ancestors of the node being checked; the last is its container. */
  private readonly path: A.Node[] = [];

  private readonly parsers: EmbeddedParsers | undefined;
  private readonly strict: Strictness;

  constructor(program: A.Program, parsers: EmbeddedParsers | undefined, strict: Strictness) {
    this.program = program;
    this.parsers = parsers;
    this.strict = strict;
  }

  private readonly walkChild = (c: A.Node): void => this.walk(c);

  walk(n: A.Node): void {
    this.check(n);
    this.path.push(n);
    forEachChild(n, this.walkChild);
    this.path.pop();
  }

  private accept(code: IssueCode, at: A.Node, args: Args = {}): void {
    if (code === 'DUPLICATE_KEY') {
      if (this.strict === 'off') return;
      this.diagnostics.push(diagnostic(code, this.program.source, at.span, args, this.strict));
      return;
    }
    this.diagnostics.push(diagnostic(code, this.program.source, at.span, args));
  }

  private container(index = -1): A.Node | undefined {
    return this.path[this.path.length + index];
  }

  private check(n: A.Node): void {
    switch (n.kind) {
      case 'AssignmentExpression':
        if (n.operator === '=') {
          this.assign(n.leftExpr, false);
          this.rvalue(n.rightExpr);
        } else {
          this.accept('APPENDS_DELETES_NO_LONGER_SUPPORTED', n, { operator: n.operator });
        }
        return;
      case 'AttributeOperation': {
        if (n.operator === '+>') {
          const p = this.container();
          if (!p || (p.kind !== 'CollectExpression' && p.kind !== 'ResourceOverrideExpression')) {
            this.accept('ILLEGAL_ATTRIBUTE_APPEND', n, { name: n.attributeName, parent: p ? aAn(p) : 'an Undef Value' });
          }
        }
        this.rvalue(n.valueExpr);
        return;
      }
      case 'AttributesOperation': {
        const p = this.container();
        const isResource = (x: A.Node | undefined): boolean =>
          x !== undefined && (x.kind === 'ResourceExpression' || x.kind === 'ResourceDefaultsExpression' || x.kind === 'ResourceOverrideExpression');
        if (!isResource(p) && p?.kind !== 'CollectExpression') {
          const parent2 = p === undefined ? n : this.container(-2);
          if (!isResource(parent2) && parent2) this.accept('UNSUPPORTED_OPERATOR_IN_CONTEXT', parent2, { operator: '* =>', value: aAn(parent2) });
        }
        this.rvalue(n.expr);
        return;
      }
      case 'ArithmeticExpression':
      case 'ComparisonExpression':
      case 'MatchExpression':
      case 'InExpression':
      case 'AndExpression':
      case 'OrExpression':
        this.rvalue(n.leftExpr);
        this.rvalue(n.rightExpr);
        return;
      case 'BlockExpression':
        if (resourceWithoutTitle(n)) {
          this.accept('RESOURCE_WITHOUT_TITLE', n, { name: (n.statements[0] as A.QualifiedName).value });
        } else {
          for (const s of n.statements.slice(0, -1)) {
            if (idem(s)) {
              this.accept('IDEM_EXPRESSION_NOT_LAST', s, { expression: label(s) });
              break;
            }
          }
        }
        return;
      case 'CallNamedFunctionExpression': {
        const f = n.functorExpr;
        if (f.kind === 'QualifiedReference' || (f.kind === 'AccessExpression' && f.leftExpr.kind === 'QualifiedReference')) return;
        if (f.kind === 'QualifiedName') return;
        if (f.kind === 'RenderStringExpression') this.accept('ILLEGAL_EPP_PARAMETERS', n);
        else this.illegalExpression(f, 'function name', n);
        return;
      }
      case 'EppExpression': {
        const p = this.container();
        if (p?.kind === 'LambdaExpression') {
          this.noCapture(p.parameters, n);
          this.uniqueParameters(p.parameters);
        }
        return;
      }
      case 'CaseExpression': {
        this.rvalue(n.test);
        let found = false;
        for (const o of n.options) {
          for (const v of o.values) {
            if (v.kind === 'LiteralDefault') {
              if (found) this.accept('DUPLICATE_DEFAULT', v, { container: label(n) });
              found = true;
            }
          }
        }
        return;
      }
      case 'CaseOption':
        for (const v of n.values) this.rvalue(v);
        return;
      case 'CollectExpression':
        if (n.typeExpr.kind !== 'QualifiedReference') this.illegalExpression(n.typeExpr, 'type name', n);
        return;
      case 'NamedAccessExpression':
        if (n.rightExpr.kind !== 'QualifiedName') {
          const c = this.container();
          this.illegalExpression(n.rightExpr, 'function name', c ?? n);
        }
        return;
      case 'HostClassDefinition':
      case 'ResourceTypeDefinition':
        this.namedDefinition(n);
        this.noCapture(n.parameters, n);
        this.uniqueParameters(n.parameters);
        for (const p of n.parameters) {
          if (RESERVED_PARAMETERS.has(p.name)) this.accept('RESERVED_PARAMETER', p, { container: `the ${label(n)}`, param_name: p.name });
        }
        this.noIdemLast(n, n.body);
        return;
      case 'FunctionDefinition':
        this.namedDefinition(n);
        if (n.returnType) this.typeRef(n, n.returnType);
        this.uniqueParameters(n.parameters);
        return;
      case 'TypeAlias':
        this.top(n);
        if (!CLASSREF_EXT_DECL.test(n.name)) this.accept('ILLEGAL_DEFINITION_NAME', n, { name: n.name, value: aAn(n) });
        if (RESERVED_TYPE_NAMES.has(n.name)) this.accept('RESERVED_TYPE_NAME', n, { name: n.name, expression: aAn(n) });
        this.typeRef(n, n.typeExpr);
        return;
      case 'TypeMapping':
        this.typeMapping(n);
        return;
      case 'TypeDefinition':
        this.top(n);
        if (RESERVED_TYPE_NAMES.has(n.name)) this.accept('RESERVED_TYPE_NAME', n, { name: n.name, expression: aAn(n) });
        this.accept('UNSUPPORTED_EXPRESSION', n, { expression: aAn(n) });
        return;
      case 'IfExpression':
      case 'UnlessExpression':
        this.rvalue(n.test);
        return;
      case 'HeredocExpression':
        if (n.textExpr.kind === 'LiteralString' && n.syntax !== undefined && this.parsers) {
          const bad = checkHeredocSyntax(n.textExpr.value, n.syntax, this.parsers);
          if (bad) {
            const d = diagnostic('PARSE_ERROR', this.program.source, n.textExpr.span, { message: bad.message });
            throw new HeredocStop({ ...d, code: bad.code });
          }
        }
        return;
      case 'KeyedEntry':
        this.rvalue(n.key);
        this.rvalue(n.value);
        return;
      case 'LambdaExpression':
        n.parameters.forEach((p, i) => {
          if (p.capturesRest && i !== n.parameters.length - 1) this.accept('CAPTURES_REST_NOT_LAST', p, { param_name: p.name });
        });
        if (n.returnType) this.typeRef(n, n.returnType);
        return;
      case 'LiteralList':
        for (const v of n.values) this.rvalue(v);
        return;
      case 'LiteralInteger':
        this.integerRange(n);
        return;
      case 'LiteralHash':
        this.duplicateKeys(n);
        return;
      case 'NodeDefinition':
        for (const h of n.hostMatches) this.hostname(h, n);
        this.top(n);
        this.noIdemLast(n, n.body);
        if (n.parent) this.accept('ILLEGAL_NODE_INHERITANCE', n.parent);
        return;
      case 'QualifiedReference':
        if (!CLASSREF_EXT.test(n.cased)) this.accept('ILLEGAL_CLASSREF', n, { name: n.cased });
        return;
      case 'VirtualQuery':
      case 'ExportedQuery':
        if (n.expr) this.query(n.expr);
        return;
      case 'Parameter':
        if (/^(?:0x)?[0-9]+$/.test(n.name)) this.accept('ILLEGAL_NUMERIC_PARAMETER', n, { name: n.name });
        if (!PARAM_NAME.test(n.name)) this.accept('ILLEGAL_PARAM_NAME', n, { name: n.name });
        if (n.value) this.illegalAssignment(n.value);
        return;
      case 'RelationshipExpression':
        this.relation(n.leftExpr);
        this.relation(n.rightExpr);
        return;
      case 'ResourceExpression':
        if (n.form !== 'regular' && n.typeName.kind === 'QualifiedName' && n.typeName.value === 'class') this.accept('CLASS_NOT_VIRTUALIZABLE', n);
        return;
      case 'ResourceBody': {
        let seen = false;
        for (const op of n.operations) {
          if (op.kind === 'AttributesOperation') {
            if (seen) this.accept('MULTIPLE_ATTRIBUTES_UNFOLD', op);
            seen = true;
          }
        }
        return;
      }
      case 'ResourceDefaultsExpression':
      case 'ResourceOverrideExpression':
        if (n.form !== 'regular') this.accept('NOT_VIRTUALIZEABLE', n);
        return;
      case 'ReservedWord':
        this.accept(n.future ? 'FUTURE_RESERVED_WORD' : 'RESERVED_WORD', n, { word: n.word });
        return;
      case 'SelectorExpression': {
        this.rvalue(n.leftExpr);
        const defaults = n.selectors.filter((s) => s.matchingExpr.kind === 'LiteralDefault');
        if (defaults.length > 1) this.accept('DUPLICATE_DEFAULT', defaults[1].matchingExpr, { container: label(n) });
        return;
      }
      case 'SelectorEntry':
        this.rvalue(n.matchingExpr);
        return;
      case 'ParenthesizedExpression':
      case 'NotExpression':
      case 'UnaryMinusExpression':
      case 'UnfoldExpression':
      case 'TextExpression':
      case 'RenderExpression':
        this.rvalue(n.expr);
        return;
      case 'VariableExpression':
        if (/^[0-9]/.test(n.name)) {
          if (!NUMERIC_VAR_NAME.test(n.name)) this.accept('ILLEGAL_NUMERIC_VAR_NAME', n, { name: n.name });
        } else if (!VAR_NAME.test(n.name)) {
          this.accept('ILLEGAL_VAR_NAME', n, { name: n.name });
        }
        return;
      default:
        return;
    }
  }

  private illegalExpression(at: A.Node, feature: string, container: A.Node): void {
    this.accept('ILLEGAL_EXPRESSION', at, { expression: aAnUc(at), feature, container: aAn(container) });
  }

  private assign(n: A.Node, viaIndex: boolean): void {
    switch (n.kind) {
      case 'VariableExpression':
        if (NUMERIC_VAR_NAME.test(n.name)) this.accept('ILLEGAL_NUMERIC_ASSIGNMENT', n, { varname: n.name });
        if (n.name.includes('::')) this.accept('CROSS_SCOPE_ASSIGNMENT', n, { name: n.name });
        return;
      case 'AccessExpression':
        this.accept('ILLEGAL_INDEXED_ASSIGNMENT', n);
        return;
      case 'LiteralList':
        for (const v of n.values) this.assign(v, false);
        return;
      default:
        this.accept(viaIndex ? 'ILLEGAL_ASSIGNMENT_VIA_INDEX' : 'ILLEGAL_ASSIGNMENT', n, { value: aAn(n) });
    }
  }

  private rvalue(n: A.Node): void {
    switch (n.kind) {
      case 'CollectExpression':
      case 'HostClassDefinition':
      case 'ResourceTypeDefinition':
      case 'FunctionDefinition':
      case 'NodeDefinition':
      case 'TypeAlias':
      case 'TypeMapping':
      case 'TypeDefinition':
        this.accept('NOT_RVALUE', n, { value: aAnUc(n) });
        return;
      case 'ParenthesizedExpression':
      case 'NotExpression':
      case 'UnaryMinusExpression':
      case 'UnfoldExpression':
      case 'TextExpression':
      case 'RenderExpression':
        this.rvalue(n.expr);
        return;
      default:
        return;
    }
  }

  private relation(n: A.Node): void {
    if (n.kind === 'CollectExpression' || n.kind === 'RelationshipExpression') return;
    this.rvalue(n);
  }

  private query(n: A.Expression): void {
    switch (n.kind) {
      case 'ComparisonExpression':
        if (n.operator !== '==' && n.operator !== '!=') this.accept('ILLEGAL_QUERY_EXPRESSION', n, { expression: aAnUc(n) });
        return;
      case 'AndExpression':
      case 'OrExpression':
        this.query(n.leftExpr);
        this.query(n.rightExpr);
        return;
      case 'ParenthesizedExpression':
        this.query(n.expr);
        return;
      case 'VariableExpression':
      case 'QualifiedName':
      case 'LiteralInteger':
      case 'LiteralFloat':
      case 'LiteralString':
      case 'LiteralBoolean':
        return;
      default:
        this.accept('ILLEGAL_QUERY_EXPRESSION', n, { expression: aAnUc(n) });
    }
  }

  /** Definitions may only appear at top level or inside classes (functions and types only at top level). */
  private top(definition: A.Node, idx = -1): void {
    const o = this.container(idx);
    if (o === undefined || o.kind === 'HostClassDefinition' || o.kind === 'Program') return;
    if (o.kind === 'BlockExpression') {
      const c = this.container(idx - 1);
      const absolute = definition.kind === 'FunctionDefinition' || definition.kind === 'TypeAlias' || definition.kind === 'TypeDefinition';
      if (c?.kind !== 'Program' && absolute) {
        this.accept('NOT_ABSOLUTE_TOP_LEVEL', definition, { value: aAnUc(definition) });
      } else {
        this.top(definition, idx - 1);
      }
      return;
    }
    this.accept('NOT_TOP_LEVEL', definition);
  }

  private namedDefinition(n: A.HostClassDefinition | A.ResourceTypeDefinition | A.FunctionDefinition): void {
    this.top(n);
    if (!CLASSREF_DECL.test(n.name)) this.accept('ILLEGAL_DEFINITION_NAME', n, { name: n.name, value: aAn(n) });
    if (RESERVED_TYPE_NAMES.has(n.name)) this.accept('RESERVED_TYPE_NAME', n, { name: n.name, expression: aAn(n) });
    if (FUTURE_RESERVED_WORDS.has(n.name)) this.accept('FUTURE_RESERVED_WORD', n, { word: n.name });
  }

  private typeRef(container: A.Node, r: A.Expression): void {
    const n = r.kind === 'AccessExpression' ? r.leftExpr : r;
    if (n.kind === 'QualifiedReference') {
      if (FUTURE_RESERVED_WORDS.has(n.value)) this.accept('FUTURE_RESERVED_WORD', r, { word: n.value });
    } else {
      this.illegalExpression(r, 'a type reference', container);
    }
  }

  private noIdemLast(container: A.Node, body: A.Expression | undefined): void {
    let violator: A.Node | undefined;
    if (body === undefined) return;
    if (body.kind === 'BlockExpression') {
      const last = body.statements[body.statements.length - 1];
      if (idem(last)) violator = last;
    } else if (idem(body)) {
      violator = body;
    }
    if (violator && !resourceWithoutTitle(violator)) {
      this.accept('IDEM_NOT_ALLOWED_LAST', violator, { expression: label(violator), container: aAnUc(container) });
    }
  }

  private noCapture(params: readonly A.Parameter[], container: A.Node): void {
    for (const p of params) {
      if (p.capturesRest) this.accept('CAPTURES_REST_NOT_SUPPORTED', p, { container: aAn(container), param_name: p.name });
    }
  }

  private uniqueParameters(params: readonly A.Parameter[]): void {
    const seen = new Set<string>();
    for (const p of params) {
      if (seen.has(p.name)) this.accept('DUPLICATE_PARAMETER', p, { param_name: p.name });
      seen.add(p.name);
    }
  }

  private illegalAssignment(n: A.Node): void {
    if (n.kind === 'AssignmentExpression') {
      this.accept('ILLEGAL_ASSIGNMENT_CONTEXT', n);
      return;
    }
    if (n.kind === 'LambdaExpression') return;
    for (const c of children(n)) this.illegalAssignment(c);
  }

  private integerRange(n: A.LiteralInteger): void {
    let v: bigint;
    try {
      v = BigInt(n.radix === 8 ? `0o${n.text.slice(1)}` : n.text);
    } catch {
      return;
    }
    const max = (1n << 63n) - 1n;
    const min = -(1n << 63n);
    if (v > max || v < min) {
      const hex = `${v < 0n ? '-' : '+'}0x${(v < 0n ? -v : v).toString(16)}`;
      this.accept('NUMERIC_OVERFLOW', n, { expression: aAnUc(n), range: v > 0n ? 'max' : 'min', value: hex });
    }
  }

  private duplicateKeys(n: A.LiteralHash): void {
    const seen = new Set<string>();
    for (const e of n.entries) {
      const key = literalKey(e.key);
      if (key === undefined) continue;
      if (seen.has(key.id)) this.accept('DUPLICATE_KEY', e, { key: key.text });
      seen.add(key.id);
    }
  }

  private hostname(h: A.Expression, node: A.NodeDefinition): void {
    switch (h.kind) {
      case 'LiteralString':
      case 'QualifiedName':
        if (ILLEGAL_HOSTNAME_CHARS.test(h.value)) this.accept('ILLEGAL_HOSTNAME_CHARS', h, { hostname: h.value });
        return;
      case 'QualifiedReference':
        if (ILLEGAL_HOSTNAME_CHARS.test(h.value)) this.accept('ILLEGAL_HOSTNAME_CHARS', h, { hostname: h.value });
        return;
      case 'LiteralBoolean':
        return;
      case 'ConcatenatedString': {
        const text = h.segments.find((s) => s.kind === 'TextExpression');
        if (text && text.kind === 'TextExpression') this.accept('ILLEGAL_HOSTNAME_INTERPOLATION', text.expr);
        else if (h.segments.length !== 1) this.accept('ILLEGAL_HOSTNAME_INTERPOLATION', h);
        else if (h.segments[0].kind === 'LiteralString' && ILLEGAL_HOSTNAME_CHARS.test(h.segments[0].value)) {
          this.accept('ILLEGAL_HOSTNAME_CHARS', h.segments[0], { hostname: h.segments[0].value });
        }
        return;
      }
      case 'LiteralInteger':
      case 'LiteralFloat':
      case 'LiteralDefault':
      case 'LiteralRegularExpression':
        return;
      case 'HeredocExpression':
      default:
        this.accept('ILLEGAL_EXPRESSION', h, { expression: aAnUc(h), feature: 'hostname', container: aAn(node) });
    }
  }

  private typeMapping(n: A.TypeMapping): void {
    this.top(n);
    const lhs = n.typeExpr;
    let lhsType = 0;
    if (lhs.kind === 'AccessExpression') {
      const left = lhs.leftExpr;
      if (left.kind === 'QualifiedReference' && left.cased === 'Runtime') {
        lhsType = 1;
        if (lhs.keys.length === 2 && patternWithReplacement(lhs.keys[1])) lhsType = 2;
      }
    }
    if (lhsType === 0) {
      this.accept('UNSUPPORTED_EXPRESSION', n, { expression: aAn(n) });
      return;
    }
    const single = `Illegal type mapping. Expected a Type on the left side, got ${aAnUc(n)}`;
    const regexp = `Illegal type mapping. Expected a Tuple[Regexp,String] on the left side, got ${aAnUc(n)}`;
    const rhs = n.mappingExpr;
    if (patternWithReplacement(rhs)) {
      if (lhsType === 1) this.accept('ILLEGAL_TYPE_MAPPING', n, { message: single });
    } else if ((rhs.kind === 'AccessExpression' ? rhs.leftExpr : rhs).kind === 'QualifiedReference') {
      if (lhsType === 2) this.accept('ILLEGAL_TYPE_MAPPING', n, { message: regexp });
    } else {
      this.accept('ILLEGAL_TYPE_MAPPING', n, { message: lhsType === 1 ? single : regexp });
    }
  }
}

function patternWithReplacement(n: A.Expression): boolean {
  return n.kind === 'LiteralList' && n.values.length === 2 && n.values[0].kind === 'LiteralRegularExpression' && n.values[1].kind === 'LiteralString';
}

/** A hash key's literal value (for duplicate detection), as Puppet's literal evaluator sees it. */
function literalKey(n: A.Expression): { id: string; text: string } | undefined {
  switch (n.kind) {
    case 'LiteralString':
    case 'QualifiedName':
      return { id: `s:${n.value}`, text: n.value };
    case 'LiteralInteger':
      return { id: `i:${n.value}`, text: String(n.value) };
    case 'LiteralFloat':
      return { id: `f:${n.value}`, text: String(n.value) };
    case 'LiteralBoolean':
      return { id: `b:${n.value}`, text: String(n.value) };
    case 'LiteralUndef':
      return { id: 'u', text: '' };
    case 'LiteralDefault':
      return { id: 'd', text: 'default' };
    case 'LiteralRegularExpression':
      return { id: `r:${n.pattern}`, text: `(?-mix:${n.pattern})` };
    case 'ConcatenatedString':
      if (n.segments.length === 1 && n.segments[0].kind === 'LiteralString') return { id: `s:${n.segments[0].value}`, text: n.segments[0].value };
      return undefined;
    default:
      return undefined;
  }
}
