// A HOCON reader for puppetserver's conf.d files (auth.conf, puppetserver.conf, webserver.conf, ...).
//
// Supported: root object with or without braces, `:` / `=` / `+=` and `key { ... }`, arrays,
// quoted / triple-quoted / unquoted strings, numbers, booleans, null, `#` and `//` comments,
// newline or comma separators, dotted keys, merging of repeated object keys, value concatenation
// and `${path}` / `${?path}` substitutions (resolved against the document, then the environment).
// Not supported, refused with a clear error: `include`.
//
// Positions are kept as offsets while parsing and only turned into line:col when reported.

export type HoconValue = string | number | boolean | null | HoconValue[] | HoconObject;
export interface HoconObject {
  [key: string]: HoconValue;
}

export interface HoconPosition {
  file: string;
  line: number;
  col: number;
}

export class HoconError extends Error {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly detail: string;
  constructor(pos: HoconPosition, detail: string) {
    super(`${pos.file}:${pos.line}:${pos.col}: ${detail}`);
    this.name = 'HoconError';
    this.file = pos.file;
    this.line = pos.line;
    this.col = pos.col;
    this.detail = detail;
  }
}

export interface HoconDocument {
  readonly file: string;
  readonly root: HoconObject;
  /** Where an object or array of `root` starts (its `{` / `[`, or the file start for a brace-less root). */
  positionOf(node: object): HoconPosition | undefined;
}

