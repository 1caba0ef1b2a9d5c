// Definitions: classes (nested names qualified by the enclosing class), defines,
// nodes (host matchers), functions, type aliases, type mappings and type
// definitions; and what they share with lambdas: parameter lists and return types.
import type * as A from './ast.js';
import { T, type Token } from './tokens.js';
import { ParserState, loc } from './parser-state.js';
import {
  buildBody,
  parseAccessArgs,
  parseArray,
  parseBraceStatements,
  parseExpression,
  parseHash,
  parsePrimary,
  parseStatements,
  qualifiedReference,
} from './parser-expressions.js';

/** Puppet's `classname`: NAME, WORD or CLASSREF (with Puppet's errors for `class` and strings). */
function parseClassname(p: ParserState): Token {
  const t = p.tok;
  switch (t.type) {
    case T.NAME:
    case T.WORD:
    case T.CLASSREF:
      return p.next();
    case T.CLASS:
      return p.error(t, "'class' keyword not allowed at this location");
    case T.STRING:
      return p.error(t, 'A quoted string is not valid as a name here');
    default:
      return p.syntaxError();
  }
}

/** `( params )`, `()` or nothing. */
function parseParameterList(p: ParserState): A.Parameter[] {
  if (p.cur() !== T.LPAREN && p.cur() !== T.WSLPAREN) return [];
  p.next();
  const params = p.cur() === T.RPAREN ? [] : parseParameters(p, T.RPAREN);
  p.expect(T.RPAREN);
  return params;
}

/** Parameters separated by commas with an optional trailing comma before `close`. */
export function parseParameters(p: ParserState, close: T): A.Parameter[] {
  const params = [parseParameter(p)];
  while (p.cur() === T.COMMA) {
    p.next();
    if (p.cur() === close) break;
    params.push(parseParameter(p));
  }
  return params;
}

function parseParameter(p: ParserState): A.Parameter {
  let typeExpr: A.Expression | undefined;
  if (p.cur() === T.CLASSREF) typeExpr = parseParameterType(p);
  const rest = p.accept(T.TIMES) !== undefined;
  const v = p.expect(T.VARIABLE);
  let value: A.Expression | undefined;
  if (p.accept(T.EQUALS)) value = parseExpression(p);
  return { kind: 'Parameter', span: loc(v), name: v.value, value, typeExpr, capturesRest: rest };
}

/** `Type` or `Type[args]` (no trailing comma in the brackets). */
export function parseParameterType(p: ParserState): A.Expression {
  const t = p.expect(T.CLASSREF);
  const ref = qualifiedReference(t);
  if (p.cur() !== T.LBRACK) return ref;
  p.next();
  const keys = parseAccessArgs(p, false);
  const rb = p.expect(T.RBRACK);
  return { kind: 'AccessExpression', span: loc(ref, rb), leftExpr: ref, keys };
}

/** `>> Type` or `>> Type[args]` */
function parseOptReturnType(p: ParserState): A.Expression | undefined {
  if (p.cur() !== T.RSHIFT) return undefined;
  p.next();
  return parseParameterType(p);
}

/** `|params| >> Type { body }` */
export function parseLambda(p: ParserState): A.LambdaExpression {
  const start = p.expect(T.PIPE);
  const parameters = p.cur() === T.PIPE ? [] : parseParameters(p, T.PIPE);
  p.expect(T.PIPE);
  const returnType = parseOptReturnType(p);
  const { stmts, rbrace } = parseBraceStatements(p);
  return { kind: 'LambdaExpression', span: loc(start, rbrace), parameters, body: buildBody(stmts, start.start), returnType };
}

function parseDefinitionBody(p: ParserState, kw: Token): { body: A.Expression | undefined; rbrace: Token } {
  const { stmts, rbrace } = parseBraceStatements(p);
  return { body: buildBody(stmts, kw.start), rbrace };
}

