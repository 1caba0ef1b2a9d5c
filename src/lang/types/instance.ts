// Type checks: whether a value is an instance of a type, whether one type is
// assignable to another, and the type Puppet infers for a value.
import {
  DEFAULT, PBinary, PDeferred, PFloat, PHash, PIterator, PRegexp, PSemVer, PSemVerRange, PSensitive, PTimespan, PTimestamp,
  TypeValue, isNumeric, numberOf, type Value,
} from '../values.js';
import {
  ANY, ArrayType, ClassType, CollectionType, EnumType, FloatType, HashType, IntegerType, PatternType, RegexpType,
  ResourceType, SimpleType, StringType, StructType, TupleType, TypeAliasType, VariantType, WrapperType, type Bound,
} from './types.js';

function inRange(n: number, min: Bound, max: Bound): boolean {
  return (min === undefined || n >= min) && (max === undefined || n <= max);
}

function isScalar(v: Value): boolean {
  return typeof v === 'string' || isNumeric(v) || typeof v === 'boolean' ||
    v instanceof PRegexp || v instanceof PSemVer || v instanceof PTimespan || v instanceof PTimestamp;
}

function isData(v: Value): boolean {
  if (v === undefined || typeof v === 'string' || isNumeric(v) || typeof v === 'boolean') return true;
  if (Array.isArray(v)) return v.every(isData);
  if (v instanceof PHash) {
    for (const [k, x] of v) if (typeof k !== 'string' || !isData(x)) return false;
    return true;
  }
  return false;
}

function isRichData(v: Value): boolean {
  if (Array.isArray(v)) return v.every(isRichData);
  if (v instanceof PHash) {
    for (const [k, x] of v) if (!isRichData(k) || !isRichData(x)) return false;
    return true;
  }
  return !(v instanceof PIterator);
}