export interface HoconOptions {
  /** Environment used for substitutions the document cannot resolve; default: none. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** Parses one HOCON file. Throws HoconError with file:line:col on bad input. */
export function parseHocon(text: string, file: string, options: HoconOptions = {}): HoconDocument {
  const parser = new Parser(text, file);
  const root = parser.parseDocument();
  const resolved = new Resolver(parser, root, options.env ?? {}).resolveRoot();
  const offsets = parser.offsets;
  return {
    file,
    root: resolved,
    positionOf(node: object): HoconPosition | undefined {
      const offset = offsets.get(node);
      return offset === undefined ? undefined : parser.position(offset);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Parse tree: plain values plus two placeholder kinds that exist only until resolution.

interface Subst {
  readonly kind: 'subst';
  readonly path: string[];
  readonly optional: boolean;
  readonly offset: number;
}
interface Concat {
  readonly kind: 'concat';
  /** Parts in source order; `gaps[i]` is the whitespace between parts[i] and parts[i+1]. */
  readonly parts: RawValue[];
  readonly gaps: string[];
  readonly offset: number;
}
type RawValue = string | number | boolean | null | RawValue[] | RawObject | Subst | Concat;
interface RawObject {
  [key: string]: RawValue;
}

/** A scalar remembers its source text so `a: 1 2` concatenates to "1 2" like HOCON says. */
interface Piece {
  value: RawValue;
  text: string | undefined;
}

const FORBIDDEN_UNQUOTED = new Set([...'$"{}[]:=,+#`^?!@*&\\']);
const NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

function isPlaceholder(v: unknown): v is Subst | Concat {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && PLACEHOLDERS.has(v);
}
// Placeholders are recognised by identity so a user key named "kind" can never be mistaken for one.
const PLACEHOLDERS = new WeakSet<object>();
function subst(path: string[], optional: boolean, offset: number): Subst {
  const s: Subst = { kind: 'subst', path, optional, offset };
  PLACEHOLDERS.add(s);
  return s;
}
function concat(parts: RawValue[], gaps: string[], offset: number): Concat {
  const c: Concat = { kind: 'concat', parts, gaps, offset };
  PLACEHOLDERS.add(c);
  return c;
}

function isObject(v: unknown): v is RawObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !isPlaceholder(v);
}

/** Sets a key without ever touching the prototype (a key may be "__proto__"). */
function setKey(obj: object, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}
function hasKey(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

class Parser {
  readonly offsets = new WeakMap<object, number>();
  private pos = 0;
  private lineStarts: number[] | undefined;

  constructor(
    private readonly src: string,
    private readonly file: string,
  ) {}

  position(offset: number): HoconPosition {
    if (!this.lineStarts) {
      this.lineStarts = [0];
      for (let i = 0; i < this.src.length; i++) if (this.src[i] === '\n') this.lineStarts.push(i + 1);
    }
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { file: this.file, line: lo + 1, col: offset - starts[lo]! + 1 };
  }

  error(offset: number, detail: string): HoconError {
    return new HoconError(this.position(offset), detail);
  }

  parseDocument(): RawObject {
    if (this.src.charCodeAt(0) === 0xfeff) this.pos = 1;
    this.skipSpaceAndNewlines();
    let root: RawObject;
    if (this.peek() === '[') {
      throw this.error(this.pos, 'A document whose root is an array is not supported; expected an object');
    } else if (this.peek() === '{') {
      root = this.parseObject();
      this.skipSpaceAndNewlines();
      if (this.pos < this.src.length) {
        throw this.error(this.pos, `Unexpected ${this.describe()} after the closing "}" of the root object`);
      }
    } else {
      root = this.parseObjectBody(this.pos, true);
    }
    return root;
  }

  // --- lexical helpers ---------------------------------------------------------------------

  private peek(n = 0): string {
    return this.src[this.pos + n] ?? '';
  }

  private describe(): string {
    if (this.pos >= this.src.length) return 'end of file';
    const ch = this.src[this.pos]!;
    return ch === '\n' ? 'end of line' : `"${ch}"`;
  }

  private atCommentStart(): boolean {
    const ch = this.peek();
    return ch === '#' || (ch === '/' && this.peek(1) === '/');
  }

  private static isInlineSpace(ch: string): boolean {
    return ch !== '\n' && ch !== '' && /[\s\uFEFF]/.test(ch);
  }

  /** Skips spaces and tabs (not newlines) and a trailing comment. */
  private skipInlineSpace(): void {
    for (;;) {
      const ch = this.peek();
      if (Parser.isInlineSpace(ch)) this.pos++;
      else if (this.atCommentStart()) {
        while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
      } else return;
    }
  }

  private skipSpaceAndNewlines(): boolean {
    let sawNewline = false;
    for (;;) {
      this.skipInlineSpace();
      if (this.peek() === '\n') {
        sawNewline = true;
        this.pos++;
      } else return sawNewline;
    }
  }

  // --- objects -----------------------------------------------------------------------------

  private parseObject(): RawObject {
    const open = this.pos;
    this.pos++; // '{'
    const obj = this.parseObjectBody(open, false);
    if (this.peek() !== '}') throw this.error(this.pos, `Expected "}" to close the object opened at ${this.where(open)}, found ${this.describe()}`);
    this.pos++;
    return obj;
  }

  private where(offset: number): string {
    const p = this.position(offset);
    return `${p.line}:${p.col}`;
  }

  /** Fields up to a `}` (left unconsumed) or, for the brace-less root, the end of the file. */
  private parseObjectBody(open: number, isRoot: boolean): RawObject {
    const obj: RawObject = {};
    this.offsets.set(obj, open);
    for (;;) {
      this.skipSpaceAndNewlines();
      if (this.pos >= this.src.length) {
        if (isRoot) return obj;
        throw this.error(this.pos, `Expected "}" to close the object opened at ${this.where(open)}, found end of file`);
      }
      if (this.peek() === '}') {
        if (isRoot) throw this.error(this.pos, 'Unexpected "}" at the top level');
        return obj;
      }
      this.parseField(obj);
      // A field ends at a newline, a comma, or the closing brace.
      this.skipInlineSpace();
      const ch = this.peek();
      if (ch === ',') {
        this.pos++;
      } else if (ch !== '\n' && ch !== '}' && ch !== '') {
        throw this.error(this.pos, `Expected a newline, "," or "}" after a field, found ${this.describe()}`);
      }
    }
  }

  private parseField(obj: RawObject): void {
    const keyStart = this.pos;
    if (this.src.startsWith('include', this.pos) && /[\s"]/.test(this.peek(7))) {
      throw this.error(keyStart, '"include" is not supported in Bunraku\'s HOCON reader; put the settings in this file');
    }
    const path = this.parseKey();
    this.skipInlineSpace();
    let append = false;
    const ch = this.peek();
    let value: RawValue;
    if (ch === '{') {
      value = this.parseValue();
    } else {
      if (ch === ':' || ch === '=') this.pos++;
      else if (ch === '+' && this.peek(1) === '=') {
        this.pos += 2;
        append = true;
      } else throw this.error(this.pos, `Expected ":", "=" or "{" after the key "${path.join('.')}", found ${this.describe()}`);
      this.skipInlineSpace();
      value = this.parseValue();
    }
    // Dotted keys: `a.b.c: v` is `a { b { c: v } }`, merged into what is already there.
    let target = obj;
    for (let i = 0; i < path.length - 1; i++) {
      const k = path[i]!;
      const existing = hasKey(target, k) ? target[k] : undefined;
      if (isObject(existing)) {
        target = existing;
      } else {
        const fresh: RawObject = {};
        this.offsets.set(fresh, keyStart);
        setKey(target, k, fresh);
        target = fresh;
      }
    }
    const last = path[path.length - 1]!;
    const existing = hasKey(target, last) ? target[last] : undefined;
    if (append) {
      if (existing === undefined) setKey(target, last, [value]);
      else if (Array.isArray(existing)) existing.push(value);
      else throw this.error(keyStart, `Cannot use "+=" on "${path.join('.')}": its current value is not an array`);
    } else {
      setKey(target, last, mergeValues(existing, value));
    }
  }

  /** A key path: unquoted segments split on ".", quoted segments kept whole. */
  private parseKey(): string[] {
    const start = this.pos;
    const segments: string[] = [];
    let current = '';
    let sawAny = false;
    for (;;) {
      const ch = this.peek();
      if (ch === '"') {
        if (this.src.startsWith('"""', this.pos)) throw this.error(this.pos, 'Triple-quoted strings cannot be used as keys');
        current += this.parseQuoted();
        sawAny = true;
      } else if (ch === '.') {
        if (!sawAny) throw this.error(this.pos, 'Empty segment in a key path');
        segments.push(current);
        current = '';
        sawAny = false;
        this.pos++;
      } else if (ch !== '' && !FORBIDDEN_UNQUOTED.has(ch) && !/[\s\uFEFF]/.test(ch) && !this.atCommentStart()) {
        current += ch;
        sawAny = true;
        this.pos++;
      } else break;
    }
    if (!sawAny) {
      if (segments.length > 0) throw this.error(this.pos, 'A key path must not end with "."');
      throw this.error(start, `Expected a key, found ${this.describe()}`);
    }
    segments.push(current);
    return segments;
  }

  // --- values ------------------------------------------------------------------------------

  /** A value, possibly a concatenation of several simple values on one line. */
  private parseValue(): RawValue {
    const start = this.pos;
    const pieces: Piece[] = [];
    const gaps: string[] = [];
    for (;;) {
      pieces.push(this.parseSimpleValue());
      const gapStart = this.pos;
      while (Parser.isInlineSpace(this.peek())) this.pos++;
      const ch = this.peek();
      if (ch === '' || ch === '\n' || ch === ',' || ch === '}' || ch === ']' || ch === ':' || ch === '=' || this.atCommentStart()) {
        this.pos = gapStart;
        break;
      }
      gaps.push(this.src.slice(gapStart, this.pos));
    }
    if (pieces.length === 1) return pieces[0]!.value;
    return this.combine(pieces, gaps, start);
  }

  private combine(pieces: Piece[], gaps: string[], start: number): RawValue {
    const values = pieces.map((p) => p.value);
    if (values.some(isPlaceholder)) {
      return concat(values.map((v, i) => (pieces[i]!.text !== undefined ? pieces[i]!.text! : v)), gaps, start);
    }
    if (values.every(Array.isArray)) return ([] as RawValue[]).concat(...(values as RawValue[][]));
    if (values.every(isObject)) return values.reduce<RawValue>((acc, v) => mergeValues(acc, v), {});
    if (values.some((v) => Array.isArray(v) || isObject(v))) {
      throw this.error(start, 'Cannot concatenate an object or array with a string or a value of another kind');
    }
    let text = '';
    pieces.forEach((p, i) => {
      text += p.text ?? String(p.value);
      if (i < gaps.length) text += gaps[i];
    });
    return text;
  }

  private parseSimpleValue(): Piece {
    const ch = this.peek();
    if (ch === '{') return { value: this.parseObject(), text: undefined };
    if (ch === '[') return { value: this.parseArray(), text: undefined };
    if (ch === '"') {
      if (this.src.startsWith('"""', this.pos)) {
        const s = this.parseTripleQuoted();
        return { value: s, text: s };
      }
      const s = this.parseQuoted();
      return { value: s, text: s };
    }
    if (ch === '$' && this.peek(1) === '{') return { value: this.parseSubstitution(), text: undefined };
    return this.parseUnquoted();
  }

  private parseArray(): RawValue[] {
    const open = this.pos;
    this.pos++; // '['
    const arr: RawValue[] = [];
    this.offsets.set(arr, open);
    for (;;) {
      this.skipSpaceAndNewlines();
      if (this.peek() === ']') {
        this.pos++;
        return arr;
      }
      if (this.pos >= this.src.length) throw this.error(this.pos, `Expected "]" to close the array opened at ${this.where(open)}, found end of file`);
      arr.push(this.parseValue());
      const sawNewline = this.skipSpaceAndNewlines();
      const ch = this.peek();
      if (ch === '') throw this.error(this.pos, `Expected "]" to close the array opened at ${this.where(open)}, found end of file`);
      if (ch === ',') this.pos++;
      else if (ch !== ']' && !sawNewline) throw this.error(this.pos, `Expected "," or "]" in an array, found ${this.describe()}`);
    }
  }

  private parseUnquoted(): Piece {
    const start = this.pos;
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos]!;
      if (FORBIDDEN_UNQUOTED.has(ch) || /[\s\uFEFF]/.test(ch) || this.atCommentStart()) break;
      this.pos++;
    }
    const text = this.src.slice(start, this.pos);
    if (text === '') {
      const what = this.describe();
      throw this.error(start, `Expected a value, found ${what}${this.peek() !== '' && FORBIDDEN_UNQUOTED.has(this.peek()) ? ' (quote the value to use this character)' : ''}`);
    }
    if (text === 'include') throw this.error(start, '"include" is not supported in Bunraku\'s HOCON reader; put the settings in this file');
    if (text === 'true') return { value: true, text };
    if (text === 'false') return { value: false, text };
    if (text === 'null') return { value: null, text };
    if (NUMBER.test(text)) return { value: Number(text), text };
    return { value: text, text };
  }

  private parseQuoted(): string {
    const start = this.pos;
    this.pos++; // opening quote
    let out = '';
    for (;;) {
      const ch = this.src[this.pos];
      if (ch === undefined || ch === '\n') throw this.error(start, 'Unterminated quoted string');
      this.pos++;
      if (ch === '"') return out;
      if (ch !== '\\') {
        out += ch;
        continue;
      }
      const esc = this.src[this.pos++];
      switch (esc) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          const hex = this.src.slice(this.pos, this.pos + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw this.error(this.pos - 2, `Invalid unicode escape "\\u${hex}" in a quoted string`);
          out += String.fromCharCode(parseInt(hex, 16));
          this.pos += 4;
          break;
        }
        default:
          throw this.error(this.pos - 2, `Invalid escape "\\${esc ?? ''}" in a quoted string`);
      }
    }
  }

  private parseTripleQuoted(): string {
    const start = this.pos;
    const close = this.src.indexOf('"""', this.pos + 3);
    if (close < 0) throw this.error(start, 'Unterminated triple-quoted string');
    // Quotes right before the end belong to the string: `""""x""""` is `"x"`.
    let end = close;
    while (this.src[end + 3] === '"') end++;
    this.pos = end + 3;
    return this.src.slice(start + 3, end);
  }

  private parseSubstitution(): Subst {
    const start = this.pos;
    this.pos += 2; // '${'
    let optional = false;
    if (this.peek() === '?') {
      optional = true;
      this.pos++;
    }
    while (Parser.isInlineSpace(this.peek())) this.pos++;
    const path = this.parseKey();
    while (Parser.isInlineSpace(this.peek())) this.pos++;
    if (this.peek() !== '}') throw this.error(this.pos, `Expected "}" to close the substitution, found ${this.describe()}`);
    this.pos++;
    return subst(path, optional, start);
  }
}

/** Later value wins, except two objects, which merge key by key (recursively). */
function mergeValues(earlier: RawValue | undefined, later: RawValue): RawValue {
  if (isObject(earlier) && isObject(later)) {
    for (const k of Object.keys(later)) {
      setKey(earlier, k, mergeValues(hasKey(earlier, k) ? earlier[k] : undefined, later[k]!));
    }
    return earlier;
  }
  return later;
}

// ---------------------------------------------------------------------------------------------
// Substitution resolution, after the whole file is parsed (a substitution may refer forward).

const UNRESOLVED = Symbol('unresolved');

class Resolver {
  private readonly resolving = new Set<object>();

  constructor(
    private readonly parser: Parser,
    private readonly root: RawObject,
    private readonly env: Readonly<Record<string, string | undefined>>,
  ) {}

  resolveRoot(): HoconObject {
    return this.resolveIn(this.root) as HoconObject;
  }

  /** Replaces placeholders in place (so node identity, and thus positions, survive). */
  private resolveIn(v: RawValue): HoconValue | typeof UNRESOLVED {
    if (isPlaceholder(v)) return this.resolvePlaceholder(v);
    if (Array.isArray(v)) {
      let w = 0;
      for (let r = 0; r < v.length; r++) {
        const x = this.resolveIn(v[r]!);
        if (x !== UNRESOLVED) v[w++] = x;
      }
      v.length = w;
      return v as HoconValue[];
    }
    if (isObject(v)) {
      for (const k of Object.keys(v)) {
        const x = this.resolveIn(v[k]!);
        if (x === UNRESOLVED) delete v[k];
        else setKey(v, k, x);
      }
      return v as HoconObject;
    }
    return v;
  }

  private resolvePlaceholder(p: Subst | Concat): HoconValue | typeof UNRESOLVED {
    if (this.resolving.has(p)) throw this.parser.error(p.offset, 'Substitution cycle');
    this.resolving.add(p);
    try {
      if (p.kind === 'subst') return this.lookup(p);
      const parts = p.parts.map((x) => this.resolveIn(x));
      const present = parts.filter((x): x is HoconValue => x !== UNRESOLVED);
      if (present.length === 0) return UNRESOLVED;
      if (present.every(Array.isArray)) return ([] as HoconValue[]).concat(...(present as HoconValue[][]));
      if (present.every((x) => isObject(x))) return present.reduce<RawValue>((a, b) => mergeValues(a, b), {}) as HoconValue;
      if (present.some((x) => typeof x === 'object' && x !== null)) {
        throw this.parser.error(p.offset, 'Cannot concatenate an object or array with a string or a value of another kind');
      }
      let text = '';
      parts.forEach((x, i) => {
        if (x !== UNRESOLVED) text += x === null ? 'null' : String(x);
        if (i < p.gaps.length) text += p.gaps[i];
      });
      return text;
    } finally {
      this.resolving.delete(p);
    }
  }

  private lookup(s: Subst): HoconValue | typeof UNRESOLVED {
    let node: RawValue | undefined = this.root;
    for (const seg of s.path) {
      node = isObject(node) && hasKey(node, seg) ? node[seg] : undefined;
      if (node === undefined) break;
    }
    if (node !== undefined) return this.resolveIn(node);
    const fromEnv = this.env[s.path.join('.')];
    if (fromEnv !== undefined) return fromEnv;
    if (s.optional) return UNRESOLVED;
    throw this.parser.error(s.offset, `Cannot resolve the substitution "\${${s.path.join('.')}}": no such setting and no such environment variable`);
  }
}
