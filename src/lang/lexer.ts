// The Puppet lexer: turns manifest text into tokens over char codes, one pass,
// with the same context rules as Puppet's lexer2.rb (regexp vs division by the
// previous token, `[` and `(` told apart by preceding whitespace, `{` after `?`
// is a selector brace, heredoc bodies skipped at the next newline). The first
// lexical error ends the stream with an ERROR token carrying its diagnostic, so
// the parser reports it only if no syntax error comes earlier, as Puppet does.
import { diagnostic, type Diagnostic, type IssueCode } from './diagnostics.js';
import type { SourceFile } from './source.js';
import { KEYWORDS, T, isKeyword, type Token } from './tokens.js';
import { lexHeredoc } from './lexer-heredoc.js';
import { lexStringBody, DQ_ESCAPES, type StringMode } from './lexer-strings.js';

export interface LexResult {
  readonly tokens: Token[];
  /** Warnings (e.g. unrecognized escapes); errors travel in ERROR tokens. */
  readonly warnings: Diagnostic[];
}

/** Lexes a whole manifest. The token list always ends with EOF or ERROR. */
export function lex(source: SourceFile): LexResult {
  const lx = new Lexer(source.text, source, [], []);
  if (source.text.charCodeAt(0) === 0xfeff) {
    try {
      lx.fail('ILLEGAL_BOM', 0, { format_name: 'UTF-8', bytes: '[EF BB BF]' }, true);
    } catch (e) {
      if (!(e instanceof LexStop)) throw e;
    }
  } else {
    lx.run();
  }
  return { tokens: lx.tokens, warnings: lx.warnings };
}

/** Thrown internally to unwind the lexer at the first error (never escapes lex()). */
export class LexStop {
  readonly token: Token;
  constructor(token: Token) {
    this.token = token;
  }
}

const C_NL = 10;
const C_CR = 13;
const C_SPACE = 32;
const C_TAB = 9;

export function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}
function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}
function isHex(c: number): boolean {
  return isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}
