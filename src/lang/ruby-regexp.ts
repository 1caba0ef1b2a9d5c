// Translates Ruby (Onigmo) regular expression source into an equivalent
// JavaScript RegExp source, for the subset Puppet code uses: Puppet evaluates
// every regexp with Ruby's engine, so type aliases like stdlib's
// `Pattern[/(?i:\Ahttps?:\/\/.*\z)/]` must mean here what they mean there.
//
// Handled: \A \z \Z (string anchors; ^ and $ stay line anchors, as in Ruby),
// \h \H, POSIX bracket classes ([[:alpha:]]), `{,n}` quantifiers, scoped and
// inline option groups `(?imx-imx:...)` / `(?i)` (i by case-expanding letters,
// m by letting `.` match newlines, x by dropping whitespace and comments),
// comments `(?#...)`, atomic groups (as plain groups) and possessive
// quantifiers (as greedy ones). Capture groups keep their numbers: the
// translation only ever adds non-capturing constructs.

interface Options {
  /** Case-insensitive (Ruby i). */
  i: boolean;
  /** Dot matches newline (Ruby m). */
  m: boolean;
  /** Extended: whitespace and # comments ignored (Ruby x). */
  x: boolean;
}

const POSIX_CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z', digit: '0-9', alnum: 'a-zA-Z0-9', upper: 'A-Z', lower: 'a-z',
  space: ' \\t\\r\\n\\v\\f', blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9a-fA-F',
  cntrl: '\\x00-\\x1f\\x7f', print: '\\x20-\\x7e', graph: '\\x21-\\x7e', word: '\\w',
};

const isLetter = (c: string): boolean => c.toLowerCase() !== c.toUpperCase();

/** Both cases of a letter as class content, e.g. `aA`; other characters unchanged. */
function bothCases(c: string): string {
  if (!isLetter(c)) return c;
  const lower = c.toLowerCase();
  const upper = c.toUpperCase();
  return lower === upper ? c : `${lower}${upper}`;
}

export interface TranslatedRegExp {
  source: string;
  flags: string;
}

/**
 * Translates Ruby regexp source (and Ruby option letters in `flags`: i, m, x,
 * plus JS's g) into a JS source and flags. JS flags always include `m`,
 * because Ruby's ^ and $ match at line boundaries.
 */
export function translateRubyRegExp(source: string, flags = ''): TranslatedRegExp {
  const t = new Translator(source, { i: flags.includes('i'), m: flags.includes('m') || flags.includes('s'), x: flags.includes('x') });
  const out = t.run();
  // A whole-pattern case-insensitive option becomes the JS flag (the output then needs no expansion).
  return { source: out.source, flags: `${flags.includes('g') ? 'g' : ''}${out.globalI ? 'i' : ''}m` };
}

class Translator {
  private pos = 0;
  private out = '';
  private readonly stack: Options[] = [];
  private scope: Options;
  /** Case-insensitivity carried by the JS `i` flag (so letters need no expansion). */
  private globalI = false;
  private lastWasQuantifier = false;

  constructor(private readonly src: string, initial: Options) {
    this.scope = { ...initial };
    // A leading `(?i)` (or option group spanning the pattern) applies to the whole pattern.
    const lead = /^\(\?([imx]+)\)/.exec(src);
    if (lead) {
      this.pos = lead[0].length;
      this.applyFlags(this.scope, lead[1], '');
    }
    if (this.scope.i) this.globalI = true;
  }

  run(): { source: string; globalI: boolean } {
    const s = this.src;
    while (this.pos < s.length) {
      const c = s[this.pos];
      const wasQuantifier = this.lastWasQuantifier;
      this.lastWasQuantifier = false;
      if (this.scope.x && /\s/.test(c)) { this.pos++; this.lastWasQuantifier = wasQuantifier; continue; }
      if (this.scope.x && c === '#') {
        while (this.pos < s.length && s[this.pos] !== '\n') this.pos++;
        continue;
      }
      switch (c) {
        case '\\': this.escape(); break;
        case '[': this.out += this.charClass(); break;
        case '(': this.openGroup(); break;
        case ')':
          this.out += ')';
          this.scope = this.stack.pop() ?? this.scope;
          this.pos++;
          break;
        case '.':
          this.out += this.scope.m ? '[\\s\\S]' : '[^\\n]';
          this.pos++;
          break;
        case '*': case '?':
          this.out += c;
          this.pos++;
          this.lastWasQuantifier = c === '*' || !wasQuantifier;
          break;
        case '+':
          // After a quantifier, + makes it possessive; JS has none, so it stays greedy.
          if (!wasQuantifier) this.out += '+';
          this.pos++;
          this.lastWasQuantifier = !wasQuantifier;
          break;
        case '{': this.brace(); break;
        default:
          this.out += this.scope.i && !this.globalI && isLetter(c) ? `[${bothCases(c)}]` : c;
          this.pos++;
      }
    }
    return { source: this.out, globalI: this.globalI };
  }

