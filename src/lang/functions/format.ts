// Formatting: Ruby's Kernel#format as Puppet's sprintf uses it, Ruby's to_s
// and inspect for values handed to it, and Puppet's String.new conversion
// with its default formats (Float as %f, containers with quoted elements).
import {
  DEFAULT, PBinary, PFloat, PHash, PRegexp, PSensitive, TypeValue, formatFloat, inspect, isNumeric, numberOf,
  puppetQuote, toPuppetString, type Value,
} from '../values.js';
import { UserError } from '../evaluator/errors.js';
import { isInstance } from '../types/instance.js';

/** Ruby's `to_s` of the Ruby object Puppet hands to Kernel#format. */
export function rubyToS(v: Value): string {
  if (v === undefined) return '';
  if (Array.isArray(v) || v instanceof PHash) return rubyInspect(v);
  return toPuppetString(v);
}

/** Ruby's `inspect`: `["a", 1]`, `{"a"=>1}`, `nil`. */
export function rubyInspect(v: Value): string {
  if (v === undefined) return 'nil';
  if (typeof v === 'string') return JSON.stringify(v).replace(/\\u([0-9a-f]{4})/g, (_m, h: string) => `\\u${h.toUpperCase()}`);
  if (Array.isArray(v)) return `[${v.map(rubyInspect).join(', ')}]`;
  if (v instanceof PHash) return `{${[...v].map(([k, x]) => `${rubyInspect(k)}=>${rubyInspect(x)}`).join(', ')}}`;
  if (v === DEFAULT) return ':default';
  return toPuppetString(v);
}

/** The exact binary value of a finite double as mantissa * 2^exponent (BigInt mantissa). */
function exactBinary(x: number): { m: bigint; e: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const exp = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & ((1n << 52n) - 1n);
  return exp === 0 ? { m: frac, e: -1074 } : { m: frac | (1n << 52n), e: exp - 1075 };
}

/** toFixed with C's rounding: an exact binary tie rounds to even (2.5 -> "2"), where JS rounds up. */
function toFixedEven(x: number, digits: number): string {
  const { m, e } = exactBinary(x);
  if (e < 0 && digits <= 20) {
    const scaled = m * 10n ** BigInt(digits);
    const denom = 1n << BigInt(-e);
    const twice = scaled * 2n;
    // a tie: scaled/denom has fractional part exactly 1/2
    if (twice % denom === 0n && scaled % denom !== 0n) {
      const floor = scaled / denom;
      const even = floor % 2n === 0n ? floor : floor + 1n;
      const str = even.toString().padStart(digits + 1, '0');
      return digits === 0 ? str : `${str.slice(0, str.length - digits)}.${str.slice(str.length - digits)}`;
    }
  }
  return x.toFixed(digits);
}

interface Spec {
  flags: string;
  width: number | undefined;
  precision: number | undefined;
  conv: string;
}

function pad(s: string, spec: Spec, numeric: boolean): string {
  const w = spec.width ?? 0;
  if (s.length >= w) return s;
  if (spec.flags.includes('-')) return s + ' '.repeat(w - s.length);
  if (numeric && spec.flags.includes('0')) {
    const sign = /^[-+ ]/.test(s) ? s[0] : '';
    const prefix = /^[-+ ]?0[xXbBo]/.test(s) && spec.flags.includes('#') ? s.slice(sign.length, sign.length + 2) : '';
    const body = s.slice(sign.length + prefix.length);
    return sign + prefix + '0'.repeat(w - s.length) + body;
  }
  return ' '.repeat(w - s.length) + s;
}

function signed(n: number, body: string, spec: Spec): string {
  if (n < 0 || Object.is(n, -0)) return `-${body}`;
  if (spec.flags.includes('+')) return `+${body}`;
  if (spec.flags.includes(' ')) return ` ${body}`;
  return body;
}

function toInt(v: Value): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof PFloat) return Math.floor(v.value);
  if (typeof v === 'string' && /^\s*[-+]?(0x[0-9a-f]+|0b[01]+|0o?[0-7]+|\d+)\s*$/i.test(v)) return Number(v.trim().replace(/^([-+]?)0o?([0-7]+)$/, '$1$2'));
  if (v === undefined) throw new UserError("can't convert nil into Integer");
  throw new UserError(`invalid value for Integer(): ${rubyInspect(v)}`);
}