export function parseClass(p: ParserState): A.Expression {
  const kw = p.expect(T.CLASS);
  const nameTok = parseClassname(p);
  const name = p.qualify(nameTok.value);
  p.namestack.push(nameTok.value);
  try {
    const parameters = parseParameterList(p);
    let parentClass: string | undefined;
    if (p.accept(T.INHERITS)) {
      if (p.cur() === T.DEFAULT) parentClass = p.next().value;
      else parentClass = parseClassname(p).value;
    }
    const { body, rbrace } = parseDefinitionBody(p, kw);
    return p.addDefinition({
      kind: 'HostClassDefinition',
      span: loc(kw, rbrace),
      name,
      parameters,
      parentClass,
      body,
      source: p.source,
    });
  } finally {
    p.namestack.pop();
  }
}

export function parseDefine(p: ParserState): A.Expression {
  const kw = p.expect(T.DEFINE);
  const name = p.qualify(parseClassname(p).value);
  const parameters = parseParameterList(p);
  const { body, rbrace } = parseDefinitionBody(p, kw);
  return p.addDefinition({ kind: 'ResourceTypeDefinition', span: loc(kw, rbrace), name, parameters, body, source: p.source });
}

export function parseFunction(p: ParserState): A.Expression {
  const kw = p.expect(T.FUNCTION);
  const name = parseClassname(p).value;
  const parameters = parseParameterList(p);
  const returnType = parseOptReturnType(p);
  const { body, rbrace } = parseDefinitionBody(p, kw);
  return p.addDefinition({ kind: 'FunctionDefinition', span: loc(kw, rbrace), name, parameters, body, returnType, source: p.source });
}

export function parseNode(p: ParserState): A.Expression {
  const kw = p.expect(T.NODE);
  const hostMatches = [parseHostname(p)];
  while (p.cur() === T.COMMA) {
    p.next();
    if (p.cur() === T.LBRACE || p.cur() === T.INHERITS) break;
    hostMatches.push(parseHostname(p));
  }
  let parent: A.Expression | undefined;
  if (p.accept(T.INHERITS)) parent = parseHostname(p);
  const { stmts, rbrace } = parseBraceStatements(p);
  return p.addDefinition({ kind: 'NodeDefinition', span: loc(kw, rbrace), hostMatches, parent, body: buildBody(stmts, kw.start), source: p.source });
}

/** A node name: dotted names/numbers, a string, `default`, or a regexp. */
function parseHostname(p: ParserState): A.Expression {
  const t = p.tok;
  switch (t.type) {
    case T.NAME:
    case T.NUMBER: {
      p.next();
      let value = t.value;
      let last: Token = t;
      while (p.cur() === T.DOT) {
        p.next();
        if (p.cur() !== T.NAME && p.cur() !== T.NUMBER) p.syntaxError();
        last = p.next();
        value += `.${last.value}`;
      }
      return { kind: 'LiteralString', span: loc(t, last), value };
    }
    case T.STRING:
    case T.WORD:
    case T.DQPRE:
    case T.HEREDOC:
    case T.REGEX:
      return parseExpressionPrimaryOnly(p);
    case T.DEFAULT:
      p.next();
      return { kind: 'LiteralDefault', span: loc(t) };
    default:
      return p.syntaxError();
  }
}

/** Host names that are strings or regexps: one primary without operators. */
function parseExpressionPrimaryOnly(p: ParserState): A.Expression {
  const t = p.tok;
  if (t.type === T.STRING || t.type === T.WORD) {
    p.next();
    return { kind: 'LiteralString', span: loc(t), value: t.value };
  }
  if (t.type === T.REGEX) {
    p.next();
    return { kind: 'LiteralRegularExpression', span: loc(t), pattern: t.value };
  }
  // a double-quoted string or heredoc alone (a following `.` or operator is a syntax error)
  return parsePrimary(p);
}

