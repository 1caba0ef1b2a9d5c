// Decoding of Puppet's rich data (`__ptype`/`__pvalue`) in agent catalogs into
// plain values, with Deferred calls and Sensitive values kept as marker objects.

/** A `Deferred` call, resolved on the agent before the catalog is applied. */
export class DeferredCall {
  constructor(readonly name: string, readonly args: unknown[]) {}
}

/** A Sensitive value inside nested data; redacted in logs and reports. */
export class SensitiveValue {
  constructor(readonly value: unknown) {}
  toString(): string { return 'Sensitive [value redacted]'; }
}

/** Turns a rich-data JSON value into the agent's value model. */
export function decodeRichData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeRichData);
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const ptype = obj.__ptype;
  if (typeof ptype !== 'string') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) out[k] = decodeRichData(v);
    return out;
  }
  const pvalue = obj.__pvalue;
  switch (ptype) {
    case 'Deferred':
      return new DeferredCall(String(obj.name), Array.isArray(obj.arguments) ? obj.arguments.map(decodeRichData) : []);
    case 'Sensitive':
      return new SensitiveValue(decodeRichData(pvalue));
    case 'Hash': {
      const out: Record<string, unknown> = {};
      const items = Array.isArray(pvalue) ? pvalue : [];
      for (let i = 0; i + 1 < items.length; i += 2) out[String(decodeRichData(items[i]))] = decodeRichData(items[i + 1]);
      return out;
    }
    case 'Binary':
      return Buffer.from(String(pvalue ?? ''), 'base64');
    case 'Regexp':
      return `/${String(pvalue)}/`;
    case 'Symbol':
      return String(pvalue);
    default:
      // Timestamp, Timespan, SemVer, types: their string form is what providers can use.
      return pvalue !== undefined ? decodeRichData(pvalue) : ptype;
  }
}

/** The value with Sensitive wrappers removed (what a provider acts on). */
export function unwrapSensitive(value: unknown): unknown {
  if (value instanceof SensitiveValue) return unwrapSensitive(value.value);
  if (Array.isArray(value)) return value.map(unwrapSensitive);
  if (value !== null && typeof value === 'object' && !(value instanceof Buffer) && !(value instanceof DeferredCall)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = unwrapSensitive(v);
    return out;
  }
  return value;
}