  private escape(): void {
    const s = this.src;
    const next = s[this.pos + 1];
    this.pos += 2;
    switch (next) {
      case 'A': this.out += '(?<![\\s\\S])'; return;
      case 'z': this.out += '(?![\\s\\S])'; return;
      case 'Z': this.out += '(?=\\n?(?![\\s\\S]))'; return;
      case 'h': this.out += '[0-9a-fA-F]'; return;
      case 'H': this.out += '[^0-9a-fA-F]'; return;
      case 'G': return; // start of match: the match starts where matching starts
      case undefined: this.out += '\\\\'; return;
      default:
        this.out += `\\${next}`;
        // \x41 and \u0041 forms, and back references, carry their digits along unchanged.
    }
  }

  /** Reads `[...]` at pos (nesting and POSIX classes included) and returns the JS class. */
  private charClass(): string {
    const s = this.src;
    this.pos++; // [
    let body = '';
    if (s[this.pos] === '^') { body += '^'; this.pos++; }
    let first = true;
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (c === ']' && !first) { this.pos++; break; }
      first = false;
      if (c === '[' && s[this.pos + 1] === ':') {
        const end = s.indexOf(':]', this.pos + 2);
        const name = end > 0 ? s.slice(this.pos + 2, end) : '';
        const negated = name.startsWith('^');
        const content = POSIX_CLASSES[negated ? name.slice(1) : name];
        if (content !== undefined && !negated) {
          body += content;
          this.pos = end + 2;
          continue;
        }
      }
      if (c === '[') {
        // A nested class is a union: take its inside (negated nested classes are not supported).
        const inner = this.charClass();
        body += inner.slice(1, -1);
        continue;
      }
      if (c === '\\') {
        const e = s[this.pos + 1];
        this.pos += 2;
        if (e === 'h') body += '0-9a-fA-F';
        else body += `\\${e}`;
        continue;
      }
      // A range of letters under (?i) also takes the other case's range.
      if (s[this.pos + 1] === '-' && s[this.pos + 2] !== undefined && s[this.pos + 2] !== ']') {
        const lo = c;
        let hi = s[this.pos + 2];
        let width = 3;
        if (hi === '\\') { hi = `\\${s[this.pos + 3]}`; width = 4; }
        body += `${lo}-${hi}`;
        if (this.scope.i && !this.globalI && hi.length === 1 && isLetter(lo) && isLetter(hi)) {
          const swap = (ch: string) => (ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase());
          body += `${swap(lo)}-${swap(hi)}`;
        }
        this.pos += width;
        continue;
      }
      body += this.scope.i && !this.globalI ? bothCases(c) : c;
      this.pos++;
    }
    return `[${body}]`;
  }

  private openGroup(): void {
    const s = this.src;
    this.stack.push(this.scope);
    this.scope = { ...this.scope };
    if (s[this.pos + 1] !== '?') {
      this.out += '(';
      this.pos++;
      return;
    }
    const rest = s.slice(this.pos + 2);
    if (rest.startsWith('#')) {
      // A comment: dropped with its parentheses.
      const end = s.indexOf(')', this.pos);
      this.pos = end < 0 ? s.length : end + 1;
      this.scope = this.stack.pop() as Options;
      return;
    }
    if (rest.startsWith('>')) {
      this.out += '(?:';
      this.pos += 3;
      return;
    }
    const options = /^([imx]*)(?:-([imx]*))?(:|\))/.exec(rest);
    if (options && (options[1] || options[2] !== undefined)) {
      this.pos += 2 + options[0].length;
      if (options[3] === ':') {
        this.applyFlags(this.scope, options[1], options[2] ?? '');
        this.out += '(?:';
      } else {
        // `(?i)` inside a group: the options hold to the end of the enclosing group.
        this.scope = this.stack.pop() as Options;
        this.applyFlags(this.scope, options[1], options[2] ?? '');
      }
      return;
    }
    // (?:  (?=  (?!  (?<=  (?<!  (?<name>  are the same in JS.
    this.out += '(';
    this.pos++;
  }

  private applyFlags(scope: Options, on: string, off: string): void {
    for (const f of on) scope[f as keyof Options] = true;
    for (const f of off) scope[f as keyof Options] = false;
  }

  /** `{n}`, `{n,}`, `{n,m}` are quantifiers in both; Ruby's `{,m}` means `{0,m}`; anything else is literal. */
  private brace(): void {
    const m = /^\{(\d*)(,?)(\d*)\}/.exec(this.src.slice(this.pos));
    if (m && (m[1] !== '' || (m[2] === ',' && m[3] !== ''))) {
      this.out += `{${m[1] === '' ? '0' : m[1]}${m[2]}${m[3]}}`;
      this.pos += m[0].length;
      this.lastWasQuantifier = true;
      return;
    }
    this.out += '\\{';
    this.pos++;
  }
}