/** True when `v` is an instance of type `t`. */
export function isInstance(t: TypeValue, v: Value): boolean {
  if (t instanceof TypeAliasType) return isInstance(t.resolved, v);
  if (t instanceof SimpleType) {
    switch (t.name) {
      case 'Any': return true;
      case 'Undef': return v === undefined;
      case 'Default': return v === DEFAULT;
      case 'Boolean': return typeof v === 'boolean' && (t.params.length === 0 || t.params[0] === v);
      case 'Numeric': return isNumeric(v);
      case 'Scalar': return isScalar(v);
      case 'ScalarData': return typeof v === 'string' || isNumeric(v) || typeof v === 'boolean';
      case 'Data': return isData(v);
      case 'RichData': return isRichData(v);
      case 'Regexp': return v instanceof PRegexp;
      case 'Callable': return false;
      case 'Iterable': return typeof v === 'string' || (typeof v === 'number' && v >= 0) || Array.isArray(v) || v instanceof PHash || v instanceof PIterator ||
        (t.params.length === 0 && v instanceof IntegerType);
      case 'Iterator': return v instanceof PIterator;
      case 'CatalogEntry': return v instanceof ResourceType || v instanceof ClassType;
      case 'SemVer': return v instanceof PSemVer;
      case 'SemVerRange': return v instanceof PSemVerRange;
      case 'Timestamp': return v instanceof PTimestamp;
      case 'Timespan': return v instanceof PTimespan;
      case 'Binary': return v instanceof PBinary;
      case 'Deferred': return v instanceof PDeferred;
      case 'Init': return true;
      default: return false;
    }
  }
  if (t instanceof IntegerType) return (typeof v === 'number' || typeof v === 'bigint') && inRange(Number(v), t.from, t.to);
  if (t instanceof FloatType) return v instanceof PFloat && inRange(v.value, t.from, t.to);
  if (t instanceof StringType) return typeof v === 'string' && inRange([...v].length, t.min, t.max);
  if (t instanceof EnumType) {
    if (typeof v !== 'string') return false;
    if (t.values.length === 0) return true;
    return t.caseInsensitive ? t.values.some((e) => e.toLowerCase() === v.toLowerCase()) : t.values.includes(v);
  }
  if (t instanceof PatternType) {
    if (typeof v !== 'string') return false;
    return t.patterns.length === 0 || t.patterns.some((p) => { p.re.lastIndex = 0; return p.re.test(v); });
  }
  if (t instanceof RegexpType) return v instanceof PRegexp && (t.pattern === undefined || t.pattern.source === v.source);
  if (t instanceof ArrayType) {
    if (!Array.isArray(v) || !inRange(v.length, t.min, t.max)) return false;
    return t.elem === undefined || v.every((x) => isInstance(t.elem!, x));
  }
  if (t instanceof HashType) {
    if (!(v instanceof PHash) || !inRange(v.size, t.min, t.max)) return false;
    for (const [k, x] of v) {
      if (t.key && !isInstance(t.key, k)) return false;
      if (t.value && !isInstance(t.value, x)) return false;
    }
    return true;
  }
  if (t instanceof TupleType) {
    if (!Array.isArray(v)) return false;
    const min = t.min ?? t.types.length;
    const max = t.max ?? (t.min !== undefined ? Infinity : t.types.length);
    if (t.types.length === 0) return inRange(v.length, t.min, t.max);
    if (v.length < min || v.length > max) return false;
    return v.every((x, i) => isInstance(t.types[Math.min(i, t.types.length - 1)], x));
  }
  if (t instanceof StructType) {
    if (!(v instanceof PHash)) return false;
    if (t.members.length === 0) return true;
    const known = new Set(t.members.map((m) => m.key));
    for (const k of v.keys()) if (typeof k !== 'string' || !known.has(k)) return false;
    for (const m of t.members) {
      if (!v.has(m.key)) {
        if (!m.optional) return false;
      } else if (!isInstance(m.type, v.get(m.key))) return false;
    }
    return true;
  }
  if (t instanceof WrapperType) {
    switch (t.name) {
      case 'Optional': return v === undefined || t.inner === undefined || isInstance(t.inner, v);
      case 'NotUndef': return v !== undefined && (t.inner === undefined || isInstance(t.inner, v));
      case 'Type': return v instanceof TypeValue && (t.inner === undefined || isAssignable(t.inner, v));
      case 'Sensitive': return v instanceof PSensitive && (t.inner === undefined || isInstance(t.inner, v.value));
    }
  }
  if (t instanceof VariantType) return t.types.some((x) => isInstance(x, v));
  if (t instanceof CollectionType) {
    const n = Array.isArray(v) ? v.length : v instanceof PHash ? v.size : undefined;
    return n !== undefined && inRange(n, t.min, t.max);
  }
  if (t instanceof ResourceType) {
    if (!(v instanceof ResourceType) || v.title === undefined) return false;
    if (t.typeName === undefined) return true;
    return t.typeName.toLowerCase() === v.typeName?.toLowerCase() && (t.title === undefined || t.title === v.title);
  }
  if (t instanceof ClassType) return v instanceof ClassType && v.className !== undefined && (t.className === undefined || t.className === v.className);
  return false;
}

function rangeWithin(aMin: Bound, aMax: Bound, bMin: Bound, bMax: Bound): boolean {
  const lo = (x: Bound) => (x === undefined ? -Infinity : x);
  const hi = (x: Bound) => (x === undefined ? Infinity : x);
  return lo(bMin) >= lo(aMin) && hi(bMax) <= hi(aMax);
}