/** [[:blank:]] plus \r, as Puppet's PATTERN_WS (Unicode space separators included). */
export function isBlank(c: number): boolean {
  return c === C_SPACE || c === C_TAB || c === C_CR || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** Tokens after which a `/` starts a regexp rather than a division (Puppet's regexp_acceptable?). */
function regexpAcceptable(after: T | undefined): boolean {
  switch (after) {
    case T.RPAREN:
    case T.RBRACK:
    case T.RRCOLLECT:
    case T.RCOLLECT:
    case T.NAME:
    case T.CLASSREF:
    case T.NUMBER:
    case T.STRING:
    case T.BOOLEAN:
    case T.DQPRE:
    case T.DQMID:
    case T.DQPOST:
    case T.HEREDOC:
    case T.REGEX:
    case T.VARIABLE:
    case T.WORD:
      return false;
    default:
      return true;
  }
}

/**
 * One scanning context: the file itself, or a heredoc body (then `text` is the
 * body with margins removed and `map` turns its offsets into file offsets).
 */
export class Lexer {
  readonly text: string;
  readonly source: SourceFile;
  readonly tokens: Token[];
  readonly warnings: Diagnostic[];
  readonly map: ((offset: number) => number) | undefined;
  pos = 0;
  /** Type of the last token produced in this context (Puppet's ctx[:after]). */
  after: T | undefined = undefined;
  /** Start of the current line for the WSLPAREN rule. */
  lineLexicalStart = 0;
  /** Where lexing continues after the next newline when heredoc bodies follow it. */
  newlineJump = -1;
  /**
   * The text of the last regexp match of Puppet's scanner (StringScanner#matched),
   * which Puppet quotes in "Unclosed quote after ..." messages.
   */
  lastMatch = '';
  /** EPP: 'text' while outside tags, 'epp' in `<% %>`, 'expr' in `<%= %>`; undefined for manifests. */
  eppMode: 'text' | 'epp' | 'expr' | undefined = undefined;

  constructor(text: string, source: SourceFile, tokens: Token[], warnings: Diagnostic[], map?: (offset: number) => number) {
    this.text = text;
    this.source = source;
    this.tokens = tokens;
    this.warnings = warnings;
    this.map = map;
  }

  /** File offset of an offset in this context's text. */
  at(offset: number): number {
    return this.map ? this.map(offset) : offset;
  }

  push(type: T, start: number, end: number, value: string): void {
    this.tokens.push({ type, start: this.at(start), end: this.at(end), value });
    this.after = type;
  }

  /** Ends lexing with an ERROR token for the issue at the offset (in this context's text). */
  fail(code: IssueCode, offset: number, args: Record<string, string | number> = {}, noPosition = false): never {
    const at = this.at(offset);
    const d = diagnostic(code, this.source, { start: at, end: at + 1 }, args);
    const diag = noPosition ? { ...d, noPosition } : d;
    const token: Token = { type: T.ERROR, start: at, end: at + 1, value: '', diag };
    this.tokens.push(token);
    throw new LexStop(token);
  }

  warn(code: IssueCode, offset: number, args: Record<string, string | number> = {}): void {
    const at = this.at(offset);
    const d = diagnostic(code, this.source, { start: at, end: at + 1 }, args, 'warning');
    // Puppet's lexer is lazy: a warning exists only if the parser got as far as
    // the token being lexed (the first token of an eagerly lexed string)
    this.warnings.push({ ...d, tokenIndex: this.eagerStart >= 0 ? this.eagerStart : this.tokens.length } as Diagnostic);
  }

  /** Index of the first token of the outermost string or heredoc being lexed, or -1. */
  private eagerStart = -1;

  /** Puppet's followed_by: the next five characters (escaped) or <eof>. */
  followedBy(offset: number): string {
    if (offset >= this.text.length) return '<eof>';
    return (this.text.slice(offset, offset + 5) + '...').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
  }

  /** Lexes to the end of the text and appends EOF. */
  run(): void {
    try {
      while (this.pos < this.text.length) this.lexToken();
      const end = this.at(this.text.length);
      this.tokens.push({ type: T.EOF, start: end, end, value: '' });
    } catch (e) {
      if (!(e instanceof LexStop)) throw e;
    }
  }

  /**
   * Lexes the tokens of a `${...}` interpolation up to its closing brace (which
   * is consumed and not emitted), then applies Puppet's rule that a lone name
   * (or a name followed by `.` or `[`) there is a variable.
   */
  lexInterpolation(inQuotes: boolean): void {
    const first = this.tokens.length;
    let depth = 0;
    const text = this.text;
    // Puppet's enqueue_until skips blanks first and again after every
    // whitespace, newline or comment (its scanner's last match follows)
    this.skipBlanksAsPuppet();
    for (;;) {
      if (this.pos >= text.length) {
        // in a heredoc the text just ends; in quotes Puppet lexes to the end
        // and then reports the unclosed string
        if (!inQuotes) break;
        this.fail('UNCLOSED_QUOTE', text.length, { after: quoteForMessage(this.lastMatch), followed_by: '<eof>' });
      }
      const c = text.charCodeAt(this.pos);
      if (c === 125 /* } */ && depth === 0) {
        this.pos++;
        break;
      }
      if (c === 123 /* { */) depth++;
      else if (c === 125) depth--;
      const before = this.tokens.length;
      this.returnedNothing = false;
      this.lexToken();
      if (this.tokens.length === before || this.returnedNothing) this.skipBlanksAsPuppet();
    }
    const count = this.tokens.length - first;
    if (count === 1) this.toVariable(first);
    else if (count > 1) {
      const second = this.tokens[first + 1].type;
      if (second === T.DOT || second === T.LBRACK) this.toVariable(first);
    }
  }

  /** StringScanner#skip of blanks: the match is the blanks, or nothing when there are none. */
  private skipBlanksAsPuppet(): void {
    const start = this.pos;
    while (this.pos < this.text.length && isBlank(this.text.charCodeAt(this.pos))) this.pos++;
    this.lastMatch = this.text.slice(start, this.pos);
  }

  private toVariable(i: number): void {
    const t = this.tokens[i];
    if (t.type === T.NUMBER || t.type === T.NAME || t.type === T.WORD || isKeyword(t.type)) {
      this.tokens[i] = { type: T.VARIABLE, start: t.start, end: t.end, value: t.value };
    }
  }

  /** Lexes one token (or skips whitespace/comments) at this.pos. */
  lexToken(): void {
    const text = this.text;
    const start = this.pos;
    const c = text.charCodeAt(start);
    const n = text.charCodeAt(start + 1);
    switch (c) {
      case C_SPACE:
      case C_TAB:
      case C_CR:
        this.pos++;
        while (this.pos < text.length && isBlank(text.charCodeAt(this.pos))) this.pos++;
        this.lastMatch = text.slice(start, this.pos);
        return;
      case C_NL:
        if (this.newlineJump >= 0) {
          this.pos = this.newlineJump;
          this.newlineJump = -1;
        } else {
          this.pos++;
        }
        this.lineLexicalStart = this.pos;
        return;
      case 35: // #
        while (this.pos < text.length && text.charCodeAt(this.pos) !== C_NL) this.pos++;
        this.lastMatch = text.slice(start, this.pos);
        return;
      case 46: // .
        return this.op(T.DOT, 1);
      case 44: // ,
        return this.op(T.COMMA, 1);
      case 91: // [
        if (start === 0 || isBlankOrNl(text.charCodeAt(start - 1))) return this.op(T.LISTSTART, 1);
        return this.op(T.LBRACK, 1);
      case 93:
        return this.op(T.RBRACK, 1);
      case 40: {
        // (
        let ws = true;
        for (let i = this.lineLexicalStart; i < start; i++) {
          const b = text.charCodeAt(i);
          if (!(b === C_SPACE || b === C_TAB || b === C_CR || isBlank(b))) {
            ws = false;
            break;
          }
        }
        return this.op(ws ? T.WSLPAREN : T.LPAREN, 1);
      }
      case 41:
        return this.op(T.RPAREN, 1);
      case 59:
        return this.op(T.SEMIC, 1);
      case 63:
        return this.op(T.QMARK, 1);
      case 42:
        return this.op(T.TIMES, 1);
      case 37: // %
        if (n === 62 /* > */ && this.eppMode !== undefined) return this.eppEnd(start, false);
        return this.op(T.MODULO, 1);
      case 123: // {
        return this.op(this.after === T.QMARK ? T.SELBRACE : T.LBRACE, 1);
      case 125:
        return this.op(T.RBRACE, 1);
      case 64: // @
        if (n === 64) return this.op(T.ATAT, 2);
        if (n === 40) return lexHeredoc(this, start);
        return this.op(T.AT, 1);
      case 124: // |
        if (n === 62) return text.charCodeAt(start + 2) === 62 ? this.op(T.RRCOLLECT, 3) : this.op(T.RCOLLECT, 2);
        return this.op(T.PIPE, 1);
      case 61: // =
        if (n === 61) return this.op(T.ISEQUAL, 2);
        if (n === 62) return this.op(T.FARROW, 2);
        if (n === 126) return this.op(T.MATCH, 2);
        return this.op(T.EQUALS, 1);
      case 43: // +
        if (n === 61) return this.op(T.APPENDS, 2);
        if (n === 62) return this.op(T.PARROW, 2);
        return this.op(T.PLUS, 1);
      case 45: // -
        if (this.eppMode !== undefined && n === 37 && text.charCodeAt(start + 2) === 62) return this.eppEnd(start, true);
        if (n === 62) return this.op(T.IN_EDGE, 2);
        if (n === 61) return this.op(T.DELETES, 2);
        return this.op(T.MINUS, 1);
      case 33: // !
        if (n === 61) return this.op(T.NOTEQUAL, 2);
        if (n === 126) return this.op(T.NOMATCH, 2);
        return this.op(T.NOT, 1);
      case 126: // ~
        if (n === 62) return this.op(T.IN_EDGE_SUB, 2);
        return this.op(T.TILDE, 1);
      case 47: // /
        return this.slash(start);
      case 60: // <
        if (n === 60) return text.charCodeAt(start + 2) === 124 ? this.op(T.LLCOLLECT, 3) : this.op(T.LSHIFT, 2);
        if (n === 61) return this.op(T.LESSEQUAL, 2);
        if (n === 124) return this.op(T.LCOLLECT, 2);
        if (n === 45) return this.op(T.OUT_EDGE, 2);
        if (n === 126) return this.op(T.OUT_EDGE_SUB, 2);
        return this.op(T.LESSTHAN, 1);
      case 62: // >
        if (n === 62) return this.op(T.RSHIFT, 2);
        if (n === 61) return this.op(T.GREATEREQUAL, 2);
        return this.op(T.GREATERTHAN, 1);
      case 58: // :
        if (n === 58) return this.colonColon(start);
        return this.op(T.COLON, 1);
      case 36: // $
        return this.dollar(start);
      case 34: // "
        return this.dqString(start);
      case 39: // '
        return this.sqString(start);
      default:
        break;
    }
    if (isDigit(c)) return this.number(start);
    if (isLower(c) || c === 95) return this.bareWord(start);
    if (isUpper(c)) return this.classRef(start);
    if (isBlank(c)) {
      this.pos++;
      this.lastMatch = text.slice(start, this.pos);
      return;
    }
    // an unrecognized character (a whole code point)
    const len = c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    this.pos = start + len;
    // Puppet's OTHER token carries an empty value (peek(0)): "Syntax error at ''"
    this.push(T.OTHER, start, start + len, '');
  }

  private op(type: T, len: number): void {
    const start = this.pos;
    this.pos = start + len;
    this.push(type, start, start + len, this.text.slice(start, start + len));
  }

  private slash(start: number): void {
    const text = this.text;
    if (text.charCodeAt(start + 1) === 42 /* * */) {
      const end = text.indexOf('*/', start + 2);
      if (end < 0) this.fail('UNCLOSED_MLCOMMENT', start);
      this.pos = end + 2;
      this.lastMatch = text.slice(start, this.pos);
      return;
    }
    if (regexpAcceptable(this.after)) {
      // /[^/]*/ then extended while the closing slash is escaped
      let end = text.indexOf('/', start + 1);
      while (end >= 0 && escapedEnd(text, start, end)) end = text.indexOf('/', end + 1);
      if (end >= 0) {
        const pattern = text.slice(start + 1, end).replace(/\\\//g, '/');
        this.pos = end + 1;
        this.lastMatch = text.slice(start, end + 1);
        this.push(T.REGEX, start, end + 1, pattern);
        return;
      }
    }
    this.op(T.DIV, 1);
  }

  private colonColon(start: number): void {
    const text = this.text;
    const c2 = text.charCodeAt(start + 2);
    if (isUpper(c2)) {
      const end = scanClassRef(text, start);
      if (text.charCodeAt(end) === 58 && text.charCodeAt(end + 1) === 58) {
        this.fail('ILLEGAL_FULLY_QUALIFIED_CLASS_REFERENCE', end + 3);
      }
      this.pos = end;
      this.lastMatch = text.slice(start, end);
      this.push(T.CLASSREF, start, end, this.lastMatch);
      return;
    }
    if (isLower(c2) || c2 === 95) {
      const end = scanBareWord(text, start + 2);
      const value = text.slice(start, end);
      this.pos = end;
      this.lastMatch = value;
      this.push(isName(value) ? T.NAME : T.WORD, start, end, value);
      return;
    }
    this.fail('ILLEGAL_FULLY_QUALIFIED_NAME', start + 2);
  }

  private bareWord(start: number): void {
    const text = this.text;
    const end = scanBareWord(text, start);
    const value = text.slice(start, end);
    this.pos = end;
    this.lastMatch = value;
    if (isName(value)) {
      const kw = KEYWORDS.get(value);
      this.push(kw ?? T.NAME, start, end, value);
    } else {
      this.push(T.WORD, start, end, value);
    }
  }

  private classRef(start: number): void {
    const text = this.text;
    const end = scanClassRef(text, start);
    if (text.charCodeAt(end) === 58 && text.charCodeAt(end + 1) === 58) this.fail('ILLEGAL_CLASS_REFERENCE', end + 1);
    this.pos = end;
    this.lastMatch = text.slice(start, end);
    this.push(T.CLASSREF, start, end, text.slice(start, end));
  }

  private dollar(start: number): void {
    const end = scanVariableName(this.text, start + 1);
    this.pos = end < 0 ? start + 1 : end;
    if (end >= 0) this.lastMatch = this.text.slice(start, end);
    this.push(T.VARIABLE, start, this.pos, end < 0 ? '' : this.text.slice(start + 1, end));
  }

  private number(start: number): void {
    const text = this.text;
    const end = scanNumber(text, start);
    if (end >= 0) {
      const value = text.slice(start, end);
      const bad = numericIssue(value);
      if (bad) this.fail(bad, start, { value });
      this.pos = end;
      this.lastMatch = value;
      this.push(T.NUMBER, start, end, value);
      return;
    }
    // Puppet's recovery: report the whole word, widened back over `digits.` before it
    let before = start;
    let after = start;
    while (after < text.length && isWordChar(text.charCodeAt(after))) after++;
    if (before > 1 && text.charCodeAt(before - 1) === 46) {
      let p = before - 2;
      while (p >= 0 && isDigit(text.charCodeAt(p))) {
        before = p;
        if (p === 0) break;
        p--;
      }
    }
    const value = text.slice(before, after);
    const bad = numericIssue(value);
    if (bad) this.fail(bad, before, { value });
    this.fail('ILLEGAL_NUMBER', start + 1, { value });
  }

  private sqString(start: number): void {
    const text = this.text;
    if (text.charCodeAt(start + 1) === 39 && text.charCodeAt(start + 2) === 39) {
      // Puppet's closing-quote pattern (a non-backslash, then the quote) makes
      // `'''` one string holding a single quote
      this.pos = start + 3;
      this.lastMatch = "''";
      this.push(T.STRING, start, start + 3, "'");
      return;
    }
    let i = start + 1;
    let value = '';
    let from = i;
    for (;;) {
      if (i >= text.length) this.fail('UNCLOSED_QUOTE', start + 1, { after: '"\'"', followed_by: this.followedBy(start + 1) });
      const c = text.charCodeAt(i);
      if (c === 39) break;
      if (c === 92 /* \ */) {
        const n = text.charCodeAt(i + 1);
        if (n === 92 || n === 39) {
          value += text.slice(from, i) + text[i + 1];
          i += 2;
          from = i;
          continue;
        }
        // any other escaped char is kept as is (and never closes the string)
        i += i + 1 < text.length ? 2 : 1;
        continue;
      }
      i++;
    }
    value += text.slice(from, i);
    this.pos = i + 1;
    this.lastMatch = i > start + 1 ? text.slice(i - 1, i + 1) : "'";
    this.push(T.STRING, start, i + 1, value);
  }

  private dqString(start: number): void {
    this.pos = start + 1;
    const mode: StringMode = { escapes: DQ_ESCAPES, interpolate: true, dollarEscapable: true, warnUnknown: true, quote: true };
    this.eagerly(() => lexStringBody(this, start, mode));
  }

  /**
   * Runs a lexing step that Puppet performs all at once when the parser asks
   * for its first token (a whole double-quoted string with its interpolations,
   * a heredoc): a lexical error inside it must surface in place of that first
   * token, before any syntax error in the tokens it contains.
   */
  eagerly(step: () => void): void {
    const first = this.tokens.length;
    const outer = this.eagerStart < 0;
    if (outer) this.eagerStart = first;
    try {
      step();
    } catch (e) {
      if (e instanceof LexStop) {
        this.tokens.length = first;
        this.tokens.push(e.token);
      }
      throw e;
    } finally {
      if (outer) this.eagerStart = -1;
    }
  }

  /** `%>` or `-%>` in an EPP template: close the tag and lex template text again. */
  private eppEnd(start: number, trim: boolean): void {
    const len = trim ? 3 : 2;
    if (this.eppMode === 'expr') this.push(trim ? T.EPP_END_TRIM : T.EPP_END, start, start + len, trim ? '-%>' : '%>');
    this.pos = start + len;
    this.eppMode = 'text';
    this.eppText(trim);
    // Puppet enqueues these tokens and its lexing step returns nothing
    this.returnedNothing = true;
  }

  /** Set when a lexing step only enqueued tokens (an EPP tag end), as Puppet's returns nil. */
  returnedNothing = false;

  /** Set by the EPP front end: lexes template text from this.pos (see epp-lexer.ts). */
  eppText: (trimLeading: boolean) => void = () => {
    throw new Error('Internal error: EPP text lexing requested outside an EPP template');
  };
}

/** Puppet's format_quote for "Unclosed quote after ..." messages. */
export function quoteForMessage(q: string): string {
  return q === "'" ? `"'"` : `'${q}'`;
}

function isBlankOrNl(c: number): boolean {
  return c === C_NL || isBlank(c);
}

/** True when the `/` at `end` is escaped by an odd number of backslashes (Puppet's escaped_end). */
function escapedEnd(text: string, start: number, end: number): boolean {
  if (text.charCodeAt(end - 1) !== 92) return false;
  let escaped = false;
  for (let i = start + 1; i < end; i++) {
    escaped = text.charCodeAt(i) === 92 ? !escaped : false;
  }
  return escaped;
}

/** `((::)?[A-Z]\w*)+` from start (which is an uppercase letter or `::`). */
function scanClassRef(text: string, start: number): number {
  let i = start;
  for (;;) {
    let j = i;
    if (text.charCodeAt(j) === 58 && text.charCodeAt(j + 1) === 58) j += 2;
    if (!isUpper(text.charCodeAt(j))) return i;
    j++;
    while (isWordChar(text.charCodeAt(j))) j++;
    i = j;
  }
}

/** Puppet's bare word: segments `[a-z_]([\w-]*\w)?` joined by `::`; start is at a segment. */
function scanBareWord(text: string, start: number): number {
  let i = start;
  for (;;) {
    // one segment
    let j = i + 1;
    while (j < text.length) {
      const c = text.charCodeAt(j);
      if (isWordChar(c) || c === 45) j++;
      else break;
    }
    while (text.charCodeAt(j - 1) === 45) j--; // a segment does not end with a hyphen
    i = j;
    if (text.charCodeAt(i) === 58 && text.charCodeAt(i + 1) === 58) {
      const c = text.charCodeAt(i + 2);
      if (isLower(c) || c === 95) {
        i += 2;
        continue;
      }
    }
    return i;
  }
}

/** Puppet's NAME rule: `((::)?[a-z]\w*)(::[a-z]\w*)*` (no hyphens, no leading underscore). */
function isName(value: string): boolean {
  let i = 0;
  if (value.charCodeAt(0) === 58) i = 2;
  for (;;) {
    if (!isLower(value.charCodeAt(i))) return false;
    i++;
    while (i < value.length && isWordChar(value.charCodeAt(i))) i++;
    if (i >= value.length) return true;
    if (value.charCodeAt(i) === 58 && value.charCodeAt(i + 1) === 58) i += 2;
    else return false;
  }
}

/**
 * `(::)?(\w+::)*\w+` from start; returns the end offset or -1 when no name
 * follows. Used for `$name` in code and in strings.
 */
export function scanVariableName(text: string, start: number): number {
  let i = start;
  if (text.charCodeAt(i) === 58 && text.charCodeAt(i + 1) === 58 && isWordChar(text.charCodeAt(i + 2))) i += 2;
  if (!isWordChar(text.charCodeAt(i))) return -1;
  for (;;) {
    while (isWordChar(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) === 58 && text.charCodeAt(i + 1) === 58 && isWordChar(text.charCodeAt(i + 2))) {
      i += 2;
      continue;
    }
    return i;
  }
}

/**
 * Puppet's PATTERN_NUMBER `\b(?:0[xX][0-9A-Fa-f]+|0?\d+(?:\.\d+)?(?:[eE]-?\d+)?)\b`
 * with its backtracking; returns the end offset or -1.
 */
function scanNumber(text: string, start: number): number {
  const c1 = text.charCodeAt(start + 1);
  if (text.charCodeAt(start) === 48 && (c1 === 120 || c1 === 88) && isHex(text.charCodeAt(start + 2))) {
    let i = start + 2;
    while (isHex(text.charCodeAt(i))) i++;
    if (!isWordChar(text.charCodeAt(i))) return i;
  }
  let i = start;
  while (isDigit(text.charCodeAt(i))) i++;
  const intEnd = i;
  const candidates: number[] = [];
  const exp = (from: number): number => {
    const e = text.charCodeAt(from);
    if (e !== 101 && e !== 69) return -1;
    let j = from + 1;
    if (text.charCodeAt(j) === 45) j++;
    if (!isDigit(text.charCodeAt(j))) return -1;
    while (isDigit(text.charCodeAt(j))) j++;
    return j;
  };
  if (text.charCodeAt(intEnd) === 46 && isDigit(text.charCodeAt(intEnd + 1))) {
    let j = intEnd + 1;
    while (isDigit(text.charCodeAt(j))) j++;
    const e = exp(j);
    if (e >= 0) candidates.push(e);
    candidates.push(j);
  }
  const e = exp(intEnd);
  if (e >= 0) candidates.push(e);
  candidates.push(intEnd);
  for (const end of candidates) {
    if (!isWordChar(text.charCodeAt(end))) return end;
  }
  return -1;
}

/** Puppet's assert_numeric: the issue for a malformed number text, or undefined. */
function numericIssue(value: string): IssueCode | undefined {
  if (/^0[xX]/.test(value)) return /^0[xX][0-9A-Fa-f]+$/.test(value) ? undefined : 'INVALID_HEX_NUMBER';
  if (/^0[^.]/.test(value)) return /^0[0-7]+$/.test(value) ? undefined : 'INVALID_OCTAL_NUMBER';
  if (/^\d+[eE.]/.test(value)) return /^\d+(?:\.\d+)?(?:[eE]-?\d+)?$/.test(value) ? undefined : 'INVALID_DECIMAL_NUMBER';
  return /^\d+$/.test(value) ? undefined : 'ILLEGAL_NUMBER';
}
