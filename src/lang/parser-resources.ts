// Resource expressions: `@`/`@@` forms, titled bodies (`type { t: a => v; t2: }`),
// `class { 'x': }`, untitled bodies that are resource defaults (`File { }`),
// overrides (`File['x'] { }`) or Puppet's old call-with-hash form, attribute
// operations (`=>`, `+>`, `* =>`) and collectors (`<| |>`, `<<| |>>`).
import type * as A from './ast.js';
import { T, isKeyword } from './tokens.js';
import { ParserState, loc } from './parser-state.js';
import { parseExpression } from './parser-expressions.js';

const STATEMENT_CALLS_FOR_HASH = new Set([
  'require', 'realize', 'include', 'contain', 'tag',
  'debug', 'info', 'notice', 'warning', 'err',
  'fail', 'import', 'break', 'next', 'return',
]);

/** The grammar's `resource` level: an expression, optionally followed by resource bodies. */
export function parseResource(p: ParserState): A.Expression {
  const t = p.tok;
  if (t.type === T.AT || t.type === T.ATAT) {
    p.next();
    const inner = parseResource(p);
    const form: A.ResourceForm = t.type === T.AT ? 'virtual' : 'exported';
    if (inner.kind !== 'ResourceExpression' && inner.kind !== 'ResourceDefaultsExpression' && inner.kind !== 'ResourceOverrideExpression') {
      p.error(t, t.type === T.AT ? 'Virtual (@) can only be applied to a Resource Expression' : 'Exported (@@) can only be applied to a Resource Expression');
    }
    const span = loc(t, inner);
    if (inner.kind === 'ResourceExpression') {
      // unlocated parts (bodies, the `class` name) follow the resource to the `@`
      const at = { start: span.start, end: span.start };
      const typeName = inner.typeName.span.start === inner.typeName.span.end ? { ...inner.typeName, span: at } : inner.typeName;
      return { ...inner, form, span, typeName, bodies: inner.bodies.map((b) => ({ ...b, span: at })) };
    }
    return { ...inner, form, span };
  }
  let left: A.Expression;
  if (t.type === T.CLASS && p.peek().type === T.LBRACE) {
    // class { 'name': ... }
    p.next();
    p.next();
    // unlocated in Puppet: the resource's offset, length 0
    const name: A.QualifiedName = { kind: 'QualifiedName', span: { start: t.start, end: t.start }, value: 'class' };
    const bodies = parseResourceBodies(p, t.start);
    if (p.cur() === T.SEMIC) p.next();
    const rb = p.expect(T.RBRACE);
    left = { kind: 'ResourceExpression', span: loc(t, rb), form: 'regular', typeName: name, bodies };
  } else {
    left = parseExpression(p);
  }
  return parseResourceRest(p, left);
}

/** Resource bodies following an already parsed expression. */
export function parseResourceRest(p: ParserState, left: A.Expression): A.Expression {
  while (p.cur() === T.LBRACE) left = parseResourceBody(p, left);
  return left;
}

function isAttributeName(type: T): boolean {
  return type === T.NAME || (isKeyword(type) && type !== T.BOOLEAN);
}

/** Keywords that name attributes but cannot begin an expression (so they cannot begin a title). */
function onlyAttributeName(type: T): boolean {
  return type === T.AND || type === T.OR || type === T.IN || type === T.ELSE || type === T.ELSIF || type === T.INHERITS;
}

/** Whether the current token starts an attribute operation (`name =>`, `name +>`, `* =>`). */
function atOperation(p: ParserState): boolean {
  const t = p.cur();
  const n = p.peek().type;
  if (t === T.TIMES) return n === T.FARROW;
  return isAttributeName(t) && (n === T.FARROW || n === T.PARROW);
}

/** After `left`: `{ title: ops; ... }` or `{ ops }` (defaults, override, or the old untitled forms). */
function parseResourceBody(p: ParserState, left: A.Expression): A.Expression {
  const lbrace = p.expect(T.LBRACE);
  if (p.cur() === T.RBRACE || p.cur() === T.COMMA || onlyAttributeName(p.cur()) || atOperation(p)) {
    const ops = parseAttributeOperations(p);
    const rbrace = p.expect(T.RBRACE);
    return untitled(p, left, ops, lbrace, rbrace);
  }
  const title = parseExpression(p);
  p.expect(T.COLON);
  const ops = parseAttributeOperations(p);
  // bodies are unlocated in Puppet: they take the resource's offset with length 0
  const at = { start: left.span.start, end: left.span.start };
  const bodies: A.ResourceBody[] = [{ kind: 'ResourceBody', span: at, title, operations: ops }];
  if (p.cur() === T.SEMIC) {
    p.next();
    if (p.cur() !== T.RBRACE) {
      bodies.push(...parseResourceBodies(p, at.start));
      if (p.cur() === T.SEMIC) p.next();
    }
  }
  const rbrace = p.expect(T.RBRACE);
  return { kind: 'ResourceExpression', span: loc(left, rbrace), form: 'regular', typeName: left, bodies };
}


