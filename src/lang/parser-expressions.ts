// Expressions: statements and Puppet's statement-call rewrite, assignment,
// relationships, binary operators by Puppet's precedence table (egrammar.ra),
// unary and postfix operators (access, method and function calls, lambdas,
// collectors), selectors, and primary expressions (literals, strings, arrays,
// hashes, conditionals). Resources and definitions live in their own modules.
import type * as A from './ast.js';
import { T, type Token } from './tokens.js';
import { ParserState, loc, type Locatable } from './parser-state.js';
import { parseResource, parseResourceRest, parseCollect } from './parser-resources.js';
import { parseClass, parseDefine, parseNode, parseFunction, parseType, parseLambda, parseParameterType } from './parser-definitions.js';

// ------------------------------------------------------------ statements

/** A comma separated run of expressions at statement level (arguments of a statement call). */
interface CommaList {
  readonly list: A.Expression[];
  readonly firstComma: Token;
}
type SyntacticStatement = A.Expression | CommaList;

/** Functions that may be called without parentheses as statements (Puppet's STATEMENT_CALLS). */
const STATEMENT_CALLS = new Set([
  'require', 'realize', 'include', 'contain', 'tag',
  'debug', 'info', 'notice', 'warning', 'err',
  'fail', 'import', 'break', 'next', 'return',
]);

/**
 * Parses statements until `isEnd` holds for the current token (which is not
 * consumed). Statements are separated by optional `;`, but a `;` must be
 * followed by another statement (Puppet's grammar rejects `a;}` and `a;` at
 * the end of input).
 */
export function parseStatements(p: ParserState, isEnd: (t: T) => boolean): A.Expression[] {
  const items: SyntacticStatement[] = [];
  let afterSemicolon = false;
  while (!isEnd(p.cur())) {
    if (!afterSemicolon && items.length > 0 && !startsStatement(p.cur())) {
      // Puppet's parser reduces the statements before it notices the bad
      // token, so its call rewrite (and the errors it raises) comes first
      transformCalls(p, items);
      p.syntaxError();
    }
    items.push(parseSyntacticStatement(p));
    afterSemicolon = false;
    if (p.cur() === T.SEMIC) {
      p.next();
      afterSemicolon = true;
      if (isEnd(p.cur())) p.syntaxError();
    }
  }
  return transformCalls(p, items);
}

/** Tokens that can begin a statement (the FIRST set of the grammar's `assignment`). */
function startsStatement(t: T): boolean {
  switch (t) {
    case T.VARIABLE:
    case T.NUMBER:
    case T.STRING:
    case T.WORD:
    case T.DQPRE:
    case T.HEREDOC:
    case T.REGEX:
    case T.BOOLEAN:
    case T.DEFAULT:
    case T.UNDEF:
    case T.NAME:
    case T.CLASSREF:
    case T.LISTSTART:
    case T.LBRACK:
    case T.LBRACE:
    case T.LPAREN:
    case T.WSLPAREN:
    case T.CASE:
    case T.IF:
    case T.UNLESS:
    case T.CLASS:
    case T.DEFINE:
    case T.NODE:
    case T.FUNCTION:
    case T.TYPE:
    case T.PRIVATE:
    case T.ATTR:
    case T.RENDER_STRING:
    case T.RENDER_EXPR:
    case T.NOT:
    case T.MINUS:
    case T.TIMES:
    case T.AT:
    case T.ATAT:
      return true;
    default:
      return false;
  }
}

function parseSyntacticStatement(p: ParserState): SyntacticStatement {
  const first = parseAssignment(p);
  if (p.cur() !== T.COMMA) return first;
  const firstComma = p.tok;
  const list = [first];
  while (p.accept(T.COMMA)) list.push(parseAssignment(p));
  return { list, firstComma };
}

function isCommaList(s: SyntacticStatement): s is CommaList {
  return 'firstComma' in s;
}

