// The values that cross the JS <-> embedded Ruby boundary: their plain-data
// representation, the Ruby literal text that builds them inside the VM, and the
// decoding of the tagged JSON the Ruby side sends back.
//
// Representation (what callers build and receive):
// - nil                  -> `undefined` or `null` (decoded as `undefined`)
// - true / false         -> boolean
// - String               -> string (UTF-8 in Ruby)
// - Integer              -> a JS integer number, or a bigint (any size)
// - Float                -> a non-integer number, or `{ type: 'float', value }`
//                           (the tagged form keeps `2.0` a Float; decoding always
//                           gives the tagged form)
// - Array                -> array
// - Hash                 -> Map (insertion order kept, keys of any value)
// - Symbol               -> `{ type: 'symbol', name }` (Puppet's :undef, :default)
// - Sensitive            -> `{ type: 'sensitive', value }`, Puppet's
//                           Puppet::Pops::Types::PSensitiveType::Sensitive in Ruby
// - Regexp               -> `{ type: 'regexp', source }`
// - handle               -> `{ type: 'handle', id, display, kind }`: a value Ruby
//                           cannot represent (a type, a Timespan, ...), passed by
//                           reference; Ruby holds a Bunraku::Handle (a
//                           Puppet::Pops::Types::PAnyType for kind 'type') and
//                           gives the same id back
// - anything else        -> `{ type: 'opaque', display }`: a Ruby object whose
//                           to_s is `display` (types, resource references, ...)
// Puppet 7 hands a template `undef` as nil, which is what `undefined` means here.

export interface RubyFloat {
  readonly type: 'float';
  readonly value: number;
}
export interface RubySymbol {
  readonly type: 'symbol';
  readonly name: string;
}
export interface RubySensitive {
  readonly type: 'sensitive';
  readonly value: RubyValue;
}
export interface RubyRegexp {
  readonly type: 'regexp';
  readonly source: string;
}
export interface RubyHandle {
  readonly type: 'handle';
  readonly id: number;
  readonly display: string;
  readonly kind: 'type' | 'value' | 'resource' | 'timespan' | 'timestamp';
  /** For a type: Puppet's class for it ('PIntegerType'), which Ruby code may ask for. */
  readonly pclass?: string;
}
export interface RubyOpaque {
  readonly type: 'opaque';
  readonly display: string;
}

export type RubyValue =
  | undefined
  | null
  | boolean
  | string
  | number
  | bigint
  | RubyFloat
  | RubySymbol
  | RubySensitive
  | RubyRegexp
  | RubyOpaque
  | RubyHandle
  | readonly RubyValue[]
  | ReadonlyMap<RubyValue, RubyValue>;

export const rubyFloat = (value: number): RubyFloat => ({ type: 'float', value });
export const rubySymbol = (name: string): RubySymbol => ({ type: 'symbol', name });
export const rubySensitive = (value: RubyValue): RubySensitive => ({ type: 'sensitive', value });

/** Ruby source text that evaluates to `value` (a literal expression). */
export function toRubyLiteral(value: RubyValue): string {
  const out: string[] = [];
  writeLiteral(value, out);
  return out.join('');
}

