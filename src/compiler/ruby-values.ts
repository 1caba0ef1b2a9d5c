// The compiler's values as the embedded Ruby sees them (src/ruby/values.ts)
// and back: what an ERB template gets for `@x` and `scope['x']`, and what a
// template's `scope.function_*` call hands back to our functions.
import {
  DEFAULT, PDefault, PFloat, PHash, PRegexp, PSensitive, isHash, normalizeInteger, toPuppetString, type Value,
} from '../lang/values.js';
import { rubyFloat, rubySensitive, rubySymbol, type RubyValue } from '../ruby/values.js';

/** A Puppet value as Puppet 7 hands it to Ruby code: undef is nil, default is :default, types and other objects are opaque. */
export function toRubyValue(v: Value): RubyValue {
  if (v === undefined || typeof v === 'boolean' || typeof v === 'string' || typeof v === 'bigint') return v;
  if (typeof v === 'number') return v;
  if (v instanceof PFloat) return rubyFloat(v.value);
  if (v instanceof PDefault) return rubySymbol('default');
  if (v instanceof PRegexp) return { type: 'regexp', source: v.source };
  if (v instanceof PSensitive) return rubySensitive(toRubyValue(v.value));
  if (Array.isArray(v)) return v.map(toRubyValue);
  if (isHash(v)) {
    const m = new Map<RubyValue, RubyValue>();
    for (const [k, x] of v.entries()) m.set(toRubyValue(k), toRubyValue(x));
    return m;
  }
  return { type: 'opaque', display: toPuppetString(v) };
}

/** A value coming back from Ruby: nil and :undef are undef, :default is default, a Float stays a Float. */
export function fromRubyValue(v: RubyValue): Value {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'bigint') return normalizeInteger(v);
  if (typeof v === 'number') return Number.isInteger(v) ? v : new PFloat(v);
  if (Array.isArray(v)) return v.map(fromRubyValue);
  if (v instanceof Map) return PHash.from([...v.entries()].map(([k, x]) => [fromRubyValue(k), fromRubyValue(x)] as [Value, Value]));
  const tagged = v as Exclude<RubyValue, readonly RubyValue[] | ReadonlyMap<RubyValue, RubyValue> | string | number | bigint | boolean | null | undefined>;
  switch (tagged.type) {
    case 'float': return new PFloat(tagged.value);
    case 'symbol': return tagged.name === 'undef' ? undefined : tagged.name === 'default' ? DEFAULT : tagged.name;
    case 'sensitive': return new PSensitive(fromRubyValue(tagged.value));
    case 'regexp': return new PRegexp(tagged.source);
    case 'opaque': return tagged.display;
  }
}