/** Puppet's transform_calls: `name arg` and `name a, b` become calls for statement-call names. */
function transformCalls(p: ParserState, items: SyntacticStatement[]): A.Expression[] {
  const memo: A.Expression[] = [];
  for (const item of items) {
    const name = memo[memo.length - 1];
    if (name !== undefined && name.kind === 'QualifiedName' && STATEMENT_CALLS.has(name.value)) {
      const args = isCommaList(item) ? item.list : [item];
      const last = args[args.length - 1];
      const argsFixed = !isCommaList(item) && item.kind === 'CallNamedFunctionExpression' ? [{ ...item, rvalRequired: true }] : args;
      memo[memo.length - 1] = {
        kind: 'CallNamedFunctionExpression',
        span: loc(name, last),
        functorExpr: name,
        arguments: argsFixed,
        lambda: undefined,
        rvalRequired: false,
      };
    } else if (isCommaList(item)) {
      if (name !== undefined && name.kind === 'QualifiedName') {
        p.error(item.firstComma, `attempt to pass argument list to the function '${name.value}' which cannot be called without parentheses`);
      }
      p.error(item.firstComma, 'illegal comma separated argument list');
    } else if (item.kind === 'CallNamedFunctionExpression' && item.rvalRequired) {
      memo.push({ ...item, rvalRequired: false });
    } else {
      memo.push(item);
    }
  }
  return memo;
}

/** One statement is itself; more make a BlockExpression located at the braces (or the statements). */
export function blockOrExpression(stmts: A.Expression[], lbrace?: Locatable, rbrace?: Locatable): A.Expression | undefined {
  if (stmts.length === 0) return undefined;
  if (stmts.length === 1) return stmts[0];
  const span = lbrace && rbrace ? loc(lbrace, rbrace) : loc(stmts[0], stmts[stmts.length - 1]);
  return { kind: 'BlockExpression', span, statements: stmts };
}

/**
 * A body of a definition, lambda, case option or template: always a block when
 * present (Puppet's f_build_body). Puppet does not locate this block; it takes
 * its container's offset with length 0, and so does this.
 */
export function buildBody(stmts: A.Expression[] | undefined, containerStart: number): A.Expression | undefined {
  if (stmts === undefined || stmts.length === 0) return undefined;
  return { kind: 'BlockExpression', span: { start: containerStart, end: containerStart }, statements: stmts };
}

/** `{ statements }` or `{ }`; returns the statements and the brace tokens. */
export function parseBraceStatements(p: ParserState): { stmts: A.Expression[]; lbrace: Token; rbrace: Token } {
  const lbrace = p.expect(T.LBRACE);
  const stmts = parseStatements(p, (t) => t === T.RBRACE);
  const rbrace = p.expect(T.RBRACE);
  return { stmts, lbrace, rbrace };
}

// ------------------------------------------------------------ assignment

export function parseAssignment(p: ParserState): A.Expression {
  return parseAssignmentRest(p, parseRelationshipRest(p, parseResource(p)));
}

/** Continues an assignment whose left side is parsed. */
function parseAssignmentRest(p: ParserState, left: A.Expression): A.Expression {
  const t = p.cur();
  if (t === T.EQUALS || t === T.APPENDS || t === T.DELETES) {
    const op = p.next();
    const right = parseAssignment(p);
    return { kind: 'AssignmentExpression', span: loc(op), operator: op.value as A.AssignmentOperator, leftExpr: left, rightExpr: right };
  }
  return left;
}

function parseRelationshipRest(p: ParserState, left: A.Expression): A.Expression {
  for (;;) {
    const t = p.cur();
    if (t !== T.IN_EDGE && t !== T.IN_EDGE_SUB && t !== T.OUT_EDGE && t !== T.OUT_EDGE_SUB) return left;
    const op = p.next();
    const right = parseResource(p);
    left = { kind: 'RelationshipExpression', span: loc(op), operator: op.value as A.RelationshipOperator, leftExpr: left, rightExpr: right };
  }
}

// ------------------------------------------------------------ operators

const P_OR = 1;
const P_AND = 2;
const P_QMARK = 3;

/** Binding power of binary operators, from Puppet's precedence table (0: not a binary operator). */
function binaryPrecedence(t: T): number {
  switch (t) {
    case T.OR:
      return P_OR;
    case T.AND:
      return P_AND;
    case T.QMARK:
      return P_QMARK;
    case T.GREATEREQUAL:
    case T.GREATERTHAN:
    case T.LESSTHAN:
    case T.LESSEQUAL:
      return 4;
    case T.NOTEQUAL:
    case T.ISEQUAL:
      return 5;
    case T.LSHIFT:
    case T.RSHIFT:
      return 6;
    case T.MINUS:
    case T.PLUS:
      return 7;
    case T.TIMES:
    case T.DIV:
    case T.MODULO:
      return 8;
    case T.MATCH:
    case T.NOMATCH:
      return 9;
    case T.IN:
      return 10;
    default:
      return 0;
  }
}

