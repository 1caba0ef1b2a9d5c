// Converts between the compiler's values (src/lang/values.ts) and the values
// that cross into the embedded Ruby (values.ts), as Puppet hands values to
// Ruby functions: 4.x functions get Puppet's runtime objects (undef as nil,
// default as :default, a Float stays a Float), 3.x functions get Puppet 3's
// view (a top-level undef as '', a Regexp as its /source/ text, SemVer and
// time values as strings). Values Ruby has no form for (types, Timespan,
// Deferred, ...) travel as handles and come back as the very same object.
import {
  DEFAULT, PBinary, PDefault, PFloat, PHash, PRegexp, PSemVer, PSemVerRange, PSensitive, PTimespan, PTimestamp,
  TypeValue, normalizeInteger, regexpWithDelimiters, type Value,
} from '../lang/values.js';
import { ClassType, ResourceType, SimpleType, TypeAliasType, WrapperType } from '../lang/types/types.js';
import { rubyFloat, rubySensitive, rubySymbol, type RubyValue } from './values.js';

/** The values passed by reference during one call: handle id -> value. */
export class HandleTable {
  private readonly values = new Map<number, Value>();
  constructor(private readonly nextId: () => number) {}

  add(value: Value, kind: 'type' | 'value' | 'resource' | 'timespan' | 'timestamp', display = String(value), pclass?: string): RubyValue {
    const id = this.nextId();
    this.values.set(id, value);
    return pclass === undefined ? { type: 'handle', id, display, kind } : { type: 'handle', id, display, kind, pclass };
  }

  get(id: number): Value | undefined {
    return this.values.get(id);
  }

  has(id: number): boolean {
    return this.values.has(id);
  }
}

/** A value as a 4.x function receives it. */
export function toRuby(v: Value, handles: HandleTable): RubyValue {
  if (v === undefined || typeof v === 'boolean' || typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint') return v;
  if (v instanceof PDefault) return rubySymbol('default');
  if (v instanceof PFloat) return rubyFloat(v.value);
  if (Array.isArray(v)) return v.map((x: Value) => toRuby(x, handles));
  if (v instanceof PHash) return new Map([...v].map(([k, x]) => [toRuby(k, handles), toRuby(x, handles)]));
  if (v instanceof PRegexp) return { type: 'regexp', source: v.source };
  if (v instanceof PSensitive) return rubySensitive(toRuby(v.value, handles));
  if (v instanceof TypeValue) return handles.add(v, 'type', String(v), puppetTypeClass(v));
  if (v instanceof PTimespan) return handles.add(v, 'timespan');
  if (v instanceof PTimestamp) return handles.add(v, 'timestamp');
  return handles.add(v, 'value');
}

const SIMPLE_CLASSES: Record<string, string> = {
  Any: 'PAnyType', Scalar: 'PScalarType', ScalarData: 'PScalarDataType', Data: 'PTypeAliasType', RichData: 'PTypeAliasType',
  Numeric: 'PNumericType', Boolean: 'PBooleanType', Undef: 'PUndefType', Default: 'PDefaultType', Callable: 'PCallableType',
  Iterable: 'PIterableType', Iterator: 'PIteratorType', CatalogEntry: 'PCatalogEntryType', SemVer: 'PSemVerType',
  SemVerRange: 'PSemVerRangeType', Timestamp: 'PTimestampType', Timespan: 'PTimespanType', Binary: 'PBinaryType',
  Runtime: 'PRuntimeType', Error: 'PObjectType', Deferred: 'PObjectType', Object: 'PObjectType', TypeSet: 'PTypeSetType',
  Init: 'PInitType', Unit: 'PUnitType', TypeReference: 'PTypeReferenceType', Regexp: 'PRegexpType',
};

/** Puppet's Ruby class for a type ('PIntegerType'), as `t.class` shows in Ruby code. */
function puppetTypeClass(t: TypeValue): string {
  if (t instanceof SimpleType) return SIMPLE_CLASSES[t.name] ?? 'PAnyType';
  if (t instanceof WrapperType) return t.name === 'Type' ? 'PTypeType' : `P${t.name}Type`;
  if (t instanceof TypeAliasType) return 'PTypeAliasType';
  return `P${t.name}Type`;
}

/** The arguments as a 3.x function receives them (Puppet's Runtime3FunctionArgumentConverter with undef as ''). */
export function toRuby3x(args: readonly Value[], handles: HandleTable): RubyValue[] {
  return args.map((a) => convert3x(a, handles, false));
}

function convert3x(v: Value, handles: HandleTable, inner: boolean): RubyValue {
  if (v === undefined) return inner ? undefined : '';
  if (Array.isArray(v)) return v.map((x: Value) => convert3x(x, handles, true));
  if (v instanceof PHash) return new Map([...v].map(([k, x]) => [convert3x(k, handles, true), convert3x(x, handles, true)]));
  if (v instanceof PRegexp) return regexpWithDelimiters(v.source);
  if (v instanceof PSemVer || v instanceof PSemVerRange || v instanceof PBinary || v instanceof PTimespan || v instanceof PTimestamp) {
    return v.toString();
  }
  // A resource or class reference becomes a Puppet::Resource, as Puppet's converter makes it.
  if (v instanceof ResourceType && v.title !== undefined) return handles.add(v, 'resource', v.refString());
  if (v instanceof ClassType && v.className !== undefined) return handles.add(v, 'resource', v.refString());
  return toRuby(v, handles);
}

/** A value returned by Ruby as the compiler's value. */
export function fromRuby(v: RubyValue, handles: HandleTable): Value {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean' || typeof v === 'string' || typeof v === 'number') return v;
  if (typeof v === 'bigint') return normalizeInteger(v);
  if (Array.isArray(v)) return Object.freeze(v.map((x: RubyValue) => fromRuby(x, handles)));
  if (v instanceof Map) return PHash.from([...v].map(([k, x]) => [fromRuby(k, handles), fromRuby(x, handles)] as const));
  const t = v as Exclude<RubyValue, readonly RubyValue[] | ReadonlyMap<RubyValue, RubyValue> | string | number | bigint | boolean | null | undefined>;
  switch (t.type) {
    case 'float':
      return new PFloat(t.value);
    case 'symbol':
      // Puppet's :undef and :default; any other symbol reads as its name.
      return t.name === 'undef' ? undefined : t.name === 'default' ? DEFAULT : t.name;
    case 'sensitive':
      return new PSensitive(fromRuby(t.value, handles));
    case 'regexp':
      return new PRegexp(t.source);
    case 'handle':
      return handles.has(t.id) ? handles.get(t.id) : t.display;
    case 'opaque':
      return t.display;
  }
}