/** True when every instance of `b` is an instance of `a` (approximated for the rarer families). */
export function isAssignable(a: TypeValue, b: TypeValue): boolean {
  if (a instanceof TypeAliasType) return isAssignable(a.resolved, b);
  if (b instanceof TypeAliasType) return isAssignable(a, b.resolved);
  if (b instanceof VariantType) return b.types.every((x) => isAssignable(a, x));
  if (b instanceof WrapperType && b.name === 'Optional' && !(a instanceof WrapperType && a.name === 'Optional')) {
    return isAssignable(a, new SimpleType('Undef')) && (b.inner === undefined || isAssignable(a, b.inner));
  }
  if (a instanceof VariantType) return a.types.some((x) => isAssignable(x, b));
  if (a instanceof SimpleType) {
    switch (a.name) {
      case 'Any': return true;
      case 'Undef': return b instanceof SimpleType && b.name === 'Undef';
      case 'Default': return b instanceof SimpleType && b.name === 'Default';
      case 'Boolean': return b instanceof SimpleType && b.name === 'Boolean' && (a.params.length === 0 || a.params[0] === b.params[0]);
      case 'Numeric': return b instanceof IntegerType || b instanceof FloatType || (b instanceof SimpleType && b.name === 'Numeric');
      case 'Scalar': return b instanceof IntegerType || b instanceof FloatType || b instanceof StringType || b instanceof EnumType ||
        b instanceof PatternType || b instanceof RegexpType || (b instanceof SimpleType && ['Boolean', 'Numeric', 'Scalar', 'ScalarData', 'SemVer', 'Timespan', 'Timestamp'].includes(b.name));
      case 'ScalarData': return b instanceof IntegerType || b instanceof FloatType || b instanceof StringType || b instanceof EnumType ||
        b instanceof PatternType || (b instanceof SimpleType && ['Boolean', 'Numeric', 'ScalarData'].includes(b.name));
      case 'Data': case 'RichData':
        if (b instanceof ArrayType) return b.elem === undefined ? false : isAssignable(a, b.elem);
        if (b instanceof HashType) return b.key !== undefined && isAssignable(STRING_LIKE, b.key) && isAssignable(a, b.value ?? ANY);
        if (b instanceof TupleType) return b.types.every((x) => isAssignable(a, x));
        if (b instanceof StructType) return b.members.every((m) => isAssignable(a, m.type));
        if (b instanceof WrapperType && b.name === 'Optional') return b.inner === undefined || isAssignable(a, b.inner);
        return isAssignable(new SimpleType('ScalarData'), b) || (b instanceof SimpleType && ['Undef', 'Data', ...(a.name === 'RichData' ? ['RichData', 'Scalar', 'Default'] : [])].includes(b.name)) ||
          (a.name === 'RichData' && isAssignable(new SimpleType('Scalar'), b));
      case 'CatalogEntry': return b instanceof ResourceType || b instanceof ClassType;
      default: return b instanceof SimpleType && b.name === a.name;
    }
  }
  if (a instanceof IntegerType) return b instanceof IntegerType && rangeWithin(a.from, a.to, b.from, b.to);
  if (a instanceof FloatType) return b instanceof FloatType && rangeWithin(a.from, a.to, b.from, b.to);
  if (a instanceof StringType) {
    if (a.value !== undefined) return (b instanceof StringType && b.value === a.value) || (b instanceof EnumType && b.values.length === 1 && b.values[0] === a.value);
    if (b instanceof StringType) return b.value !== undefined ? isInstance(a, b.value) : rangeWithin(a.min, a.max, b.min ?? 0, b.max);
    if (b instanceof EnumType) return b.values.length > 0 && b.values.every((v) => isInstance(a, v));
    return false;
  }
  if (a instanceof EnumType) {
    if (b instanceof StringType && b.value !== undefined) return isInstance(a, b.value);
    return b instanceof EnumType && (a.values.length === 0 || (b.values.length > 0 && b.values.every((v) => isInstance(a, v))));
  }
  if (a instanceof PatternType) {
    if (a.patterns.length === 0) return b instanceof StringType || b instanceof EnumType || b instanceof PatternType;
    if (b instanceof StringType && b.value !== undefined) return isInstance(a, b.value);
    if (b instanceof EnumType) return b.values.length > 0 && b.values.every((v) => isInstance(a, v));
    return false;
  }
  if (a instanceof RegexpType) return b instanceof RegexpType && (a.pattern === undefined || a.pattern.source === b.pattern?.source);
  if (a instanceof ArrayType) {
    if (b instanceof ArrayType) return rangeWithin(a.min ?? 0, a.max, b.min ?? 0, b.max) && (a.elem === undefined || (b.elem !== undefined ? isAssignable(a.elem, b.elem) : b.max === 0));
    if (b instanceof TupleType) {
      const n = b.types.length;
      return rangeWithin(a.min ?? 0, a.max, b.min ?? n, b.max ?? n) && (a.elem === undefined || b.types.every((x) => isAssignable(a.elem!, x)));
    }
    return false;
  }
  if (a instanceof HashType) {
    if (b instanceof HashType) {
      if (b.max === 0 && b.key === undefined) return (a.min ?? 0) === 0;
      return rangeWithin(a.min ?? 0, a.max, b.min ?? 0, b.max) && (a.key === undefined || (b.key !== undefined && isAssignable(a.key, b.key) && isAssignable(a.value ?? ANY, b.value ?? ANY)));
    }
    if (b instanceof StructType) {
      return inRange(b.members.length, a.min, a.max) && (a.key === undefined || b.members.every((m) => isInstance(a.key!, m.key) && isAssignable(a.value ?? ANY, m.type)));
    }
    return false;
  }
  if (a instanceof TupleType) {
    if (!(b instanceof TupleType)) return false;
    if (a.types.length === 0) return true;
    return b.types.every((x, i) => isAssignable(a.types[Math.min(i, a.types.length - 1)], x)) && b.types.length >= (a.min ?? a.types.length);
  }
  if (a instanceof StructType) {
    if (b instanceof StructType) return a.members.every((m) => {
      const o = b.members.find((x) => x.key === m.key);
      return o ? isAssignable(m.type, o.type) : m.optional;
    }) && b.members.every((x) => a.members.some((m) => m.key === x.key));
    return b instanceof HashType && b.max === 0 && a.members.every((m) => m.optional);
  }
  if (a instanceof WrapperType) {
    const inner = a.inner ?? ANY;
    switch (a.name) {
      case 'Optional':
        if (b instanceof SimpleType && b.name === 'Undef') return true;
        if (b instanceof WrapperType && b.name === 'Optional') return isAssignable(inner, b.inner ?? ANY);
        return isAssignable(inner, b);
      case 'NotUndef':
        if (b instanceof SimpleType && (b.name === 'Undef' || b.name === 'Any')) return false;
        if (b instanceof WrapperType && b.name === 'Optional') return false;
        return isAssignable(inner, b);
      case 'Type': return b instanceof WrapperType && b.name === 'Type' && isAssignable(inner, b.inner ?? ANY);
      case 'Sensitive': return b instanceof WrapperType && b.name === 'Sensitive' && isAssignable(inner, b.inner ?? ANY);
    }
  }
  if (a instanceof CollectionType) {
    if (b instanceof ArrayType || b instanceof HashType || b instanceof CollectionType) return rangeWithin(a.min ?? 0, a.max, b.min ?? 0, b.max);
    if (b instanceof TupleType) return rangeWithin(a.min ?? 0, a.max, b.min ?? b.types.length, b.max ?? b.types.length);
    if (b instanceof StructType) return inRange(b.members.length, a.min, a.max);
    return false;
  }
  if (a instanceof ResourceType) {
    if (!(b instanceof ResourceType)) return false;
    if (a.typeName === undefined) return true;
    return a.typeName.toLowerCase() === b.typeName?.toLowerCase() && (a.title === undefined || a.title === b.title);
  }
  if (a instanceof ClassType) return b instanceof ClassType && (a.className === undefined || a.className === b.className);
  return false;
}