/** An `expression` of the grammar: operators, but no assignment, relationship or resource body. */
export function parseExpression(p: ParserState, minPrec = 0): A.Expression {
  let left = parseUnary(p);
  for (;;) {
    const t = p.cur();
    const prec = binaryPrecedence(t);
    if (prec === 0 || prec < minPrec) return left;
    if (t === T.QMARK) {
      left = parseSelector(p, left);
      continue;
    }
    const op = p.next();
    const right = parseExpression(p, prec + 1);
    left = makeBinary(op, left, right);
  }
}

function makeBinary(op: Token, left: A.Expression, right: A.Expression): A.Expression {
  const span = loc(op);
  switch (op.type) {
    case T.OR:
      return { kind: 'OrExpression', span, leftExpr: left, rightExpr: right };
    case T.AND:
      return { kind: 'AndExpression', span, leftExpr: left, rightExpr: right };
    case T.IN:
      return { kind: 'InExpression', span, leftExpr: left, rightExpr: right };
    case T.MATCH:
    case T.NOMATCH:
      return { kind: 'MatchExpression', span, operator: op.value as A.MatchOperator, leftExpr: left, rightExpr: right };
    case T.ISEQUAL:
    case T.NOTEQUAL:
    case T.LESSTHAN:
    case T.LESSEQUAL:
    case T.GREATERTHAN:
    case T.GREATEREQUAL:
      return { kind: 'ComparisonExpression', span, operator: op.value as A.ComparisonOperator, leftExpr: left, rightExpr: right };
    default:
      return { kind: 'ArithmeticExpression', span, operator: op.value as A.ArithmeticOperator, leftExpr: left, rightExpr: right };
  }
}

/** `left ? x => y` or `left ? { x => y, ... }` */
function parseSelector(p: ParserState, left: A.Expression): A.Expression {
  p.expect(T.QMARK);
  const selectors: A.SelectorEntry[] = [];
  if (p.cur() === T.SELBRACE) {
    p.next();
    selectors.push(parseSelectorEntry(p));
    while (p.cur() === T.COMMA) {
      p.next();
      if (p.cur() === T.RBRACE) break;
      selectors.push(parseSelectorEntry(p));
    }
    p.expect(T.RBRACE);
    const sel: A.Expression = { kind: 'SelectorExpression', span: loc(left), leftExpr: left, selectors };
    // the braced selector is complete: postfix operators apply to it as a whole
    return parsePostfix(p, sel);
  }
  selectors.push(parseSelectorEntry(p));
  return { kind: 'SelectorExpression', span: loc(left), leftExpr: left, selectors };
}

function parseSelectorEntry(p: ParserState): A.SelectorEntry {
  const matching = parseExpression(p);
  const arrow = p.expect(T.FARROW);
  const value = parseExpression(p);
  return { kind: 'SelectorEntry', span: loc(arrow), matchingExpr: matching, valueExpr: value };
}

function parseUnary(p: ParserState): A.Expression {
  const t = p.tok;
  switch (t.type) {
    case T.NOT: {
      p.next();
      return { kind: 'NotExpression', span: loc(t), expr: parseUnary(p) };
    }
    case T.MINUS: {
      p.next();
      return { kind: 'UnaryMinusExpression', span: loc(t), expr: parseUnary(p) };
    }
    case T.TIMES: {
      p.next();
      return { kind: 'UnfoldExpression', span: loc(t), expr: parseUnary(p) };
    }
    default:
      return parsePostfix(p, parsePrimary(p));
  }
}

/** Access `[...]`, method calls `.name`, calls `(...)` and collectors `<| |>` bind tightest. */
export function parsePostfix(p: ParserState, e: A.Expression): A.Expression {
  for (;;) {
    switch (p.cur()) {
      case T.LBRACK:
        e = parseAccess(p, e);
        break;
      case T.DOT:
        e = parseMethodCall(p, e);
        break;
      case T.LPAREN:
        e = parseCall(p, e, e);
        break;
      case T.LCOLLECT:
      case T.LLCOLLECT:
        e = parseCollect(p, e);
        break;
      default:
        return e;
    }
  }
}

