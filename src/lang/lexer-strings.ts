// String bodies for the lexer: double-quoted strings and heredoc texts, with
// Puppet's escape rules and `$var` / `${expr}` interpolation. A body without
// interpolation becomes one STRING token; otherwise DQPRE, the interpolated
// tokens, DQMID ..., DQPOST (as Puppet's interpolation_support.rb emits them).
import type { Lexer } from './lexer.js';
import { quoteForMessage, scanVariableName } from './lexer.js';
import { T } from './tokens.js';

/** The escapes a string form understands; `\n` stands for an escaped line break. */
export type EscapeSet = ReadonlySet<string>;

export const DQ_ESCAPES: EscapeSet = new Set(['\\', '$', "'", '"', 'r', 'n', 't', 's', 'u', '\n']);

export interface StringMode {
  readonly escapes: EscapeSet;
  /** Whether `$` starts an interpolation. */
  readonly interpolate: boolean;
  /** Whether `\$` is an escaped dollar (else the backslash stays and `$` interpolates). */
  readonly dollarEscapable: boolean;
  /** Whether unknown escapes are warned about (double-quoted strings only). */
  readonly warnUnknown: boolean;
  /** True for "..." (ends at an unescaped quote); false for heredoc text (ends at the end of the text). */
  readonly quote: boolean;
}

function isHexCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/**
 * Lexes a string body starting at lx.pos. `start` is the offset of the opening
 * quote (or of the text for heredocs) and starts the first token's span.
 */
