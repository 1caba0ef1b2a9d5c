// Builds type values from names and `[...]` parameters, as the evaluator
// does for `Integer[1, 2]`, `Struct[{...}]`, `File['x']`, `Class['foo']`.
import { DEFAULT, PFloat, PHash, PRegexp, TypeValue, isNumeric, numberOf, type Value } from '../values.js';
import {
  ANY, ArrayType, ClassType, CollectionType, EnumType, FloatType, HashType, IntegerType, PatternType, RegexpType,
  ResourceType, SimpleType, StringType, StructType, TupleType, VariantType, WrapperType, capitalizeTypeName,
  type Bound, type SimpleTypeName, type StructMember,
} from './types.js';

const SIMPLE: readonly SimpleTypeName[] = [
  'Any', 'Scalar', 'ScalarData', 'Data', 'RichData', 'Numeric', 'Boolean', 'Undef', 'Default', 'Callable', 'Iterable',
  'Iterator', 'CatalogEntry', 'SemVer', 'SemVerRange', 'Timestamp', 'Timespan', 'Binary', 'Runtime', 'Error', 'Deferred',
  'Object', 'TypeSet', 'Init', 'Unit', 'TypeReference',
];

/** The built-in type named `name` (lower case), or undefined when it is not a built-in. */
export function builtinType(name: string): TypeValue | undefined {
  switch (name) {
    case 'integer': return new IntegerType();
    case 'float': return new FloatType();
    case 'string': return new StringType();
    case 'enum': return new EnumType([]);
    case 'pattern': return new PatternType([]);
    case 'regexp': return new RegexpType();
    case 'array': return new ArrayType();
    case 'hash': return new HashType();
    case 'tuple': return new TupleType([]);
    case 'struct': return new StructType([]);
    case 'optional': return new WrapperType('Optional', undefined);
    case 'notundef': return new WrapperType('NotUndef', undefined);
    case 'type': return new WrapperType('Type', undefined);
    case 'sensitive': return new WrapperType('Sensitive', undefined);
    case 'variant': return new VariantType([]);
    case 'collection': return new CollectionType();
    case 'resource': return new ResourceType(undefined);
    case 'class': return new ClassType();
  }
  const simple = SIMPLE.find((s) => s.toLowerCase() === name);
  return simple ? new SimpleType(simple) : undefined;
}

export class TypeParameterError extends Error {}

function bound(v: Value, what: string): Bound {
  if (v === DEFAULT || v === undefined) return undefined;
  if (isNumeric(v)) return numberOf(v);
  throw new TypeParameterError(`${what} parameter must be an Integer or default`);
}

function asType(v: Value, ctx: string): TypeValue {
  if (v instanceof TypeValue) return v;
  if (typeof v === 'string' && ctx === 'Optional') return new EnumType([v]);
  throw new TypeParameterError(`${ctx}[] arguments must be types. Got ${v === undefined ? 'Undef' : typeof v === 'string' ? 'String' : 'a value'}`);
}