function parseAccess(p: ParserState, left: A.Expression): A.Expression {
  p.expect(T.LBRACK);
  const keys = parseAccessArgs(p, true);
  const rb = p.expect(T.RBRACK);
  return { kind: 'AccessExpression', span: loc(left, rb), leftExpr: left, keys };
}

/** `access_args` (expressions or `k => v` pairs merged into unfolded hashes); stops before `]`. */
export function parseAccessArgs(p: ParserState, allowEndComma: boolean): A.Expression[] {
  const args: A.Expression[] = [];
  pushArgument(args, parseAccessArg(p));
  while (p.cur() === T.COMMA) {
    if (allowEndComma && p.peek().type === T.RBRACK) {
      p.next();
      break;
    }
    p.next();
    pushArgument(args, parseAccessArg(p));
  }
  return args;
}

/**
 * An access argument is an `expression`, or a `k => v` pair whose key may be a
 * full assignment-level entry. Puppet's parser keeps both open until the
 * token after the key, so an assignment-level key without `=>` is a syntax
 * error at that token.
 */
function parseAccessArg(p: ParserState): A.Expression {
  if (isKeywordEntry(p)) {
    const k = keywordLiteral(p);
    return p.cur() === T.FARROW ? unfoldedHash(p, k) : k;
  }
  const t = p.cur();
  const e = t === T.AT || t === T.ATAT || (t === T.CLASS && p.peek().type === T.LBRACE) ? parseResource(p) : parseExpression(p);
  const key = parseAssignmentRest(p, parseRelationshipRest(p, parseResourceRest(p, e)));
  if (p.cur() === T.FARROW) return unfoldedHash(p, key);
  if (key !== e || t === T.AT || t === T.ATAT || t === T.CLASS) p.syntaxError();
  return key;
}

/** Puppet's ARGUMENTS: adjacent `k => v` arguments merge into one unfolded hash. */
function pushArgument(args: A.Expression[], arg: A.Expression): void {
  const last = args[args.length - 1];
  if (arg.kind === 'LiteralHash' && arg.unfolded && last !== undefined && last.kind === 'LiteralHash' && last.unfolded) {
    args[args.length - 1] = { ...last, entries: [...last.entries, ...arg.entries] };
    return;
  }
  args.push(arg);
}

function unfoldedHash(p: ParserState, key: A.Expression): A.LiteralHash {
  const arrow = p.expect(T.FARROW);
  const value = parseHashEntry(p);
  const entry: A.KeyedEntry = { kind: 'KeyedEntry', span: loc(arrow), key, value };
  return { kind: 'LiteralHash', span: entry.span, entries: [entry], unfolded: true };
}

/** `arguments` of a call: assignments or `k => v` pairs. Stops before `)`. */
export function parseArguments(p: ParserState, allowEndComma: boolean): A.Expression[] {
  const args: A.Expression[] = [];
  pushArgument(args, parseArgument(p));
  while (p.cur() === T.COMMA) {
    if (allowEndComma && p.peek().type === T.RPAREN) {
      p.next();
      break;
    }
    p.next();
    pushArgument(args, parseArgument(p));
  }
  return args;
}

function parseArgument(p: ParserState): A.Expression {
  if (isKeywordEntry(p) && p.peek().type === T.FARROW) return unfoldedHash(p, keywordLiteral(p));
  const e = parseAssignment(p);
  if (p.cur() === T.FARROW) return unfoldedHash(p, e);
  return e;
}

/** `type` and `function` stand for their names as collection entries and hash keys. */
function isKeywordEntry(p: ParserState): boolean {
  const t = p.cur();
  if (t === T.TYPE) {
    const n = p.peek().type;
    return n !== T.CLASSREF && n !== T.LPAREN;
  }
  if (t === T.FUNCTION) {
    const n = p.peek().type;
    return n !== T.NAME && n !== T.WORD && n !== T.CLASSREF && n !== T.CLASS && n !== T.STRING;
  }
  return false;
}

function keywordLiteral(p: ParserState): A.LiteralString {
  const t = p.next();
  return { kind: 'LiteralString', span: loc(t), value: t.value };
}

function parseHashEntry(p: ParserState): A.Expression {
  return isKeywordEntry(p) ? keywordLiteral(p) : parseAssignment(p);
}