export function lexStringBody(lx: Lexer, start: number, mode: StringMode): void {
  const text = lx.text;
  const len = text.length;
  const esc = mode.escapes;
  let value = '';
  let segStart = start;
  let first = true;
  let scanFrom = lx.pos;
  // Puppet names the previous scanner match in its unclosed-quote message
  if (mode.quote) lx.lastMatch = '"';
  let afterText = lx.lastMatch;
  const quoted = quoteForMessage;
  let i = lx.pos;
  let from = i;
  /** Escape warnings of this segment in order; Puppet reports them at the segment's end. */
  let pending: { code: 'UNRECOGNIZED_ESCAPE' | 'ILLEGAL_UNICODE_ESCAPE'; ch?: string }[] = [];
  const flushWarnings = (at: number): void => {
    for (const w of pending) lx.warn(w.code, at, w.ch === undefined ? {} : { ch: w.ch });
    pending = [];
  };
  const emitSegment = (type: T, end: number): void => {
    lx.tokens.push({ type, start: lx.at(segStart), end: lx.at(end), value });
  };
  for (;;) {
    if (i >= len) {
      if (mode.quote) {
        lx.fail('UNCLOSED_QUOTE', scanFrom, { after: quoted(afterText), followed_by: lx.followedBy(scanFrom) });
      }
      value += text.slice(from, i);
      flushWarnings(i);
      emitSegment(first ? T.STRING : T.DQPOST, i);
      lx.after = first ? T.STRING : T.DQPOST;
      lx.pos = i;
      return;
    }
    const c = text.charCodeAt(i);
    if (c === 34 && mode.quote && i === scanFrom && (text.charCodeAt(i + 1) === 34 || text.charCodeAt(i + 1) === 36)) {
      // Puppet's segment pattern takes a non-backslash character before the
      // terminator first: at a segment start `""` or `"$` keeps this quote as text
      i++;
      continue;
    }
    if (c === 34 && mode.quote) {
      lx.lastMatch = i > scanFrom ? text.slice(i - 1, i + 1) : '"';
      value += text.slice(from, i);
      flushWarnings(i + 1);
      emitSegment(first ? T.STRING : T.DQPOST, i + 1);
      lx.after = first ? T.STRING : T.DQPOST;
      lx.pos = i + 1;
      return;
    }
    if (c === 92 /* \ */) {
      if (i + 1 >= len) {
        i++;
        continue;
      }
      const n = text[i + 1];
      if (n === '$' && !mode.dollarEscapable) {
        i++;
        continue;
      }
      if (n === 'u' && esc.has('u')) {
        const decoded = unicodeEscape(text, i + 2);
        value += text.slice(from, i);
        if (decoded) {
          value += decoded.text;
          i = decoded.end;
        } else {
          pending.push({ code: 'ILLEGAL_UNICODE_ESCAPE' });
          value += '\\u';
          i += 2;
        }
        from = i;
        continue;
      }
      if (n === '\n' || (n === '\r' && text[i + 2] === '\n')) {
        const w = n === '\n' ? 2 : 3;
        if (esc.has('\n')) {
          value += text.slice(from, i);
          i += w;
          from = i;
        } else {
          i += w;
        }
        continue;
      }
      if (n === '\r') {
        i++;
        continue;
      }
      if (esc.has(n)) {
        value += text.slice(from, i);
        value += n === 'n' ? '\n' : n === 't' ? '\t' : n === 'r' ? '\r' : n === 's' ? ' ' : n;
        i += 2;
        from = i;
        continue;
      }
      if (mode.warnUnknown) pending.push({ code: 'UNRECOGNIZED_ESCAPE', ch: n });
      // unknown escapes are kept as written; a surrogate pair stays whole
      i += n.charCodeAt(0) >= 0xd800 && n.charCodeAt(0) <= 0xdbff ? 3 : 2;
      continue;
    }
    if (c === 36 /* $ */ && mode.interpolate) {
      if (text.charCodeAt(i + 1) === 123 /* { */) {
        value += text.slice(from, i);
        flushWarnings(i + 2);
        emitSegment(first ? T.DQPRE : T.DQMID, i + 2);
        first = false;
        lx.pos = i + 2;
        lx.lexInterpolation(mode.quote);
        i = lx.pos;
        segStart = i;
        scanFrom = i;
        afterText = lx.lastMatch;
        from = i;
        value = '';
        continue;
      }
      const end = scanVariableName(text, i + 1);
      if (end >= 0) {
        value += text.slice(from, i);
        flushWarnings(i + 1);
        emitSegment(first ? T.DQPRE : T.DQMID, i);
        first = false;
        lx.tokens.push({ type: T.VARIABLE, start: lx.at(i), end: lx.at(end), value: text.slice(i + 1, end) });
        i = end;
        segStart = i;
        scanFrom = i;
        afterText = lx.lastMatch = text.slice(i0(end, text), end);
        from = i;
        value = '';
        continue;
      }
      // Puppet's scanner stops at every `$`: a `$` without a name ends a chunk,
      // so pending warnings are reported here and a later unclosed quote is
      // reported from here (its failed name scan leaves no previous match)
      i++;
      flushWarnings(i);
      scanFrom = i;
      afterText = lx.lastMatch = '';
      continue;
    }
    i++;
  }
}

/** Start of the variable name that ends at `end` (after the `$`). */
function i0(end: number, text: string): number {
  let k = end;
  while (k > 0 && text.charCodeAt(k - 1) !== 36) k--;
  return k;
}

/** Decodes `XXXX` or `{X..XXXXXX}` after `\u`; undefined when malformed or above U+10FFFF. */
function unicodeEscape(text: string, at: number): { text: string; end: number } | undefined {
  if (text.charCodeAt(at) === 123) {
    let j = at + 1;
    while (j < text.length && j - at - 1 < 7 && isHexCode(text.charCodeAt(j))) j++;
    const digits = j - at - 1;
    if (digits < 1 || digits > 6 || text.charCodeAt(j) !== 125) return undefined;
    const cp = parseInt(text.slice(at + 1, j), 16);
    if (cp > 0x10ffff) return undefined;
    return { text: String.fromCodePoint(cp), end: j + 1 };
  }
  for (let j = at; j < at + 4; j++) if (!isHexCode(text.charCodeAt(j))) return undefined;
  return { text: String.fromCodePoint(parseInt(text.slice(at, at + 4), 16)), end: at + 4 };
}