/** `type Name = ...`, `type Name[...] = ...` (mapping), `type Name inherits Parent { }`. */
export function parseType(p: ParserState): A.Expression {
  const kw = p.expect(T.TYPE);
  const nameTok = p.tok;
  if (nameTok.type !== T.CLASSREF) p.syntaxError();
  if (p.peek().type === T.LBRACE || p.peek().type === T.INHERITS) {
    p.next();
    let parent: string | undefined;
    if (p.accept(T.INHERITS)) parent = p.expect(T.CLASSREF).value;
    p.expect(T.LBRACE);
    const stmts = parseStatements(p, (t) => t === T.RBRACE);
    const rb = p.expect(T.RBRACE);
    return p.addDefinition({ kind: 'TypeDefinition', span: loc(kw, rb), name: nameTok.value, parent, body: buildBody(stmts, kw.start), source: p.source });
  }
  const lhs = parseParameterType(p);
  p.expect(T.EQUALS);
  let rhs: A.Expression;
  let end: A.Expression;
  if (p.cur() === T.CLASSREF) {
    const ref = qualifiedReference(p.next());
    if (p.cur() === T.LBRACE) {
      const hash = parseHash(p) as A.LiteralHash;
      rhs = objectFromParent(ref, hash, lhs.span.start);
      end = hash;
    } else if (p.cur() === T.LBRACK) {
      p.next();
      const keys = parseAccessArgs(p, true);
      const rb = p.expect(T.RBRACK);
      // unlocated in Puppet: the alias's offset, length 0
      rhs = { kind: 'AccessExpression', span: { start: lhs.span.start, end: lhs.span.start }, leftExpr: ref, keys };
      end = { ...rhs, span: loc(rb) };
    } else {
      rhs = ref;
      end = ref;
    }
  } else if (p.cur() === T.LBRACE) {
    const hash = parseHash(p) as A.LiteralHash;
    const at = { start: lhs.span.start, end: lhs.span.start };
    rhs = { kind: 'AccessExpression', span: at, leftExpr: synthRef('Object', at), keys: [hash] };
    end = hash;
  } else if (p.cur() === T.LISTSTART || p.cur() === T.LBRACK) {
    rhs = parseArray(p);
    end = rhs;
  } else {
    return p.syntaxError();
  }
  // Puppet locates aliases and mappings from the name, not from `type`
  if (lhs.kind === 'AccessExpression') {
    return p.addDefinition({ kind: 'TypeMapping', span: loc(lhs, end), typeExpr: lhs, mappingExpr: rhs, source: p.source });
  }
  const name = lhs.kind === 'QualifiedReference' ? lhs.cased : '';
  return p.addDefinition({ kind: 'TypeAlias', span: loc(lhs, end), name, typeExpr: rhs, source: p.source });
}

function synthRef(name: string, span: A.Span): A.QualifiedReference {
  return { kind: 'QualifiedReference', span, cased: name, value: name.toLowerCase() };
}

/**
 * Puppet's rewrite of `type X = Parent { ... }` into `Object[{ parent => Parent, ... }]`.
 * The synthesized nodes are unlocated in Puppet and take their container's
 * offset: the alias (`aliasStart`) or the hash.
 */
function objectFromParent(parent: A.QualifiedReference, hash: A.LiteralHash, aliasStart: number): A.Expression {
  const at = { start: aliasStart, end: aliasStart };
  let base = parent;
  let h = hash;
  if (parent.cased !== 'Object' && parent.cased !== 'TypeSet') {
    const inHash = { start: hash.span.start, end: hash.span.start };
    const key: A.QualifiedName = { kind: 'QualifiedName', span: inHash, value: 'parent' };
    h = { ...hash, entries: [...hash.entries, { kind: 'KeyedEntry', span: inHash, key, value: parent }] };
    base = synthRef('Object', at);
  }
  return { kind: 'AccessExpression', span: at, leftExpr: base, keys: [h] };
}
