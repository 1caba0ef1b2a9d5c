// Token types of the Puppet lexer (named as in Puppet's lexer2.rb so the
// grammar in egrammar.ra can be read side by side) and the Token record.
import type { Diagnostic } from './diagnostics.js';

export const enum T {
  EOF,
  /** A lexical error; the parser reports `diag` when it reaches this token. */
  ERROR,
  /** An unrecognized character. */
  OTHER,
  LBRACK,
  LISTSTART,
  RBRACK,
  LBRACE,
  SELBRACE,
  RBRACE,
  LPAREN,
  WSLPAREN,
  RPAREN,
  EQUALS,
  APPENDS,
  DELETES,
  ISEQUAL,
  NOTEQUAL,
  MATCH,
  NOMATCH,
  GREATEREQUAL,
  GREATERTHAN,
  LESSEQUAL,
  LESSTHAN,
  FARROW,
  PARROW,
  LSHIFT,
  LLCOLLECT,
  LCOLLECT,
  RSHIFT,
  RRCOLLECT,
  RCOLLECT,
  PLUS,
  MINUS,
  DIV,
  TIMES,
  MODULO,
  NOT,
  DOT,
  PIPE,
  AT,
  ATAT,
  COLON,
  COMMA,
  SEMIC,
  QMARK,
  TILDE,
  IN_EDGE,
  IN_EDGE_SUB,
  OUT_EDGE,
  OUT_EDGE_SUB,
  STRING,
  WORD,
  NAME,
  CLASSREF,
  NUMBER,
  VARIABLE,
  REGEX,
  DQPRE,
  DQMID,
  DQPOST,
  HEREDOC,
  // keywords
  CASE,
  CLASS,
  DEFAULT,
  DEFINE,
  IF,
  ELSIF,
  ELSE,
  INHERITS,
  NODE,
  AND,
  OR,
  UNDEF,
  BOOLEAN,
  IN,
  UNLESS,
  FUNCTION,
  TYPE,
  ATTR,
  PRIVATE,
  // EPP
  EPP_START,
  RENDER_STRING,
  RENDER_EXPR,
  EPP_END,
  EPP_END_TRIM,
}

export const KEYWORDS: ReadonlyMap<string, T> = new Map([
  ['case', T.CASE],
  ['class', T.CLASS],
  ['default', T.DEFAULT],
  ['define', T.DEFINE],
  ['if', T.IF],
  ['elsif', T.ELSIF],
  ['else', T.ELSE],
  ['inherits', T.INHERITS],
  ['node', T.NODE],
  ['and', T.AND],
  ['or', T.OR],
  ['undef', T.UNDEF],
  ['false', T.BOOLEAN],
  ['true', T.BOOLEAN],
  ['in', T.IN],
  ['unless', T.UNLESS],
  ['function', T.FUNCTION],
  ['type', T.TYPE],
  ['attr', T.ATTR],
  ['private', T.PRIVATE],
]);

export function isKeyword(t: T): boolean {
  return t >= T.CASE && t <= T.PRIVATE;
}

export interface Token {
  readonly type: T;
  /** Offsets into the original file's text (heredoc tokens are mapped back). */
  readonly start: number;
  readonly end: number;
  /**
   * The token's value as Puppet's lexer has it: a name, the processed text of a
   * string part, a variable name without `$`, a number's text, a regexp's
   * pattern, a heredoc's syntax, or the operator/keyword text.
   */
  readonly value: string;
  /** Set on ERROR tokens. */
  readonly diag?: Diagnostic;
}