function toFloat(v: Value): number {
  if (isNumeric(v)) return numberOf(v);
  if (typeof v === 'string' && /^\s*[-+]?(\d+(\.\d+)?([eE][-+]?\d+)?)\s*$/.test(v)) return Number(v);
  if (v === undefined) throw new UserError("can't convert nil into Float");
  throw new UserError(`invalid value for Float(): ${rubyInspect(v)}`);
}

/** Ruby's %g: shortest of %e and %f with `precision` significant digits, trailing zeros removed unless `#`. */
function formatG(x: number, prec: number, alt: boolean, upper: boolean): string {
  const p = prec === 0 ? 1 : prec;
  if (x === 0) return alt ? `0.${'0'.repeat(p - 1)}` : '0';
  const exp = Math.floor(Math.log10(Math.abs(x)));
  let e = Number(Math.abs(x).toExponential(p - 1).split('e')[1]);
  if (Number.isNaN(e)) e = exp;
  let s: string;
  if (e < -4 || e >= p) {
    s = Math.abs(x).toExponential(p - 1);
    let [m, ex] = s.split('e');
    if (!alt && m.includes('.')) m = m.replace(/\.?0+$/, '');
    const en = Number(ex);
    s = `${m}e${en < 0 ? '-' : '+'}${String(Math.abs(en)).padStart(2, '0')}`;
  } else {
    s = Math.abs(x).toFixed(Math.max(0, p - 1 - e));
    if (!alt && s.includes('.')) s = s.replace(/\.?0+$/, '');
  }
  return upper ? s.toUpperCase() : s;
}

function formatE(x: number, prec: number, upper: boolean): string {
  const s = Math.abs(x).toExponential(prec);
  const [m, ex] = s.split('e');
  const en = Number(ex);
  const out = `${m}e${en < 0 ? '-' : '+'}${String(Math.abs(en)).padStart(2, '0')}`;
  return upper ? out.toUpperCase() : out;
}

function formatOne(spec: Spec, v: Value): string {
  const { conv } = spec;
  switch (conv) {
    case 's': {
      let s = rubyToS(v);
      if (spec.precision !== undefined) s = [...s].slice(0, spec.precision).join('');
      return pad(s, spec, false);
    }
    case 'p': {
      let s = rubyInspect(v);
      if (spec.precision !== undefined) s = s.slice(0, spec.precision);
      return pad(s, spec, false);
    }
    case 'd': case 'i': case 'u': {
      if (typeof v === 'bigint') {
        let body = String(v < 0n ? -v : v);
        if (spec.precision !== undefined) body = body.padStart(spec.precision, '0');
        return pad(v < 0n ? `-${body}` : spec.flags.includes('+') ? `+${body}` : body, spec, spec.precision === undefined);
      }
      const n = toInt(v);
      let body = String(Math.abs(n));
      if (spec.precision !== undefined) body = body.padStart(spec.precision, '0');
      return pad(signed(n, body, spec), spec, spec.precision === undefined);
    }
    case 'x': case 'X': case 'o': case 'b': case 'B': {
      const n = typeof v === 'bigint' ? Number(v) : toInt(v);
      const radix = conv === 'o' ? 8 : conv === 'b' || conv === 'B' ? 2 : 16;
      let body = typeof v === 'bigint' ? (v < 0n ? -v : v).toString(radix) : Math.abs(n).toString(radix);
      if (conv === 'X') body = body.toUpperCase();
      if (spec.precision !== undefined) body = body.padStart(spec.precision, '0');
      if (spec.flags.includes('#') && n !== 0) body = (conv === 'o' ? '0' : `0${conv}`) + body;
      return pad(signed(n, body, spec), spec, spec.precision === undefined);
    }
    case 'f': {
      const x = toFloat(v);
      const body = Number.isFinite(x) ? toFixedEven(Math.abs(x), spec.precision ?? 6) : Math.abs(x) === Infinity ? 'Inf' : 'NaN';
      return pad(signed(x, body, spec), spec, true);
    }
    case 'e': case 'E': {
      const x = toFloat(v);
      return pad(signed(x, formatE(x, spec.precision ?? 6, conv === 'E'), spec), spec, true);
    }
    case 'g': case 'G': {
      const x = toFloat(v);
      return pad(signed(x, formatG(x, spec.precision ?? 6, spec.flags.includes('#'), conv === 'G'), spec), spec, true);
    }
    case 'c': {
      const s = typeof v === 'number' ? String.fromCodePoint(v) : [...rubyToS(v)][0] ?? '';
      return pad(s, spec, false);
    }
    default:
      throw new UserError(`malformed format string - %${conv}`);
  }
}