const STRING_LIKE = new VariantType([new StringType()]);

/** The type Puppet infers for a value (`type(v)`, and the "got X" part of messages). */
export function inferType(v: Value): TypeValue {
  if (v === undefined) return new SimpleType('Undef');
  if (v === DEFAULT) return new SimpleType('Default');
  if (typeof v === 'boolean') return new SimpleType('Boolean', [v]);
  if (typeof v === 'number' || typeof v === 'bigint') return new IntegerType(Number(v), Number(v));
  if (typeof v === 'string') return new StringType(undefined, undefined, v);
  if (v instanceof PFloat) return new FloatType(v.value, v.value);
  if (v instanceof PRegexp) return new RegexpType(v);
  if (Array.isArray(v)) {
    if (v.length === 0) return new ArrayType(undefined, 0, 0);
    return new TupleType(v.map(inferType));
  }
  if (v instanceof PHash) {
    if (v.size === 0) return new HashType(undefined, undefined, 0, 0);
    if (v.keys().every((k) => typeof k === 'string')) {
      return new StructType([...v].map(([k, x]) => ({ key: k as string, optional: false, keyForm: 'plain' as const, type: inferType(x) })));
    }
    return new HashType(commonType(v.keys().map(inferType)), commonType(v.values().map(inferType)), v.size, v.size);
  }
  if (v instanceof TypeValue) return new WrapperType('Type', v);
  if (v instanceof PSensitive) return new WrapperType('Sensitive', generalize(inferType(v.value)));
  if (v instanceof PBinary) return new SimpleType('Binary');
  if (v instanceof PTimespan) return new SimpleType('Timespan');
  if (v instanceof PTimestamp) return new SimpleType('Timestamp');
  if (v instanceof PSemVer) return new SimpleType('SemVer');
  if (v instanceof PSemVerRange) return new SimpleType('SemVerRange');
  if (v instanceof PDeferred) return new SimpleType('Deferred');
  return new SimpleType('Iterator');
}

