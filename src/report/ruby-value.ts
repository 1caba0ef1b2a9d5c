// The value model for Ruby-faithful YAML output: JSON data where integers and
// floats stay distinct (Ruby prints 1.0, not 1) and mappings keep key order,
// plus a lossless JSON parser that produces it.

/** An Integer as Ruby holds it; the decimal text avoids precision loss. */
export class RubyInt {
  constructor(readonly text: string) {}
  toJSON(): number {
    return Number(this.text);
  }
}

/** A Float as Ruby holds it. */
export class RubyFloat {
  constructor(readonly value: number) {}
  toJSON(): number {
    return this.value;
  }
}

export type RubyValue = null | boolean | string | RubyInt | RubyFloat | RubyValue[] | RubyHash;
/** A Ruby Hash with string keys, insertion ordered. */
export type RubyHash = Map<string, RubyValue>;

/** Converts a RubyValue to plain JSON data (numbers as JS numbers, objects for hashes). */
export function toPlain(value: RubyValue): unknown {
  if (value instanceof RubyInt || value instanceof RubyFloat) return value.toJSON();
  if (Array.isArray(value)) return value.map(toPlain);
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value) out[k] = toPlain(v);
    return out;
  }
  return value;
}

/** Converts plain JSON-like data into RubyValue (integral numbers become Integers). */
export function fromPlain(value: unknown): RubyValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? new RubyInt(String(value)) : new RubyFloat(value);
  if (typeof value === 'bigint') return new RubyInt(value.toString());
  if (value instanceof RubyInt || value instanceof RubyFloat) return value;
  if (Array.isArray(value)) return value.map(fromPlain);
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [String(k), fromPlain(v)]));
  if (typeof value === 'object') return new Map(Object.entries(value as object).map(([k, v]) => [k, fromPlain(v)]));
  return String(value);
}

export class JsonSyntaxError extends Error {
  override name = 'JsonSyntaxError';
}

/**
 * Parses JSON text keeping integer/float distinction and key order. Duplicate
 * keys: the last one wins (as Ruby's JSON does).
 */
export function parseJsonLossless(text: string): RubyValue {
  let i = 0;
  const fail = (what: string): never => {
    throw new JsonSyntaxError(`Cannot parse JSON at offset ${i}: ${what}`);
  };
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const value = (): RubyValue => {
    ws();
    const ch = text[i];
    if (ch === '{') {
      i++;
      const map: RubyHash = new Map();
      ws();
      if (text[i] === '}') {
        i++;
        return map;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a string key');
        const key = string();
        ws();
        if (text[i] !== ':') fail('expected ":"');
        i++;
        map.delete(key);
        map.set(key, value());
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return map;
        }
        fail('expected "," or "}"');
      }
    }
    if (ch === '[') {
      i++;
      const list: RubyValue[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return list;
      }
      for (;;) {
        list.push(value());
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return list;
        }
        fail('expected "," or "]"');
      }
    }
    if (ch === '"') return string();
    if (text.startsWith('true', i)) return (i += 4), true;
    if (text.startsWith('false', i)) return (i += 5), false;
    if (text.startsWith('null', i)) return (i += 4), null;
    const m = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) return fail('unexpected character');
    i += m[0].length;
    return m[1] !== undefined || m[2] !== undefined ? new RubyFloat(Number(m[0])) : new RubyInt(m[0].replace(/^-0$/, '0'));
  };
  const string = (): string => {
    // Find the closing quote, then let JSON.parse decode escapes.
    let j = i + 1;
    while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
    if (j >= text.length) fail('unterminated string');
    const raw = text.slice(i, j + 1);
    i = j + 1;
    try {
      return JSON.parse(raw) as string;
    } catch {
      return fail('invalid string');
    }
  };
  const result = value();
  ws();
  if (i !== text.length) fail('trailing characters');
  return result;
}