function writeLiteral(v: RubyValue, out: string[]): void {
  if (v === undefined || v === null) out.push('nil');
  else if (typeof v === 'boolean') out.push(v ? 'true' : 'false');
  else if (typeof v === 'string') out.push(rubyString(v));
  else if (typeof v === 'bigint') out.push(v.toString());
  else if (typeof v === 'number') out.push(Number.isInteger(v) ? BigInt(v).toString() : floatLiteral(v));
  else if (Array.isArray(v)) {
    out.push('[');
    (v as readonly RubyValue[]).forEach((item, i) => {
      if (i > 0) out.push(',');
      writeLiteral(item, out);
    });
    out.push(']');
  } else if (v instanceof Map) {
    out.push('{');
    let first = true;
    for (const [k, item] of v) {
      if (!first) out.push(',');
      first = false;
      writeLiteral(k, out);
      out.push('=>');
      writeLiteral(item, out);
    }
    out.push('}');
  } else {
    const t = v as Exclude<RubyValue, readonly RubyValue[] | ReadonlyMap<RubyValue, RubyValue> | string | number | bigint | boolean | null | undefined>;
    switch (t.type) {
      case 'float':
        out.push(floatLiteral(t.value));
        break;
      case 'symbol':
        out.push(`${rubyString(t.name)}.to_sym`);
        break;
      case 'sensitive':
        out.push('Puppet::Pops::Types::PSensitiveType::Sensitive.new(');
        writeLiteral(t.value, out);
        out.push(')');
        break;
      case 'regexp':
        out.push(`Regexp.new(${rubyString(t.source)})`);
        break;
      case 'opaque':
        out.push(`Bunraku::Opaque.new(${rubyString(t.display)})`);
        break;
      case 'handle':
        out.push(`Bunraku.handle(${t.id}, ${rubyString(t.display)}, ${rubyString(t.kind)}, ${t.pclass === undefined ? 'nil' : rubyString(t.pclass)})`);
        break;
      default:
        throw new Error(`Cannot pass ${JSON.stringify(t)} to Ruby: unknown value kind`);
    }
  }
}

function floatLiteral(n: number): string {
  if (Number.isNaN(n)) return 'Float::NAN';
  if (n === Infinity) return 'Float::INFINITY';
  if (n === -Infinity) return '(-Float::INFINITY)';
  if (Object.is(n, -0)) return '(-0.0)';
  // JS prints the shortest round-tripping digits; Ruby reads `1e+21` and `1.5e-7` alike.
  const s = String(n);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

/** A double-quoted Ruby string literal: `#`, `"` and `\` escaped, control characters as \u{..}. */
export function rubyString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22 || c === 0x5c || c === 0x23) out += `\\${s[i]}`;
    else if (c < 0x20 || c === 0x7f) out += `\\u{${c.toString(16)}}`;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      out += s[i] + s[i + 1];
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) out += '\\u{fffd}'; // a lone surrogate has no UTF-8 form
    else out += s[i];
  }
  return `${out}"`;
}

/**
 * Decodes the tagged JSON the Ruby side writes (Bunraku.encode): plain JSON for
 * strings, safe integers, booleans, nil and arrays; objects with one `$` key for
 * the rest: `$i` big integer (decimal text), `$f` float (number or "NaN",
 * "Infinity", "-Infinity"), `$h` hash as [key, value] pairs, `$s` symbol,
 * `$sensitive`, `$re` regexp source, `$ref` a handle's id (with `d`, its
 * to_s, and `k`, its kind), `$o` any other object's to_s.
 */
export function fromRubyJson(text: string): RubyValue {
  return decode(JSON.parse(text) as unknown);
}

function decode(v: unknown): RubyValue {
  if (v === null) return undefined;
  if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') return v;
  if (Array.isArray(v)) return v.map(decode);
  const o = v as Record<string, unknown>;
  if ('$i' in o) {
    const n = BigInt(o.$i as string);
    return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
  }
  if ('$f' in o) return rubyFloat(typeof o.$f === 'number' ? o.$f : Number(o.$f));
  if ('$h' in o) return new Map((o.$h as [unknown, unknown][]).map(([k, x]) => [decode(k), decode(x)]));
  if ('$s' in o) return rubySymbol(o.$s as string);
  if ('$sensitive' in o) return rubySensitive(decode(o.$sensitive));
  if ('$re' in o) return { type: 'regexp', source: o.$re as string };
  if ('$ref' in o) return { type: 'handle', id: o.$ref as number, display: o.d as string, kind: (['type', 'resource', 'timespan', 'timestamp'] as const).find((k) => k === o.k) ?? 'value' };
  if ('$o' in o) return { type: 'opaque', display: o.$o as string };
  throw new Error(`Cannot decode a value from Ruby: ${JSON.stringify(v).slice(0, 200)}`);
}