function commonType(types: TypeValue[]): TypeValue {
  const g = types.map(generalize);
  const first = g[0].toString();
  return g.every((t) => t.toString() === first) ? g[0] : ANY;
}

/** Puppet's `type(v, 'reduced')`: hashes become Hash[K, V, n, n] instead of Struct. */
export function reducedType(v: Value): TypeValue {
  if (v instanceof PHash && v.size > 0) {
    const keys = v.keys().map(inferType).map(generalizeScalar);
    const vals = v.values().map(inferType);
    const common = (ts: TypeValue[]) => (ts.every((t) => t.typeKey() === ts[0].typeKey()) ? ts[0] : ANY);
    return new HashType(common(keys), common(vals), v.size, v.size);
  }
  return inferType(v);
}

function generalizeScalar(t: TypeValue): TypeValue {
  return t instanceof StringType ? new StringType() : t;
}

/** Drops value-specific constraints: Integer[1, 1] -> Integer, Tuple -> Array, Struct -> Hash. */
export function generalize(t: TypeValue): TypeValue {
  if (t instanceof IntegerType) return new IntegerType();
  if (t instanceof FloatType) return new FloatType();
  if (t instanceof StringType) return new StringType();
  if (t instanceof TupleType) return new ArrayType(t.types.length ? commonType([...t.types]) : undefined);
  if (t instanceof StructType) return new HashType(new StringType(), t.members.length ? commonType(t.members.map((m) => m.type)) : ANY);
  if (t instanceof ArrayType) return new ArrayType(t.elem && generalize(t.elem));
  if (t instanceof HashType) return t.key ? new HashType(generalize(t.key), generalize(t.value ?? ANY)) : new HashType();
  return t;
}

/** Helper for numeric range checks from values (Integer/Float bounds given as values). */
export function boundOf(v: Value): Bound {
  if (v === undefined || v === DEFAULT) return undefined;
  if (isNumeric(v)) return numberOf(v);
  return undefined;
}