/** Ruby's Kernel#format with Puppet values as arguments. */
export function sprintf(fmt: string, args: readonly Value[]): string {
  let argi = 0;
  const next = (): Value => {
    if (argi >= args.length) throw new UserError('too few arguments');
    return args[argi++];
  };
  const named = (name: string): Value => {
    const h = args[0];
    if (!(h instanceof PHash)) throw new UserError('one hash required');
    if (!h.has(name)) throw new UserError(`key<${name}> not found`);
    return h.get(name);
  };
  const re = /%([-+ 0#]*)(?:<(\w+)>)?(\*|\d+)?(?:\.(\*|\d+))?([a-zA-Z%])|%\{(\w+)\}/g;
  return fmt.replace(re, (_m, flags: string, name: string | undefined, w: string | undefined, p: string | undefined, conv: string, brace: string | undefined) => {
    if (brace !== undefined) return rubyToS(named(brace));
    if (conv === '%') return '%';
    const width = w === '*' ? toInt(next()) : w !== undefined ? Number(w) : undefined;
    const precision = p === '*' ? toInt(next()) : p !== undefined ? Number(p) : undefined;
    const value = name !== undefined ? named(name) : next();
    const spec: Spec = { flags, width, precision, conv };
    if (width !== undefined && width < 0) {
      spec.flags += '-';
      spec.width = -width;
    }
    return formatOne(spec, value);
  });
}

// ---------------------------------------------------------------- String.new

/** Puppet's %p for values in containers and String(v, '%p'). */
export function puppetInspect(v: Value): string {
  if (v instanceof PFloat) return formatFloat(v.value);
  return inspect(v);
}

/** `String.new(value)` / `String(value, format)` with Puppet's default formats. */
export function convertToString(v: Value, format?: Value): string {
  if (format === undefined || format === DEFAULT) {
    if (v instanceof PFloat) return sprintf('%f', [v]);
    if (Array.isArray(v) || v instanceof PHash) return puppetInspect(v);
    if (v instanceof PSensitive) return 'Sensitive [value redacted]';
    if (v instanceof PBinary) return v.bytes.toString('base64');
    if (v instanceof PRegexp) return v.source;
    if (v instanceof TypeValue) return v.toString();
    return toPuppetString(v);
  }
  if (typeof format === 'string') {
    const m = /^%([-+ 0#]*)(\d+)?(?:\.(\d+))?([a-zA-Z])$/.exec(format);
    if (!m) throw new UserError(`Illegal format: '${format}'`);
    const conv = m[4];
    if (typeof v === 'boolean') {
      const words: Record<string, [string, string]> = { y: ['yes', 'no'], Y: ['Yes', 'No'], t: ['true', 'false'], T: ['True', 'False'], s: ['true', 'false'] };
      if (words[conv]) return sprintf(`%${m[1]}${m[2] ?? ''}${m[3] !== undefined ? `.${m[3]}` : ''}s`, [words[conv][v ? 0 : 1]]);
      if (conv === 'd' || conv === 'x' || conv === 'o' || conv === 'b') return sprintf(format, [v ? 1 : 0]);
    }
    if ((conv === 'h' || conv === 'a') && (Array.isArray(v) || v instanceof PHash)) return puppetInspect(v);
    if (conv === 'p') {
      let s = puppetInspect(v);
      if (m[3] !== undefined) s = s.slice(0, Number(m[3]));
      return pad(s, { flags: m[1], width: m[2] ? Number(m[2]) : undefined, precision: undefined, conv: 's' }, false);
    }
    if (conv === 's') {
      const s = convertToString(v);
      return sprintf(`%${m[1]}${m[2] ?? ''}${m[3] !== undefined ? `.${m[3]}` : ''}s`, [s]);
    }
    if (conv === 'd' && v instanceof PFloat) return sprintf(format, [Math.trunc(v.value)]);
    return sprintf(format, [v]);
  }
  if (format instanceof PHash) {
    // a map of type -> format (or -> {'format' => f, ...}): the first entry for a type the value is an instance of
    for (const [t, f] of format) {
      if (t instanceof TypeValue && !isInstance(t, v)) continue;
      const fmt = f instanceof PHash ? f.get('format') : f;
      if (typeof fmt === 'string') return convertToString(v, fmt);
    }
  }
  return convertToString(v);
}

export { puppetQuote };
