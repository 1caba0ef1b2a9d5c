// Entry points of the Puppet language front end: parse a manifest into a
// Program and diagnostics (lexer + recursive-descent parser following Puppet's
// egrammar.ra, then the validator). Never throws for user errors.
import type { Expression, Program } from './ast.js';
import type { Diagnostic } from './diagnostics.js';
import { lex } from './lexer.js';
import { ParseStop, ParserState } from './parser-state.js';
import { blockOrExpression, parseStatements } from './parser-expressions.js';
import { SourceFile } from './source.js';
import { T } from './tokens.js';
import { firstErrorMessage, validate, type EmbeddedParsers, type Strictness } from './validator.js';
import { parseEpp } from './epp.js';

/** How heredocs declared `:pp` and `:epp` are checked (a nested parse without a path). */
export const EMBEDDED_PARSERS: EmbeddedParsers = {
  pp: (text) => firstErrorMessage(parse(text, '').diagnostics),
  epp: (text) => firstErrorMessage(parseEpp(text, '').diagnostics),
};

export interface ParseResult {
  readonly ast: Program;
  /** Errors and warnings in source order of discovery; any error means the program must not be evaluated. */
  readonly diagnostics: Diagnostic[];
}

export interface ParseOptions {
  /** Run Puppet's post-parse checks (default true). */
  readonly validate?: boolean;
  /** Puppet's `strict` setting (default 'warning'): severity of duplicate hash keys. */
  readonly strict?: Strictness;
}

/** Parses Puppet manifest text; `path` is used in messages and stored on the SourceFile. */
export function parse(text: string, path: string, options: ParseOptions = {}): ParseResult {
  return parseSource(new SourceFile(text, path), options);
}

export function parseSource(source: SourceFile, options: ParseOptions = {}): ParseResult {
  const { tokens, warnings } = lex(source);
  const p = new ParserState(tokens, source);
  let diagnostics: Diagnostic[] = [...warnings];
  let body: Expression | undefined;
  try {
    const stmts = parseStatements(p, (t) => t === T.EOF);
    if (p.cur() !== T.EOF) p.syntaxError();
    body = blockOrExpression(stmts);
  } catch (e) {
    if (!(e instanceof ParseStop)) throw e;
    diagnostics = [...p.warningsSoFar(warnings), e.diagnostic];
    const ast: Program = { kind: 'Program', span: { start: 0, end: source.text.length }, body: undefined, definitions: [], source };
    return { ast, diagnostics };
  }
  const ast: Program = { kind: 'Program', span: { start: 0, end: source.text.length }, body, definitions: p.definitions, source };
  if (options.validate !== false) diagnostics.push(...validate(ast, EMBEDDED_PARSERS, options.strict));
  return { ast, diagnostics };
}