/** `functor(args) |params| { }` (functor is any expression, as in Puppet's grammar). */
function parseCall(p: ParserState, functor: A.Expression, start: Locatable): A.Expression {
  p.expect(T.LPAREN);
  let args: A.Expression[] = [];
  if (p.cur() !== T.RPAREN) args = parseArguments(p, true);
  const rp = p.expect(T.RPAREN);
  let lambda: A.LambdaExpression | undefined;
  if (p.cur() === T.PIPE) lambda = parseLambda(p);
  return {
    kind: 'CallNamedFunctionExpression',
    span: loc(start, lambda ?? rp),
    functorExpr: functor,
    arguments: args,
    lambda,
    rvalRequired: true,
  };
}

/** `recv.name`, `recv.name(args)`, each optionally followed by a lambda. */
function parseMethodCall(p: ParserState, recv: A.Expression): A.Expression {
  const dot = p.expect(T.DOT);
  const nameTok = p.tok;
  if (nameTok.type !== T.NAME && nameTok.type !== T.TYPE) p.syntaxError();
  p.next();
  // Puppet leaves the name unlocated: it takes the `.` expression's offset, length 0
  const name: A.QualifiedName = { kind: 'QualifiedName', span: { start: dot.start, end: dot.start }, value: nameTok.value };
  const access: A.NamedAccessExpression = { kind: 'NamedAccessExpression', span: loc(dot, nameTok), leftExpr: recv, rightExpr: name };
  let args: A.Expression[] = [];
  let span = access.span;
  if (p.cur() === T.LPAREN) {
    const lp = p.next();
    if (p.cur() !== T.RPAREN) {
      args = parseArguments(p, false);
      span = loc(lp, p.expect(T.RPAREN));
    } else {
      p.next();
      span = loc(lp);
    }
  }
  let lambda: A.LambdaExpression | undefined;
  if (p.cur() === T.PIPE) lambda = parseLambda(p);
  return { kind: 'CallMethodExpression', span, functorExpr: access, arguments: args, lambda, rvalRequired: true };
}

// ------------------------------------------------------------ primaries

export function parsePrimary(p: ParserState): A.Expression {
  const t = p.tok;
  switch (t.type) {
    case T.VARIABLE:
      p.next();
      return { kind: 'VariableExpression', span: loc(t), name: t.value };
    case T.NUMBER:
      p.next();
      return numberLiteral(t);
    case T.STRING:
    case T.WORD:
      p.next();
      return { kind: 'LiteralString', span: loc(t), value: t.value };
    case T.DQPRE:
      return parseDqString(p);
    case T.HEREDOC:
      return parseHeredoc(p);
    case T.REGEX:
      p.next();
      return { kind: 'LiteralRegularExpression', span: loc(t), pattern: t.value };
    case T.BOOLEAN:
      p.next();
      return { kind: 'LiteralBoolean', span: loc(t), value: t.value === 'true' };
    case T.DEFAULT:
      p.next();
      return { kind: 'LiteralDefault', span: loc(t) };
    case T.UNDEF:
      p.next();
      return { kind: 'LiteralUndef', span: loc(t) };
    case T.NAME:
      p.next();
      return { kind: 'QualifiedName', span: loc(t), value: t.value };
    case T.CLASSREF:
      p.next();
      return qualifiedReference(t);
    case T.LISTSTART:
    case T.LBRACK:
      return parseArray(p);
    case T.LBRACE:
      return parseHash(p);
    case T.LPAREN:
    case T.WSLPAREN: {
      p.next();
      const e = parseAssignment(p);
      p.expect(T.RPAREN);
      return { kind: 'ParenthesizedExpression', span: loc(t), expr: e };
    }
    case T.CASE:
      return parseCase(p);
    case T.IF:
      return parseIf(p);
    case T.UNLESS:
      return parseUnless(p);
    case T.CLASS:
      return parseClass(p);
    case T.DEFINE:
      return parseDefine(p);
    case T.NODE:
      return parseNode(p);
    case T.FUNCTION:
      return parseFunction(p);
    case T.TYPE:
      if (p.peek().type === T.LPAREN) {
        p.next();
        const name: A.QualifiedName = { kind: 'QualifiedName', span: loc(t), value: 'type' };
        return parseCall(p, name, name);
      }
      return parseType(p);
    case T.PRIVATE:
    case T.ATTR:
      p.next();
      return { kind: 'ReservedWord', span: loc(t), word: t.value, future: false };
    case T.RENDER_STRING:
      p.next();
      return { kind: 'RenderStringExpression', span: loc(t), value: t.value };
    case T.RENDER_EXPR:
      return parseRenderExpression(p);
    default:
      return p.syntaxError();
  }
}

