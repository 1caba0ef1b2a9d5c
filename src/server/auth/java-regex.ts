// Compiles the java.util.regex patterns auth.conf is written in (tk-auth runs on the JVM) into
// JavaScript RegExps with the same meaning, and refuses the Java constructs JS cannot express.

export class JavaRegexError extends Error {
  constructor(
    readonly pattern: string,
    readonly detail: string,
  ) {
    super(`Invalid regular expression "${pattern}": ${detail}`);
    this.name = 'JavaRegexError';
  }
}

/** Java's `$` (no MULTILINE flag): end of input, or before one final line terminator. */
const JAVA_DOLLAR = '(?=(?:\\r\\n|[\\n\\r\\u0085\\u2028\\u2029])?$)';
const JAVA_BIG_Z = JAVA_DOLLAR;

/**
 * Translates a Java regex to an equivalent JS RegExp (no `g`/`y` flag, so `exec` finds the first
 * match anywhere, like Clojure's re-find). Throws JavaRegexError for syntax errors and for Java
 * features that have no faithful JS equivalent.
 */
export function compileJavaRegex(pattern: string): RegExp {
  let flags = '';
  let src = pattern;
  // Leading embedded flags such as (?i) or (?is) become JS flags.
  const lead = /^\(\?([imsdux]+)\)/.exec(src);
  if (lead) {
    for (const f of lead[1]!) {
      if (f === 'i' || f === 'm' || f === 's') {
        if (!flags.includes(f)) flags += f;
      } else throw new JavaRegexError(pattern, `the embedded flag "${f}" is not supported`);
    }
    src = src.slice(lead[0].length);
  }
  const multiline = flags.includes('m');
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (ch === '\\') {
      const next = src[i + 1];
      if (next === undefined) throw new JavaRegexError(pattern, 'it ends with an unfinished escape "\\"');
      i++;
      switch (next) {
        case 'Q': {
          const end = src.indexOf('\\E', i + 1);
          const literal = end < 0 ? src.slice(i + 1) : src.slice(i + 1, end);
          out += literal.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
          i = end < 0 ? src.length : end + 1;
          continue;
        }
        case 'A':
          if (inClass) throw new JavaRegexError(pattern, '"\\A" inside a character class');
          out += multiline ? '(?<![\\s\\S])' : '^';
          continue;
        case 'z':
          if (inClass) throw new JavaRegexError(pattern, '"\\z" inside a character class');
          out += multiline ? '(?![\\s\\S])' : '$';
          continue;
        case 'Z':
          if (inClass) throw new JavaRegexError(pattern, '"\\Z" inside a character class');
          out += multiline ? '(?=(?:\\r\\n|[\\n\\r\\u0085\\u2028\\u2029])?(?![\\s\\S]))' : JAVA_BIG_Z;
          continue;
        case 'e':
          out += '\\x1b';
          continue;
        case 'a':
          out += '\\x07';
          continue;
        case 'h': case 'H': case 'R': case 'X': case 'G': case 'p': case 'P': case 'E': case 'N': case 'V': case 'K':
          throw new JavaRegexError(pattern, `the Java escape "\\${next}" is not supported`);
        default:
          out += '\\' + next;
          continue;
      }
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      else if (ch === '[') throw new JavaRegexError(pattern, 'nested character classes are not supported');
      else if (ch === '&' && src[i + 1] === '&') throw new JavaRegexError(pattern, 'character class intersection "&&" is not supported');
      out += ch;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      out += ch;
      // A "]" right after "[" or "[^" is a literal in Java.
      if (src[i + 1] === '^') {
        out += '^';
        i++;
      }
      if (src[i + 1] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (ch === '$' && !multiline) {
      out += JAVA_DOLLAR;
      continue;
    }
    if (ch === '(' && src[i + 1] === '?') {
      const kind = src[i + 2];
      if (kind === '>') throw new JavaRegexError(pattern, 'atomic groups "(?>" are not supported');
      if (kind !== ':' && kind !== '=' && kind !== '!' && !(kind === '<' && /[=!A-Za-z]/.test(src[i + 3] ?? ''))) {
        throw new JavaRegexError(pattern, 'embedded flags are only supported at the start of the pattern');
      }
    }
    if ((ch === '+' || ch === '*' || ch === '?' || ch === '}') && src[i + 1] === '+') {
      throw new JavaRegexError(pattern, `possessive quantifiers such as "${ch}+" are not supported`);
    }
    out += ch;
  }
  try {
    return new RegExp(out, flags);
  } catch (e) {
    throw new JavaRegexError(pattern, (e as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, ''));
  }
}

/** The number of capture groups of a compiled pattern. */
export function captureGroupCount(re: RegExp): number {
  return new RegExp(`${re.source}|`, re.flags).exec('')!.length - 1;
}
