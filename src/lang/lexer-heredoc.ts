// Heredocs for the lexer: `@(END)`, `@("END":syntax/escapes)`, the text lines
// that start after the current line (or after the previous heredoc on the same
// line), the end line with optional margin `|` and break trimming `-`. The text
// is lexed by a sub-lexer whose offsets map back into the file.
import { Lexer, isBlank } from './lexer.js';
import { lexStringBody, type StringMode } from './lexer-strings.js';
import { T } from './tokens.js';

const HEREDOC_ESCAPE_FLAGS = 'trnsuL$';

/** Lexes the heredoc whose `@(` is at `start` (all at once, as Puppet does). */
export function lexHeredoc(lx: Lexer, start: number): void {
  lx.eagerly(() => heredoc(lx, start));
}

function heredoc(lx: Lexer, start: number): void {
  const text = lx.text;
  const close = text.indexOf(')', start);
  if (close < 0) lx.fail('HEREDOC_UNCLOSED_PARENTHESIS', start, { followed_by: lx.followedBy(start) });
  const afterParen = close + 1;
  const spec = parseSpec(text.slice(start, close + 1));
  if (spec === undefined) lx.fail('HEREDOC_INVALID_SYNTAX', afterParen);
  let endtag = spec.tag.trim();
  let interpolate = false;
  const m = /^"(.*)"$/.exec(endtag);
  if (m) {
    interpolate = true;
    endtag = m[1].trim();
  }
  if (endtag.length < 1) lx.fail('HEREDOC_EMPTY_ENDTAG', afterParen);

  const escapes = new Set<string>();
  if (spec.escapes !== undefined) {
    const flags = spec.escapes.length < 1 ? HEREDOC_ESCAPE_FLAGS : spec.escapes;
    const list = [...flags];
    if (new Set(list).size !== list.length) lx.fail('HEREDOC_MULTIPLE_AT_ESCAPES', afterParen, { escapes: list.join(', ') });
    escapes.add('\\');
    for (const e of list) {
      if ('trnsu$'.includes(e)) escapes.add(e);
      else if (e === 'L') escapes.add('\n');
      else lx.fail('HEREDOC_INVALID_ESCAPE', afterParen, { actual: e });
    }
  }

  lx.tokens.push({ type: T.HEREDOC, start: lx.at(start), end: lx.at(afterParen), value: spec.syntax });
  lx.after = T.HEREDOC;

  // the text starts after the line the heredoc is on, or after the previous heredoc's text
  let bodyStart: number;
  if (lx.newlineJump >= 0) {
    bodyStart = lx.newlineJump;
  } else {
    const nl = text.indexOf('\n', afterParen);
    if (nl < 0) lx.fail('HEREDOC_WITHOUT_TEXT', afterParen);
    bodyStart = nl + 1;
  }

  const lineStarts: number[] = [];
  let p = bodyStart;
  while (p < text.length) {
    const nl = text.indexOf('\n', p);
    const lineEnd = nl < 0 ? text.length : nl + 1;
    const end = matchEndLine(text, p, lineEnd, endtag);
    if (end) {
      lx.newlineJump = lineEnd;
      const body = buildBody(text, lineStarts, bodyStart, end);
      const sub = new Lexer(body.text, lx.source, lx.tokens, lx.warnings, body.map);
      const mode: StringMode = {
        escapes,
        interpolate,
        dollarEscapable: escapes.has('$'),
        warnUnknown: false,
        quote: false,
      };
      lexStringBody(sub, 0, mode);
      lx.after = sub.after;
      lx.pos = afterParen;
      return;
    }
    lineStarts.push(p);
    p = lineEnd;
  }
  lx.fail('HEREDOC_WITHOUT_END_TAGGED_LINE', bodyStart);
}

interface Spec {
  tag: string;
  syntax: string;
  escapes: string | undefined;
}

/**
 * Parses `@(END:syntax/escapes)` like Puppet's PATTERN_HEREDOC, which is not
 * anchored: the text up to the first `)` may hold a valid heredoc start later on.
 */
function parseSpec(str: string): Spec | undefined {
  const m = /@\(([^:/\r\n)]+)(?::[ \t]*([a-z][a-zA-Z0-9_+]+)[ \t]*)?(?:\/((?:\w|[$])*)[ \t]*)?\)/.exec(str);
  if (!m) return undefined;
  return { tag: m[1], syntax: m[2] ?? '', escapes: m[3] };
}

interface EndLine {
  /** The blanks before the `|` margin marker (empty when there is no margin). */
  leading: string;
  margin: boolean;
  trimBreak: boolean;
}

/**
 * Whether the line [start, end) ends with the end tag, preceded only by
 * `[blanks] [| blanks] [- blanks]` (Puppet's end line pattern is not anchored
 * at the line start, so text before that is allowed).
 */
function matchEndLine(text: string, start: number, end: number, tag: string): EndLine | undefined {
  let e = end;
  if (text.charCodeAt(e - 1) === 10) e--;
  if (text.charCodeAt(e - 1) === 13) e--;
  while (e > start && isBlank(text.charCodeAt(e - 1)) && text.charCodeAt(e - 1) !== 13) e--;
  if (e - start < tag.length || text.slice(e - tag.length, e) !== tag) return undefined;
  let i = e - tag.length;
  const skipBlanks = (): void => {
    while (i > start && (text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 9)) i--;
  };
  skipBlanks();
  let trimBreak = false;
  let margin = false;
  if (i > start && text.charCodeAt(i - 1) === 45) {
    trimBreak = true;
    i--;
    skipBlanks();
  }
  if (i > start && text.charCodeAt(i - 1) === 124) {
    margin = true;
    i--;
    const blanksEnd = i;
    skipBlanks();
    return { leading: text.slice(i, blanksEnd), margin, trimBreak };
  }
  return { leading: '', margin, trimBreak };
}

/** Joins the text lines with the margin removed; `map` turns body offsets into file offsets. */
function buildBody(text: string, lineStarts: number[], bodyStart: number, end: EndLine): { text: string; map: (o: number) => number } {
  const bodyStarts: number[] = [];
  const fileStarts: number[] = [];
  let body = '';
  for (let k = 0; k < lineStarts.length; k++) {
    const ls = lineStarts[k];
    const next = k + 1 < lineStarts.length ? lineStarts[k + 1] : undefined;
    const nl = text.indexOf('\n', ls);
    const le = next ?? (nl < 0 ? text.length : nl + 1);
    let s = ls;
    if (end.margin && end.leading.length > 0 && text.startsWith(end.leading, ls)) s = ls + end.leading.length;
    bodyStarts.push(body.length);
    fileStarts.push(s);
    body += text.slice(s, le);
  }
  if (end.trimBreak) body = body.replace(/\r?\n$/, '');
  const map = (o: number): number => {
    // as Puppet's SubLocator: offset 0 is the start of the first line, margin included
    if (o === 0) return bodyStart;
    let lo = 0;
    let hi = bodyStarts.length - 1;
    if (hi < 0) return bodyStart;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (bodyStarts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return fileStarts[lo] + (o - bodyStarts[lo]);
  };
  return { text: body, map };
}
