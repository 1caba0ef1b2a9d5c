// YAML text exactly as Ruby's Psych 4 (over libyaml 0.2.5) dumps plain data:
// Psych's choice of scalar style (quoting strings that would read back as
// other types) and libyaml's block layout, indentless sequences in mappings,
// and folding of long scalars at 80 columns. Only what to_yaml of a Puppet
// report needs: hashes, arrays, strings, integers, floats, booleans, nil, and
// an optional tag on the root mapping.
import { RubyFloat, RubyInt, type RubyValue } from './ruby-value.js';

const BEST_INDENT = 2;
const BEST_WIDTH = 80;

type Style = 'any' | 'plain' | 'single' | 'double' | 'literal';

/** Ruby's Float#to_s. */
export function rubyFloatToS(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const [mant, expText] = Math.abs(x).toExponential().split('e') as [string, string];
  const digits = mant.replace('.', '');
  const decpt = Number(expText) + 1;
  // Ruby's flo_to_s: a point inside the digits, or zero padding below 16 digits, else exponent form.
  if (decpt > 0 && decpt < digits.length) return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
  if (decpt > 0 && decpt < 16) return `${sign}${digits.padEnd(decpt, '0')}.0`;
  if (decpt <= 0 && decpt > -4) return `${sign}0.${'0'.repeat(-decpt)}${digits}`;
  const e = decpt - 1;
  return `${sign}${digits[0]}.${digits.slice(1) || '0'}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

// ---- Psych's ScalarScanner#tokenize, reduced to "does it read back as a String?" ----

const TIME = /^-?\d{4}-\d{1,2}-\d{1,2}(?:[Tt]|\s+)\d{1,2}:\d\d:\d\d(?:\.\d*)?(?:\s*(?:Z|[-+]\d{1,2}:?(?:\d\d)?))?$/m;
const FLOAT = /^(?:[-+]?([0-9][0-9_,]*)?\.[0-9]*([eE][-+][0-9]+)?)$/m;
const INTEGER = /^(?:[-+]?0b[0-1_,]+|[-+]?0[0-7_,]+|[-+]?(?:0|[1-9](?:[0-9]|,[0-9]|_[0-9])*)|[-+]?0x[0-9a-fA-F_,]+)$/m;
const STRINGISH = /^[^\d.:-]?[\p{Alphabetic}_ \t\r\n\f\v!@#$%^&*(){}<>|/\\~;=]+/mu;

function validTime(s: string): boolean {
  const m = /(-?\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt]|\s+)(\d{1,2}):(\d\d):(\d\d)/.exec(s);
  if (!m) return false;
  const [mo, d, h, mi, se] = [m[2], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 24 && mi <= 59 && se <= 60;
}

function validDate(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** What Psych's ScalarScanner#tokenize makes of a plain scalar. */
export type Token =
  | { kind: 'string' }
  | { kind: 'null' }
  | { kind: 'bool'; value: boolean }
  | { kind: 'int'; text: string }
  | { kind: 'float'; value: number }
  /** Time, Date, Symbol: not a String, kept as text here. */
  | { kind: 'other' };

function parseRubyInt(s: string): string {
  const t = s.replace(/[,_]/g, '');
  const m = /^([-+]?)(0b|0x|0)?(.*)$/i.exec(t)!;
  const base = m[2] === undefined ? 10 : m[2].toLowerCase() === '0b' ? 2 : m[2].toLowerCase() === '0x' ? 16 : 8;
  const digits = m[2] === '0' && m[3] === '' ? '0' : m[3]!;
  let n = 0n;
  for (const ch of digits.toLowerCase()) n = n * BigInt(base) + BigInt(parseInt(ch, 16));
  return (m[1] === '-' && n !== 0n ? '-' : '') + n.toString();
}

export function psychTokenize(s: string): Token {
  if (s === '') return { kind: 'null' };
  if (STRINGISH.test(s) || s.includes('\n')) {
    if ([...s].length > 5) return { kind: 'string' };
    if (/^[^ytonf~]/im.test(s)) return { kind: 'string' };
    if (s === '~' || /^null$/im.test(s)) return { kind: 'null' };
    if (/^(yes|true|on)$/im.test(s)) return { kind: 'bool', value: true };
    if (/^(no|false|off)$/im.test(s)) return { kind: 'bool', value: false };
    return { kind: 'string' };
  }
  if (TIME.test(s)) return validTime(s) ? { kind: 'other' } : { kind: 'string' };
  if (/^\d{4}-(?:1[012]|0\d|\d)-(?:[12]\d|3[01]|0\d|\d)$/m.test(s)) return validDate(s) ? { kind: 'other' } : { kind: 'string' };
  if (/^\+?\.inf$/im.test(s)) return { kind: 'float', value: Infinity };
  if (/^-\.inf$/im.test(s)) return { kind: 'float', value: -Infinity };
  if (/^\.nan$/im.test(s)) return { kind: 'float', value: NaN };
  if (/^:./m.test(s)) return { kind: 'other' };
  if (/^[-+]?[0-9][0-9_]*(:[0-5]?[0-9]){1,2}$/m.test(s) || /^[-+]?[0-9][0-9_]*(:[0-5]?[0-9]){1,2}\.[0-9_]*$/m.test(s)) {
    const isFloat = s.includes('.');
    let total = 0;
    const parts = s.split(':');
    parts.forEach((part, e) => {
      total += Number(part.replace(/_/g, '')) * 60 ** Math.abs(e - 2);
    });
    return isFloat ? { kind: 'float', value: total } : { kind: 'int', text: String(total) };
  }
  if (FLOAT.test(s)) {
    if (/^[-+]?\.$/.test(s)) return { kind: 'string' };
    return { kind: 'float', value: Number(s.replace(/[,_]|\.([Ee]|$)/g, '$1').replace(/^([-+]?)\./, '$10.')) };
  }
  if (INTEGER.test(s)) return { kind: 'int', text: parseRubyInt(s) };
  return { kind: 'string' };
}

/** True when Psych would load the plain scalar back as a String. */
export function readsBackAsString(s: string): boolean {
  return psychTokenize(s).kind === 'string';
}

/** Psych's YAMLTree#visit_String style request. */
function psychStringStyle(s: string): Style {
  if (/\n(?!\n?$)/.test(s)) return 'literal';
  if (s === '<<') return 'single';
  if (s === 'y' || s === 'n') return 'double';
  if (/^[^\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}][^"]*$/mu.test(s)) return 'double';
  if (!readsBackAsString(s) || /^0[0-7]*[89]/.test(s)) return 'single';
  return 'plain';
}

// ---- libyaml's scalar analysis ----

const isBreak = (c: string | undefined) => c === '\n' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isSpace = (c: string | undefined) => c === ' ';
const isBlankz = (c: string | undefined) => c === undefined || c === ' ' || c === '\t' || isBreak(c) || c === '\0';

function isPrintable(c: string): boolean {
  const cp = c.codePointAt(0)!;
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff)
  );
}

interface Analysis {
  length: number;
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

const cpIsBreak = (c: number) => c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029;
const cpIsBlankz = (c: number | undefined) => c === undefined || c === 0x20 || c === 0x09 || c === 0 || cpIsBreak(c);
const cpIsPrintable = (c: number) =>
  c === 0x0a || (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff);
/** Flow/block indicator characters that make a scalar starting with them non-plain. */
const FIRST_INDICATORS = new Set([...'#,[]{}&*!|>\'"%@`'].map((c) => c.codePointAt(0)!));

/** libyaml's yaml_emitter_analyze_scalar, over code points. */
function analyzeScalar(text: string): Analysis {
  if (text.length === 0) {
    return { length: 0, multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  }
  const cps: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.codePointAt(i)!;
    cps.push(c);
    if (c > 0xffff) i++;
  }
  let blockIndicators = text.startsWith('---') || text.startsWith('...');
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  let precededByWhitespace = true;
  let followedByWhitespace = cpIsBlankz(cps[1]);
  const last = cps.length - 1;
  for (let i = 0; i <= last; i++) {
    const c = cps[i]!;
    if (i === 0) {
      if (FIRST_INDICATORS.has(c)) blockIndicators = true;
      if ((c === 0x3f || c === 0x3a) && followedByWhitespace) blockIndicators = true;
      if (c === 0x2d && followedByWhitespace) blockIndicators = true;
    } else {
      if (c === 0x3a && followedByWhitespace) blockIndicators = true;
      if (c === 0x23 && precededByWhitespace) blockIndicators = true;
    }
    if (!cpIsPrintable(c)) special = true;
    const brk = cpIsBreak(c);
    if (brk) lineBreaks = true;
    if (c === 0x20) {
      if (i === 0) leadingSpace = true;
      if (i === last) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (brk) {
      if (i === 0) leadingBreak = true;
      if (i === last) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = cpIsBlankz(c);
    if (i < last) followedByWhitespace = cpIsBlankz(cps[i + 2]);
  }
  const a: Analysis = { length: cps.length, multiline: lineBreaks, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) a.blockPlainAllowed = false;
  if (trailingSpace) a.blockAllowed = false;
  if (breakSpace) {
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
  }
  if (spaceBreak || special) {
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
    a.blockAllowed = false;
  }
  if (lineBreaks) a.blockPlainAllowed = false;
  if (blockIndicators) a.blockPlainAllowed = false;
  return a;
}

// ---- the emitter ----

class Emitter {
  out = '';
  column = 0;
  whitespace = true;
  indention = true;
  indent = -1;
  private indents: number[] = [];
  openEnded = 0;

  put(s: string): void {
    this.out += s;
    if (s.length === 1) {
      this.column += 1;
      return;
    }
    // Columns count characters (code points), as libyaml counts UTF-8 sequences.
    let n = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0xdc00 || c > 0xdfff) n++;
    }
    this.column += n;
  }

  putBreak(): void {
    this.out += '\n';
    this.column = 0;
  }

  writeIndent(): void {
    const indent = this.indent >= 0 ? this.indent : 0;
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }

  writeIndicator(indicator: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.put(indicator);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  popIndent(): void {
    this.indent = this.indents.pop()!;
  }

  /** Emits a node. `mapping`: value of a block mapping; `simpleKey`: a simple mapping key. */
  node(value: RubyValue, ctx: { mapping: boolean; simpleKey: boolean; tag?: string }): void {
    if (ctx.tag) {
      // Tag written as handle "!" + suffix; the suffix characters we use need no escaping.
      this.writeIndicator(ctx.tag, true, false, false);
    }
    if (Array.isArray(value)) return this.sequence(value, ctx.mapping);
    if (value instanceof Map) return this.mappingNode(value);
    if (value === null) return this.scalar('', 'any', ctx.simpleKey);
    if (value === true || value === false) return this.scalar(String(value), 'any', ctx.simpleKey);
    if (value instanceof RubyInt) return this.scalar(value.text, 'any', ctx.simpleKey);
    if (value instanceof RubyFloat) {
      const v = value.value;
      const text = Number.isNaN(v) ? '.nan' : !Number.isFinite(v) ? (v > 0 ? '.inf' : '-.inf') : rubyFloatToS(v);
      return this.scalar(text, 'any', ctx.simpleKey);
    }
    if (value === '<<') {
      // Psych tags the merge key to keep it a string: `!!str '<<'`.
      this.writeIndicator('!!str', true, false, false);
    }
    return this.scalar(value, psychStringStyle(value), ctx.simpleKey);
  }

  sequence(items: RubyValue[], mappingContext: boolean): void {
    if (items.length === 0) {
      this.writeIndicator('[', true, true, false);
      this.writeIndicator(']', false, false, false);
      return;
    }
    this.increaseIndent(false, mappingContext && !this.indention);
    for (const item of items) {
      this.writeIndent();
      this.writeIndicator('-', true, false, true);
      this.node(item, { mapping: false, simpleKey: false });
    }
    this.popIndent();
  }

  mappingNode(map: Map<string, RubyValue>): void {
    if (map.size === 0) {
      this.writeIndicator('{', true, true, false);
      this.writeIndicator('}', false, false, false);
      return;
    }
    this.increaseIndent(false, false);
    for (const [key, value] of map) {
      this.writeIndent();
      if (this.isSimpleKey(key)) {
        this.node(key, { mapping: false, simpleKey: true });
        this.writeIndicator(':', false, false, false);
      } else {
        this.writeIndicator('?', true, false, true);
        this.node(key, { mapping: true, simpleKey: false });
        this.writeIndent();
        this.writeIndicator(':', true, false, true);
      }
      this.node(value, { mapping: true, simpleKey: false });
    }
    this.popIndent();
  }

  isSimpleKey(key: string): boolean {
    const a = analyzeScalar(key);
    if (a.multiline) return false;
    return Buffer.byteLength(key) <= 128;
  }

  scalar(text: string, requested: Style, simpleKey: boolean): void {
    const a = analyzeScalar(text);
    let style: Style = requested === 'any' ? 'plain' : requested;
    if (simpleKey && a.multiline) style = 'double';
    if (style === 'plain') {
      if (!a.blockPlainAllowed) style = 'single';
      if (a.length === 0 && simpleKey) style = 'single';
    }
    if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
    if (style === 'literal' && (!a.blockAllowed || simpleKey)) style = 'double';
    this.increaseIndent(true, false);
    const allowBreaks = !simpleKey;
    const chars = [...text];
    switch (style) {
      case 'plain':
        this.plain(chars, allowBreaks);
        break;
      case 'single':
        this.singleQuoted(chars, allowBreaks);
        break;
      case 'double':
        this.doubleQuoted(chars, allowBreaks);
        break;
      case 'literal':
        this.literal(chars);
        break;
    }
    this.popIndent();
  }

  plain(chars: string[], allowBreaks: boolean): void {
    if (!this.whitespace && chars.length > 0) this.put(' ');
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      if (isSpace(c)) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && !isSpace(chars[i + 1])) this.writeIndent();
        else this.put(c);
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === '\n') this.putBreak();
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  singleQuoted(chars: string[], allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      if (isSpace(c)) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i !== 0 && i !== chars.length - 1 && !isSpace(chars[i + 1])) {
          this.writeIndent();
        } else {
          this.put(c);
        }
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === '\n') this.putBreak();
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (c === "'") this.put("'");
        this.put(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    if (breaks) this.writeIndent();
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  doubleQuoted(chars: string[], allowBreaks: boolean): void {
    this.writeIndicator('"', true, false, false);
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      const cp = c.codePointAt(0)!;
      if (!isPrintable(c) || cp === 0xfeff || isBreak(c) || c === '"' || c === '\\') {
        const named: Record<number, string> = {
          0x00: '0', 0x07: 'a', 0x08: 'b', 0x09: 't', 0x0a: 'n', 0x0b: 'v', 0x0c: 'f', 0x0d: 'r', 0x1b: 'e',
          0x22: '"', 0x5c: '\\', 0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P',
        };
        let esc = named[cp];
        if (esc === undefined) {
          const hex = cp.toString(16).toUpperCase();
          esc = cp <= 0xff ? `x${hex.padStart(2, '0')}` : cp <= 0xffff ? `u${hex.padStart(4, '0')}` : `U${hex.padStart(8, '0')}`;
        }
        this.put(`\\${esc}`);
        spaces = false;
      } else if (isSpace(c)) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i !== 0 && i !== chars.length - 1) {
          this.writeIndent();
          if (isSpace(chars[i + 1])) this.put('\\');
        } else {
          this.put(c);
        }
        spaces = true;
      } else {
        this.put(c);
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  literal(chars: string[]): void {
    this.writeIndicator('|', true, false, false);
    // Block scalar hints.
    if (isSpace(chars[0]) || isBreak(chars[0])) this.writeIndicator(String(BEST_INDENT), false, false, false);
    this.openEnded = 0;
    const last = chars[chars.length - 1];
    let chomp: string | null = null;
    if (chars.length === 0 || !isBreak(last)) chomp = '-';
    else if (chars.length === 1 || isBreak(chars[chars.length - 2])) {
      chomp = '+';
      this.openEnded = 2;
    }
    if (chomp) this.writeIndicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const c of chars) {
      if (isBreak(c)) {
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(c);
        this.indention = false;
        breaks = false;
      }
    }
  }

  writeBreak(c: string): void {
    if (c === '\n') this.putBreak();
    else {
      this.out += c;
      this.column = 0;
    }
  }
}

/**
 * The YAML document Psych writes for `value` (`value.to_yaml`), with an
 * optional tag on the root node, e.g. `!ruby/object:Puppet::Transaction::Report`.
 */
export function dumpRubyYaml(value: RubyValue, rootTag?: string): string {
  const e = new Emitter();
  // Document start (explicit "---").
  e.writeIndent();
  e.writeIndicator('---', true, false, false);
  e.node(value, rootTag ? { mapping: false, simpleKey: false, tag: rootTag } : { mapping: false, simpleKey: false });
  // Implicit document end: libyaml writes "..." only after an open-ended scalar.
  if (e.openEnded === 2) {
    e.writeIndent();
    e.writeIndicator('...', true, false, false);
  }
  e.writeIndent();
  return e.out;
}