/** `title: ops` bodies separated by `;` (a trailing `;` is left for the caller). */
function parseResourceBodies(p: ParserState, resourceStart: number): A.ResourceBody[] {
  const bodies: A.ResourceBody[] = [];
  for (;;) {
    const title = parseExpression(p);
    p.expect(T.COLON);
    const ops = parseAttributeOperations(p);
    bodies.push({ kind: 'ResourceBody', span: { start: resourceStart, end: resourceStart }, title, operations: ops });
    if (p.cur() !== T.SEMIC || p.peek().type === T.RBRACE) return bodies;
    p.next();
  }
}

/**
 * Attribute operations separated by commas, with an optional trailing comma.
 * As in Puppet's grammar, the list may also start with a comma (`{ 't': , a => 1 }`).
 */
export function parseAttributeOperations(p: ParserState): A.AbstractAttributeOperation[] {
  // Commit on the first token (an attribute name or `*`) as Puppet's LALR parser
  // does, so a malformed operation is reported at the token Puppet reports.
  const ops: A.AbstractAttributeOperation[] = [];
  if (startsOperation(p.cur())) ops.push(parseAttributeOperation(p));
  while (p.cur() === T.COMMA && startsOperation(p.peek().type)) {
    p.next();
    ops.push(parseAttributeOperation(p));
  }
  if (p.cur() === T.COMMA) p.next();
  return ops;
}

function startsOperation(t: T): boolean {
  return t === T.TIMES || isAttributeName(t);
}

function parseAttributeOperation(p: ParserState): A.AbstractAttributeOperation {
  const t = p.next();
  if (t.type === T.TIMES) {
    p.expect(T.FARROW);
    const expr = parseExpression(p);
    return { kind: 'AttributesOperation', span: loc(t, expr), expr };
  }
  if (p.cur() !== T.FARROW && p.cur() !== T.PARROW) p.syntaxError();
  const op = p.next();
  const value = parseExpression(p);
  return { kind: 'AttributeOperation', span: loc(t, value), attributeName: t.value, operator: op.type === T.PARROW ? '+>' : '=>', valueExpr: value };
}

/** Puppet's resource_shape: what `left { ops }` means for the kind of `left`. */
function untitled(p: ParserState, left: A.Expression, ops: A.AbstractAttributeOperation[], lbrace: A.Span | { start: number; end: number }, rbrace: { start: number; end: number }): A.Expression {
  const span = { start: left.span.start, end: rbrace.end };
  switch (left.kind) {
    case 'QualifiedName': {
      // Old syntax: `name { a => 1 }` is the name followed by a hash (a call for statement names)
      const entries: A.KeyedEntry[] = [];
      for (const op of ops) {
        if (op.kind !== 'AttributeOperation' || op.operator === '+>') {
          p.error({ span: lbrace }, 'Syntax error resource body without title or hash with +>', false);
        }
        // unlocated in Puppet: the hash's offset
        const at = { start: lbrace.start, end: lbrace.start };
        entries.push({ kind: 'KeyedEntry', span: at, key: { kind: 'LiteralString', span: at, value: op.attributeName }, value: op.valueExpr });
      }
      const hash: A.LiteralHash = { kind: 'LiteralHash', span: { start: lbrace.start, end: rbrace.end }, entries, unfolded: false };
      if (STATEMENT_CALLS_FOR_HASH.has(left.value)) {
        return { kind: 'CallNamedFunctionExpression', span, functorExpr: left, arguments: [hash], lambda: undefined, rvalRequired: false };
      }
      return { kind: 'BlockExpression', span, statements: [left, hash] };
    }
    case 'QualifiedReference':
      return { kind: 'ResourceDefaultsExpression', span, form: 'regular', typeRef: left, operations: ops };
    case 'AccessExpression':
      // Puppet means `Resource[x] { }` to be defaults, but its check reads an
      // attribute that is never set, so every access is an override.
      return { kind: 'ResourceOverrideExpression', span, form: 'regular', resources: left, operations: ops };
    default:
      return p.error(left, 'Expression is not valid as a resource, resource-default, or resource-override', false);
  }
}

/** `Type <| query |> { ops }` or `Type <<| query |>> { ops }` */
export function parseCollect(p: ParserState, typeExpr: A.Expression): A.Expression {
  const open = p.next();
  const exported = open.type === T.LLCOLLECT;
  const closeType = exported ? T.RRCOLLECT : T.RCOLLECT;
  let expr: A.Expression | undefined;
  if (p.cur() !== closeType) expr = parseExpression(p);
  const close = p.expect(closeType);
  const query: A.VirtualQuery | A.ExportedQuery = exported
    ? { kind: 'ExportedQuery', span: loc(open, close), expr }
    : { kind: 'VirtualQuery', span: loc(open, close), expr };
  let operations: A.AbstractAttributeOperation[] = [];
  let end: A.Span = query.span;
  if (p.cur() === T.LBRACE) {
    p.next();
    operations = parseAttributeOperations(p);
    end = loc(p.expect(T.RBRACE));
  }
  return { kind: 'CollectExpression', span: { start: typeExpr.span.start, end: end.end }, typeExpr, query, operations };
}
