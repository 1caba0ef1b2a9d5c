// EPP templates: the template text scanner (Puppet's epp_support.rb: `<% %>`,
// `<%= %>`, `<%- -%>` trimming, `<%# %>` comments, `<%%` and `%%>` escapes)
// feeding the manifest lexer, and parseEpp(), which yields a Program whose
// body is a LambdaExpression (the template's parameters) around an EppExpression.
import type * as A from './ast.js';
import type { Diagnostic } from './diagnostics.js';
import { Lexer, LexStop } from './lexer.js';
import { ParseStop, ParserState, loc } from './parser-state.js';
import { buildBody, parseStatements } from './parser-expressions.js';
import { parseParameters } from './parser-definitions.js';
import { EMBEDDED_PARSERS, type ParseOptions, type ParseResult } from './parser.js';
import { SourceFile } from './source.js';
import { T, type Token } from './tokens.js';
import { validate } from './validator.js';

/** Parses an EPP template; `path` is used in messages. Never throws for user errors. */
export function parseEpp(text: string, path: string, options: ParseOptions = {}): ParseResult {
  const source = new SourceFile(text, path);
  const tokens = lexEpp(source);
  const warnings: Diagnostic[] = tokens.warnings;
  const p = new ParserState(tokens.tokens, source);
  let diagnostics: Diagnostic[] = [...warnings];
  const whole = { start: 0, end: text.length };
  try {
    const start = p.expect(T.EPP_START);
    let parameters: A.Parameter[] = [];
    let specified = false;
    if (p.cur() === T.PIPE) {
      p.next();
      specified = true;
      if (p.cur() !== T.PIPE) parameters = parseParameters(p, T.PIPE);
      p.expect(T.PIPE);
    }
    const stmts = parseStatements(p, (t) => t === T.EOF);
    if (p.cur() !== T.EOF) p.syntaxError();
    const epp: A.EppExpression = { kind: 'EppExpression', span: loc(start), parametersSpecified: specified, body: buildBody(stmts, start.start) };
    const lambda: A.LambdaExpression = { kind: 'LambdaExpression', span: loc(start), parameters, body: epp, returnType: undefined };
    const ast: A.Program = { kind: 'Program', span: whole, body: lambda, definitions: p.definitions, source };
    if (options.validate !== false) diagnostics.push(...validate(ast, EMBEDDED_PARSERS, options.strict));
    return { ast, diagnostics };
  } catch (e) {
    if (!(e instanceof ParseStop)) throw e;
    diagnostics = [...p.warningsSoFar(warnings), e.diagnostic];
    return { ast: { kind: 'Program', span: whole, body: undefined, definitions: [], source }, diagnostics };
  }
}

/** Lexes a template: EPP_START, then text and tags, ending with EOF or an ERROR token. */
export function lexEpp(source: SourceFile): { tokens: Token[]; warnings: Diagnostic[] } {
  const lx = new Lexer(source.text, source, [], []);
  lx.eppMode = 'text';
  lx.eppText = (trim) => scanText(lx, trim);
  lx.tokens.push({ type: T.EPP_START, start: 0, end: 0, value: '' });
  try {
    scanText(lx, false);
    while (lx.pos < lx.text.length) lx.lexToken();
    if (lx.eppMode !== 'text') lx.fail('EPP_UNBALANCED_TAG', lx.text.length);
    lx.tokens.push({ type: T.EOF, start: lx.text.length, end: lx.text.length, value: '' });
  } catch (e) {
    if (!(e instanceof LexStop)) throw e;
  }
  return { tokens: lx.tokens, warnings: lx.warnings };
}

/**
 * Puppet's scanner loses the text when the input ends right after a comment or
 * a `<%%` (its loop ends without returning the text); so do we.
 */
function endWithoutText(lx: Lexer, pos: number): void {
  lx.pos = pos;
  lx.eppMode = 'text';
}

/** Puppet's EppScanner: template text up to the next tag, which decides the next mode. */
function scanText(lx: Lexer, trimLeading: boolean): void {
  const text = lx.text;
  const len = text.length;
  const before = lx.pos;
  if (before >= len) {
    lx.eppMode = 'text';
    return;
  }
  let pos = before;
  let s = '';
  let skip = trimLeading;
  let mode: 'text' | 'epp' | 'expr' = 'text';
  for (;;) {
    const idx = text.indexOf('<%', pos);
    let part = idx < 0 ? text.slice(pos) : text.slice(pos, idx + 2);
    pos = idx < 0 ? len : idx + 2;
    if (skip) {
      part = part.replace(/^[ \t]*\r?(?:\n|$)?/, '');
      skip = false;
    }
    s += part.replace(/%%>/g, '%>');
    lx.lastMatch = idx < 0 ? '' : '<%';
    if (pos >= len) {
      if (s.endsWith('<%')) {
        lx.pos = pos;
        lx.fail('EPP_UNBALANCED_EXPRESSION', pos);
      }
      break;
    }
    const c = text[pos];
    if (c === '-' || c === '%' || c === '=') lx.lastMatch = c;
    if (c === '-') {
      pos++;
      s = s.replace(/[ \t]*<%$/, '');
      mode = 'epp';
      break;
    }
    if (c === '%') {
      pos++; // `<%%` is a literal `<%`
      if (pos >= len) return endWithoutText(lx, pos);
      continue;
    }
    if (c === '=') {
      pos++;
      s = s.slice(0, -2);
      mode = 'expr';
      break;
    }
    if (c === '#') {
      s = s.slice(0, -2);
      let k = text.indexOf('%>', pos + 1);
      while (k >= 0 && text[k - 1] === '%') k = text.indexOf('%>', k + 1);
      if (k < 0) {
        lx.pos = pos;
        lx.fail('EPP_UNBALANCED_COMMENT', pos);
      }
      lx.lastMatch = text.slice(k - 1, k + 2);
      if (text[pos + 1] === '-') s = s.replace(/[ \t]*$/, '');
      skip = text[k - 1] === '-';
      pos = k + 2;
      if (pos >= len) return endWithoutText(lx, pos);
      continue;
    }
    s = s.slice(0, -2);
    mode = 'epp';
    break;
  }
  lx.pos = pos;
  lx.eppMode = mode;
  if (mode === 'text' || s.length > 0) lx.tokens.push({ type: T.RENDER_STRING, start: before, end: pos, value: s });
  if (mode === 'expr') lx.tokens.push({ type: T.RENDER_EXPR, start: before, end: before, value: '' });
  lx.after = mode === 'expr' ? T.RENDER_EXPR : T.RENDER_STRING;
}