export function qualifiedReference(t: Token): A.QualifiedReference {
  return { kind: 'QualifiedReference', span: loc(t), cased: t.value, value: t.value.toLowerCase() };
}

/** Puppet's to_n_with_radix for a NUMBER token. */
export function numberLiteral(t: Token): A.LiteralInteger | A.LiteralFloat {
  const text = t.value;
  if (/^0[xX]/.test(text)) return { kind: 'LiteralInteger', span: loc(t), value: parseInt(text.slice(2), 16), radix: 16, text };
  if (/[.eE]/.test(text)) return { kind: 'LiteralFloat', span: loc(t), value: parseFloat(text) };
  if (text.length > 1 && text[0] === '0') return { kind: 'LiteralInteger', span: loc(t), value: parseInt(text, 8), radix: 8, text };
  return { kind: 'LiteralInteger', span: loc(t), value: parseInt(text, 10), radix: 10, text };
}

function parseArray(p: ParserState): A.Expression {
  const lb = p.next();
  const values: A.Expression[] = [];
  if (p.cur() !== T.RBRACK) {
    pushArgument(values, parseCollectionEntry(p));
    while (p.cur() === T.COMMA) {
      p.next();
      if (p.cur() === T.RBRACK) break;
      pushArgument(values, parseCollectionEntry(p));
    }
  }
  const rb = p.expect(T.RBRACK);
  return { kind: 'LiteralList', span: loc(lb, rb), values };
}

function parseCollectionEntry(p: ParserState): A.Expression {
  if (isKeywordEntry(p)) {
    const k = keywordLiteral(p);
    return p.cur() === T.FARROW ? unfoldedHash(p, k) : k;
  }
  return parseArgument(p);
}

function parseHash(p: ParserState): A.Expression {
  const lb = p.expect(T.LBRACE);
  const entries: A.KeyedEntry[] = [];
  if (p.cur() !== T.RBRACE) {
    for (;;) {
      const key = parseHashEntry(p);
      const arrow = p.expect(T.FARROW);
      const value = parseHashEntry(p);
      entries.push({ kind: 'KeyedEntry', span: loc(arrow), key, value });
      if (p.cur() !== T.COMMA) break;
      p.next();
      if (p.cur() === T.RBRACE) break;
    }
  }
  const rb = p.expect(T.RBRACE);
  return { kind: 'LiteralHash', span: loc(lb, rb), entries, unfolded: false };
}

/** Used by type aliases (`type X = { ... }`). */
export { parseHash, parseArray };

function stringSegment(t: Token): A.LiteralString {
  return { kind: 'LiteralString', span: loc(t), value: t.value };
}

/** DQPRE expr (DQMID expr)* DQPOST; empty text segments are dropped as in Puppet. */
function parseDqString(p: ParserState): A.Expression {
  const pre = p.next();
  const segments: A.Expression[] = [stringSegment(pre)];
  for (;;) {
    const e = parseAssignment(p);
    // unlocated in Puppet: the string's offset, length 0
    segments.push({ kind: 'TextExpression', span: { start: pre.start, end: pre.start }, expr: interpolate(e) });
    if (p.cur() === T.DQMID) {
      segments.push(stringSegment(p.next()));
      continue;
    }
    if (p.cur() === T.DQPOST) {
      const post = p.next();
      segments.push(stringSegment(post));
      return {
        kind: 'ConcatenatedString',
        span: loc(pre, post),
        segments: segments.filter((s) => !(s.kind === 'LiteralString' && s.value === '')),
      };
    }
    p.syntaxError();
  }
}

function isRewriteable(e: A.Expression): boolean {
  switch (e.kind) {
    case 'AccessExpression':
    case 'QualifiedName':
    case 'NamedAccessExpression':
    case 'CallMethodExpression':
      return true;
    case 'LiteralInteger':
      return e.radix === 10;
    default:
      return false;
  }
}

