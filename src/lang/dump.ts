// S-expression dump of the syntax tree for golden tests. The format is the one
// of Puppet's own ModelTreeDumper (pops/model/model_tree_dumper.rb), quirks
// included (e.g. an `if` without `else` leaves the indentation one level
// deeper, collector operations are not shown), so expected dumps can be
// produced by real Puppet and compared byte for byte.
import type * as A from './ast.js';

const INDENT = Symbol('indent');
const DEDENT = Symbol('dedent');
const BREAK = Symbol('break');
type Marker = typeof INDENT | typeof DEDENT | typeof BREAK;
type Tree = string | Marker | Tree[];

/** Dumps a program (its body) or any node as Puppet's tree dumper would. */
export function dump(node: A.Node | undefined): string {
  return new Dumper().dump(node);
}

/** Ruby's Float#to_s. */
export function rubyFloat(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
  if (v === 0) return Object.is(v, -0) ? '-0.0' : '0.0';
  const [mant, expPart] = v.toExponential().split('e');
  const exp = parseInt(expPart, 10);
  const sign = mant.startsWith('-') ? '-' : '';
  const digits = mant.replace('-', '').replace('.', '');
  const decpt = exp + 1;
  if (decpt > 0 && decpt <= 16) {
    const intPart = digits.slice(0, decpt).padEnd(decpt, '0');
    const frac = digits.slice(decpt);
    return `${sign}${intPart}.${frac === '' ? '0' : frac}`;
  }
  if (decpt <= 0 && decpt > -4) {
    return `${sign}0.${'0'.repeat(-decpt)}${digits}`;
  }
  const frac = digits.slice(1);
  const e = decpt - 1;
  return `${sign}${digits[0]}.${frac === '' ? '0' : frac}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

/** Ruby's Regexp#inspect body: unescaped `/` shown as `\/`. */
function inspectRegexpSource(src: string): string {
  let out = '';
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\' && i + 1 < src.length) {
      out += c + src[++i];
    } else {
      out += c === '/' ? '\\/' : c;
    }
  }
  return out;
}

function isRubySpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';
}

/** Ruby's `s =~ /.*(?:\s+|\()$/`: some line (`$` is before a \n or at the end) ends in whitespace or `(`. */
function endsLineWithSpaceOrParen(s: string): boolean {
  for (let p = 1; p <= s.length; p++) {
    if (p === s.length || s[p] === '\n') {
      const c = s[p - 1];
      if (c === '(' || isRubySpace(c)) return true;
    }
  }
  return false;
}

/** Ruby's `s =~ /^\s+/`: some line (start, or after a \n) starts with whitespace. */
function startsLineWithSpace(s: string): boolean {
  for (let p = 0; p < s.length; p++) {
    if ((p === 0 || s[p - 1] === '\n') && isRubySpace(s[p])) return true;
  }
  return false;
}

function integerOf(n: A.LiteralInteger): bigint {
  try {
    return BigInt(n.radix === 8 ? `0o${n.text.slice(1)}` : n.text);
  } catch {
    return BigInt(n.value);
  }
}

class Dumper {
  private indentCount = 0;

  dump(node: A.Node | undefined): string {
    return this.format(this.doDump(node));
  }

  private format(x: Tree): string {
    const parts = this.formatR(x);
    let result = '';
    for (let i = 0; i < parts.length; i++) {
      if (i > 0) {
        const prev = parts[i - 1];
        const cur = parts[i];
        if (cur !== ')' && !endsLineWithSpaceOrParen(prev) && !startsLineWithSpace(cur)) result += ' ';
      }
      result += parts[i];
    }
    return result;
  }

  private formatR(x: Tree): string[] {
    if (x === BREAK) return [`\n${'  '.repeat(Math.max(this.indentCount, 0))}`];
    if (x === INDENT) {
      this.indentCount++;
      return [];
    }
    if (x === DEDENT) {
      this.indentCount--;
      return [];
    }
    if (Array.isArray(x)) {
      const out = ['('];
      for (const a of x) out.push(...this.formatR(a));
      out.push(')');
      return out;
    }
    return [x as string];
  }

  private list(items: readonly A.Node[]): Tree[] {
    return items.map((n) => this.doDump(n));
  }

  private body(b: A.Expression | undefined): Tree {
    return b ? this.doDump(b) : [];
  }

  private params(ps: readonly A.Parameter[]): Tree[] {
    return ps.length > 0 ? [['parameters', ...this.list(ps)]] : [];
  }

  private withOps(head: Tree[], ops: readonly A.Node[]): Tree[] {
    const r: Tree[] = [...head, INDENT];
    for (const op of ops) r.push(BREAK, this.doDump(op));
    r.push(DEDENT);
    return r;
  }

  private form(f: A.ResourceForm): string {
    return f === 'regular' ? '' : `${f}-`;
  }

  doDump(n: A.Node | undefined): Tree {
    if (n === undefined) return '()';
    switch (n.kind) {
      case 'Program':
        return this.dump(n.body ?? { kind: 'Nop', span: n.span });
      case 'LiteralFloat':
        return rubyFloat(n.value);
      case 'LiteralInteger': {
        // exact for any size: from the source text, as Ruby's Integer is
        const v = integerOf(n);
        if (n.radix === 8) return `0${v.toString(8)}`;
        if (n.radix === 16) return `0x${v.toString(16).toUpperCase()}`;
        return v.toString();
      }
      case 'LiteralBoolean':
        return String(n.value);
      case 'QualifiedName':
        return n.value;
      case 'QualifiedReference':
        return n.cased;
      case 'LiteralString':
        return `'${n.value}'`;
      case 'LiteralDefault':
        return ':default';
      case 'LiteralUndef':
        return ':undef';
      case 'Nop':
        return ':nop';
      case 'LiteralRegularExpression':
        return `/${inspectRegexpSource(n.pattern)}/`;
      case 'ArithmeticExpression':
      case 'ComparisonExpression':
      case 'MatchExpression':
      case 'AssignmentExpression':
      case 'RelationshipExpression':
        return [n.operator, this.doDump(n.leftExpr), this.doDump(n.rightExpr)];
      case 'AndExpression':
        return ['&&', this.doDump(n.leftExpr), this.doDump(n.rightExpr)];
      case 'OrExpression':
        return ['||', this.doDump(n.leftExpr), this.doDump(n.rightExpr)];
      case 'InExpression':
        return ['in', this.doDump(n.leftExpr), this.doDump(n.rightExpr)];
      case 'AccessExpression':
        if (n.keys.length <= 1) return ['slice', this.doDump(n.leftExpr), this.doDump(n.keys[0])];
        return ['slice', this.doDump(n.leftExpr), this.list(n.keys)];
      case 'CollectExpression':
        // Puppet's dumper never shows the operations (it passes a block to an attribute reader)
        return ['collect', this.doDump(n.typeExpr), INDENT, BREAK, this.doDump(n.query), INDENT, DEDENT, DEDENT];
      case 'EppExpression':
        return ['epp', this.body(n.body)];
      case 'ExportedQuery':
        return n.expr === undefined || n.expr.kind === 'Nop' ? ['<<| |>>'] : ['<<| |>>', this.doDump(n.expr)];
      case 'VirtualQuery':
        return n.expr === undefined || n.expr.kind === 'Nop' ? ['<| |>'] : ['<| |>', this.doDump(n.expr)];
      case 'AttributeOperation':
        return [n.attributeName, n.operator, this.doDump(n.valueExpr)];
      case 'AttributesOperation':
        return ['* =>', this.doDump(n.expr)];
      case 'LiteralList':
        return ['[]', ...this.list(n.values)];
      case 'LiteralHash':
        return ['{}', ...this.list(n.entries)];
      case 'KeyedEntry':
        return [this.doDump(n.key), this.doDump(n.value)];
      case 'LambdaExpression': {
        const r: Tree[] = ['lambda', ...this.params(n.parameters)];
        if (n.returnType) r.push(['return_type', this.doDump(n.returnType)]);
        r.push(this.body(n.body));
        return r;
      }
      case 'NamedAccessExpression':
        return ['.', this.doDump(n.leftExpr), this.doDump(n.rightExpr)];
      case 'NotExpression':
        return ['!', this.dump(n.expr)];
      case 'VariableExpression':
        return `$${n.name}`;
      case 'TextExpression':
        return ['str', this.doDump(n.expr)];
      case 'UnaryMinusExpression':
        return ['-', this.doDump(n.expr)];
      case 'UnfoldExpression':
        return ['unfold', this.doDump(n.expr)];
      case 'BlockExpression': {
        const r: Tree[] = ['block', INDENT];
        for (const s of n.statements) r.push(BREAK, this.doDump(s));
        r.push(DEDENT, BREAK);
        return r;
      }
      case 'ConcatenatedString':
        return ['cat', ...this.list(n.segments)];
      case 'HeredocExpression':
        return [`@(${n.syntax ?? ''})`, INDENT, BREAK, this.doDump(n.textExpr), DEDENT, BREAK];
      case 'HostClassDefinition': {
        const r: Tree[] = ['class', n.name];
        if (n.parentClass) r.push(['inherits', n.parentClass]);
        r.push(...this.params(n.parameters), this.body(n.body));
        return r;
      }
      case 'NodeDefinition': {
        const r: Tree[] = ['node', ['matches', ...this.list(n.hostMatches)]];
        if (n.parent) r.push(['parent', this.doDump(n.parent)]);
        r.push(this.body(n.body));
        return r;
      }
      case 'ResourceTypeDefinition':
        return ['define', n.name, ...this.params(n.parameters), this.body(n.body)];
      case 'FunctionDefinition': {
        const r: Tree[] = ['function', n.name, ...this.params(n.parameters)];
        if (n.returnType) r.push(['return_type', this.doDump(n.returnType)]);
        r.push(this.body(n.body));
        return r;
      }
      case 'ResourceOverrideExpression':
        return this.withOps([`${this.form(n.form)}override`, this.doDump(n.resources)], n.operations);
      case 'ReservedWord':
        return ['reserved', n.word];
      case 'Parameter': {
        const name = `${n.capturesRest ? '*' : ''}${n.name}`;
        if (n.value && n.typeExpr) return ['=t', this.doDump(n.typeExpr), name, this.doDump(n.value)];
        if (n.value) return ['=', name, this.doDump(n.value)];
        if (n.typeExpr) return ['t', this.doDump(n.typeExpr), name];
        return name;
      }
      case 'ParenthesizedExpression':
        return this.doDump(n.expr);
      case 'IfExpression':
      case 'UnlessExpression': {
        const r: Tree[] = [n.kind === 'IfExpression' ? 'if' : 'unless', this.doDump(n.test), INDENT, BREAK, ['then', INDENT, this.doDump(n.thenExpr), DEDENT]];
        if (n.elseExpr !== undefined && n.elseExpr.kind !== 'Nop') {
          r.push(BREAK, ['else', INDENT, this.doDump(n.elseExpr), DEDENT], DEDENT);
        }
        return r;
      }
      case 'CallNamedFunctionExpression': {
        const r: Tree[] = [n.rvalRequired ? 'call' : 'invoke', this.doDump(n.functorExpr), ...this.list(n.arguments)];
        if (n.lambda) r.push(this.doDump(n.lambda));
        return r;
      }
      case 'CallMethodExpression': {
        const r: Tree[] = [n.rvalRequired ? 'call-method' : 'invoke-method', this.doDump(n.functorExpr), ...this.list(n.arguments)];
        if (n.lambda) r.push(this.doDump(n.lambda));
        return r;
      }
      case 'CaseExpression': {
        const r: Tree[] = ['case', this.doDump(n.test), INDENT];
        for (const o of n.options) r.push(BREAK, this.doDump(o));
        r.push(DEDENT);
        return r;
      }
      case 'CaseOption':
        return ['when', this.list(n.values), ['then', this.doDump(n.thenExpr)]];
      case 'RenderStringExpression':
        return ['render-s', ` '${n.value}'`];
      case 'RenderExpression':
        return ['render', this.doDump(n.expr)];
      case 'ResourceBody':
        return this.withOps([this.doDump(n.title)], n.operations);
      case 'ResourceDefaultsExpression':
        return this.withOps([`${this.form(n.form)}resource-defaults`, this.doDump(n.typeRef)], n.operations);
      case 'ResourceExpression': {
        const r: Tree[] = [`${this.form(n.form)}resource`, this.doDump(n.typeName), INDENT];
        for (const b of n.bodies) r.push(BREAK, this.doDump(b));
        r.push(DEDENT);
        return r;
      }
      case 'SelectorExpression':
        return ['?', this.doDump(n.leftExpr), ...this.list(n.selectors)];
      case 'SelectorEntry':
        return [this.doDump(n.matchingExpr), '=>', this.doDump(n.valueExpr)];
      case 'TypeAlias':
        return ['type-alias', n.name, this.doDump(n.typeExpr)];
      case 'TypeMapping':
        return ['type-mapping', this.doDump(n.typeExpr), this.doDump(n.mappingExpr)];
      case 'TypeDefinition':
        return ['type-definition', n.name, n.parent ?? '', this.doDump(n.body)];
    }
  }
}