/** Applies `[...]` parameters to a type: `Integer` + [1, 2] -> `Integer[1, 2]`. Returns an array for multi-title references. */
export function parameterize(t: TypeValue, params: readonly Value[]): Value {
  const p = params;
  if (t instanceof IntegerType) {
    if (p.length > 2 || p.length === 0) throw new TypeParameterError(`Integer-Type[] accepts 1 to 2 arguments. Got ${p.length}`);
    const from = bound(p[0], 'Integer');
    const to = p.length > 1 ? bound(p[1], 'Integer') : undefined;
    if (from !== undefined && to !== undefined && from > to) return new IntegerType(to, from);
    return new IntegerType(from, to);
  }
  if (t instanceof FloatType) return new FloatType(bound(p[0], 'Float'), p.length > 1 ? bound(p[1], 'Float') : undefined);
  if (t instanceof StringType) {
    if (p.length === 1 && p[0] instanceof IntegerType) return new StringType(p[0].from, p[0].to);
    return new StringType(bound(p[0], 'String'), p.length > 1 ? bound(p[1], 'String') : undefined);
  }
  if (t instanceof EnumType) {
    const flat = p.flat() as Value[];
    const ci = flat.length > 0 && typeof flat[flat.length - 1] === 'boolean' ? (flat.pop() as boolean) : false;
    return new EnumType(flat.map((v) => String(v)), ci);
  }
  if (t instanceof PatternType) {
    return new PatternType((p.flat() as Value[]).map((v) => (v instanceof PRegexp ? v : v instanceof RegexpType && v.pattern ? v.pattern : new PRegexp(String(v)))));
  }
  if (t instanceof RegexpType) return new RegexpType(p[0] instanceof PRegexp ? p[0] : new PRegexp(String(p[0])));
  if (t instanceof ArrayType) {
    if (p.length === 0) return t;
    if (p[0] instanceof TypeValue) {
      const size = sizeOf(p.slice(1));
      return new ArrayType(p[0], size[0], size[1]);
    }
    const size = sizeOf(p);
    return new ArrayType(ANY, size[0], size[1]);
  }
  if (t instanceof HashType) {
    if (p.length === 0) return t;
    if (!(p[0] instanceof TypeValue)) {
      const size = sizeOf(p);
      return new HashType(ANY, ANY, size[0], size[1]);
    }
    if (p.length === 1) return new HashType(ANY, p[0]);
    const size = sizeOf(p.slice(2));
    return new HashType(asType(p[0], 'Hash'), asType(p[1], 'Hash'), size[0], size[1]);
  }
  if (t instanceof TupleType) {
    const types: TypeValue[] = [];
    let i = 0;
    for (; i < p.length && p[i] instanceof TypeValue; i++) types.push(p[i] as TypeValue);
    const size = sizeOf(p.slice(i));
    return new TupleType(types, size[0], size[1]);
  }
  if (t instanceof StructType) {
    const h = p[0];
    if (!(h instanceof PHash)) throw new TypeParameterError('Struct[] argument must be a Hash');
    const members: StructMember[] = [];
    for (const [k, v] of h) {
      const vt = asType(v, 'Struct');
      if (typeof k === 'string') {
        members.push({ key: k, optional: vt instanceof WrapperType && vt.name === 'Optional' ? true : acceptsUndef(vt), keyForm: 'plain', type: vt });
      } else if (k instanceof WrapperType && k.inner instanceof EnumType && k.inner.values.length === 1) {
        members.push({ key: k.inner.values[0], optional: k.name === 'Optional', keyForm: k.name === 'Optional' ? 'optional' : 'notundef', type: vt });
      } else if (k instanceof EnumType && k.values.length === 1) {
        members.push({ key: k.values[0], optional: false, keyForm: 'plain', type: vt });
      } else {
        throw new TypeParameterError('Struct[] keys must be Strings or Optional/NotUndef of a String');
      }
    }
    return new StructType(members);
  }
  if (t instanceof WrapperType) {
    if (p.length !== 1) throw new TypeParameterError(`${t.name}-Type[] accepts 1 argument. Got ${p.length}`);
    if (t.name === 'Optional' || t.name === 'NotUndef') {
      const inner = typeof p[0] === 'string' ? new EnumType([p[0]]) : asType(p[0], t.name);
      return new WrapperType(t.name, inner);
    }
    return new WrapperType(t.name, asType(p[0], t.name));
  }
  if (t instanceof VariantType) return new VariantType((p.flat() as Value[]).map((v) => asType(v, 'Variant')));
  if (t instanceof CollectionType) {
    const size = sizeOf(p);
    return new CollectionType(size[0], size[1]);
  }
  if (t instanceof ResourceType) {
    if (t.typeName === undefined) {
      const [first, ...rest] = p;
      let typeName: string;
      if (first instanceof ResourceType && first.typeName) typeName = first.typeName;
      else if (first instanceof ClassType) return rest.length ? parameterize(first, rest) : first;
      else if (typeof first === 'string') {
        if (first.toLowerCase() === 'class') return rest.length ? parameterize(new ClassType(), rest) : new ClassType();
        typeName = capitalizeTypeName(first.replace(/^::/, '').toLowerCase());
      } else throw new TypeParameterError('First argument to Resource[] must be a resource type or a String');
      const base = new ResourceType(typeName);
      return rest.length ? parameterize(base, rest) : base;
    }
    if (t.title !== undefined) throw new TypeParameterError(`Cannot specialize an already specialized Resource type`);
    const titles = (p.flat() as Value[]).map((v) => titleString(v));
    if (titles.length === 1) return new ResourceType(t.typeName, titles[0]);
    return titles.map((title) => new ResourceType(t.typeName, title));
  }
  if (t instanceof ClassType) {
    const names = (p.flat() as Value[]).map((v) => {
      if (v instanceof ClassType) return v.className ?? '';
      if (typeof v !== 'string') throw new TypeParameterError('Arguments to Class[] must be names of classes');
      return v.replace(/^::/, '').toLowerCase();
    });
    if (names.length === 1) return new ClassType(names[0]);
    return names.map((n) => new ClassType(n));
  }
  if (t instanceof SimpleType) return new SimpleType(t.name, p);
  throw new TypeParameterError(`${t.toString()} is not a parameterizable type`);
}

function titleString(v: Value): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (v instanceof PFloat) return String(v.value);
  throw new TypeParameterError('A resource title must be a String');
}

function acceptsUndef(t: TypeValue): boolean {
  if (t instanceof SimpleType) return t.name === 'Any' || t.name === 'Undef';
  if (t instanceof VariantType) return t.types.some(acceptsUndef);
  return false;
}

function sizeOf(p: readonly Value[]): [Bound, Bound] {
  if (p.length === 0) return [undefined, undefined];
  if (p[0] instanceof IntegerType) return [p[0].from, p[0].to];
  return [bound(p[0], 'size'), p.length > 1 ? bound(p[1], 'size') : undefined];
}