/** Puppet's interpolate: in `${...}` a name (or the head of an access or method chain) is a variable. */
function interpolate(e: A.Expression): A.Expression {
  switch (e.kind) {
    case 'QualifiedName':
      return { kind: 'VariableExpression', span: e.span, name: e.value };
    case 'LiteralInteger':
      return { kind: 'VariableExpression', span: e.span, name: String(e.value) };
    case 'AccessExpression':
      return isRewriteable(e.leftExpr) ? { ...e, leftExpr: interpolate(e.leftExpr) } : e;
    case 'NamedAccessExpression':
      return isRewriteable(e.leftExpr) ? { ...e, leftExpr: interpolate(e.leftExpr) } : e;
    case 'CallMethodExpression':
      return isRewriteable(e.functorExpr) ? { ...e, functorExpr: interpolate(e.functorExpr) as A.NamedAccessExpression } : e;
    default:
      return e;
  }
}

function parseHeredoc(p: ParserState): A.Expression {
  const h = p.next();
  let text: A.Expression;
  if (p.cur() === T.STRING) text = stringSegment(p.next());
  else if (p.cur() === T.DQPRE) text = parseDqString(p);
  else return p.syntaxError();
  return { kind: 'HeredocExpression', span: loc(h), syntax: h.value === '' ? undefined : h.value, textExpr: text };
}

function parseCase(p: ParserState): A.Expression {
  const kw = p.next();
  const test = parseExpression(p);
  p.expect(T.LBRACE);
  const options: A.CaseOption[] = [];
  do {
    const values = [parseExpression(p)];
    while (p.accept(T.COMMA)) values.push(parseExpression(p));
    const colon = p.expect(T.COLON);
    const { stmts, rbrace } = parseBraceStatements(p);
    options.push({ kind: 'CaseOption', span: loc(colon, rbrace), values, thenExpr: buildBody(stmts, colon.start) });
  } while (p.cur() !== T.RBRACE);
  const rb = p.expect(T.RBRACE);
  return { kind: 'CaseExpression', span: loc(kw, rb), test, options };
}

function parseIf(p: ParserState): A.Expression {
  const kw = p.next();
  const part = parseIfPart(p);
  return { ...part, span: loc(kw, part) };
}

function parseIfPart(p: ParserState): A.IfExpression {
  const test = parseExpression(p);
  const { stmts, lbrace, rbrace } = parseBraceStatements(p);
  const thenExpr = blockOrExpression(stmts, lbrace, rbrace);
  let elseExpr: A.Expression | undefined;
  let end: Locatable = rbrace;
  if (p.cur() === T.ELSIF) {
    const kw = p.next();
    const part = parseIfPart(p);
    elseExpr = { ...part, span: loc(kw, part) };
    end = elseExpr;
  } else if (p.cur() === T.ELSE) {
    p.next();
    const b = parseBraceStatements(p);
    elseExpr = blockOrExpression(b.stmts, b.lbrace, b.rbrace);
    if (elseExpr) end = elseExpr;
  }
  return { kind: 'IfExpression', span: loc(test, end), test, thenExpr, elseExpr };
}

function parseUnless(p: ParserState): A.Expression {
  const kw = p.next();
  const test = parseExpression(p);
  const { stmts, lbrace, rbrace } = parseBraceStatements(p);
  const thenExpr = blockOrExpression(stmts, lbrace, rbrace);
  let elseExpr: A.Expression | undefined;
  if (p.cur() === T.ELSE) {
    p.next();
    const b = parseBraceStatements(p);
    elseExpr = blockOrExpression(b.stmts, b.lbrace, b.rbrace);
  }
  return { kind: 'UnlessExpression', span: loc(kw, rbrace), test, thenExpr, elseExpr };
}

/** EPP `<%= expr %>` or `<%= { statements } %>`. */
function parseRenderExpression(p: ParserState): A.Expression {
  const start = p.next();
  let expr: A.Expression;
  if (p.cur() === T.LBRACE) {
    const { stmts, lbrace, rbrace } = parseBraceStatements(p);
    if (stmts.length === 0) p.syntaxError(rbrace);
    expr = blockOrExpression(stmts, lbrace, rbrace) as A.Expression;
  } else {
    expr = parseExpression(p);
  }
  const end = p.tok;
  if (end.type !== T.EPP_END && end.type !== T.EPP_END_TRIM) p.syntaxError();
  p.next();
  return { kind: 'RenderExpression', span: loc(start, end), expr };
}

export { parseParameterType };
