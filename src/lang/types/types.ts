// The Puppet type system's type values: one class per family of types, each
// printing itself exactly as Puppet prints types in messages and notices.
import { formatFloat, inspect, PRegexp, TypeValue, type Value } from '../values.js';

/** Integer bounds: `undefined` stands for an open end (Puppet's `default`). */
export type Bound = number | undefined;

function boundStr(b: Bound): string {
  return b === undefined ? 'default' : String(b);
}

/** Types with no parameters (or whose parameters are not modelled): Any, Scalar, Data, Boolean, ... */
export type SimpleTypeName =
  | 'Any' | 'Scalar' | 'ScalarData' | 'Data' | 'RichData' | 'Numeric' | 'Boolean' | 'Undef' | 'Default'
  | 'Callable' | 'Iterable' | 'Iterator' | 'CatalogEntry' | 'SemVer' | 'SemVerRange' | 'Timestamp' | 'Timespan'
  | 'Binary' | 'Runtime' | 'Error' | 'Deferred' | 'Object' | 'TypeSet' | 'Init' | 'Unit' | 'TypeReference'
  | 'Regexp';

export class SimpleType extends TypeValue {
  constructor(readonly name: SimpleTypeName, readonly params: readonly Value[] = []) {
    super();
  }
  toString(): string {
    if (this.params.length === 0) return this.name;
    if (this.name === 'Runtime') return `Runtime[${this.params.map((p, i) => (i === 0 && typeof p === 'string' ? p : p instanceof TypeValue ? p.toString() : inspect(p))).join(', ')}]`;
    return `${this.name}[${this.params.map((p) => (p instanceof TypeValue ? p.toString() : inspect(p))).join(', ')}]`;
  }
}

export class IntegerType extends TypeValue {
  readonly name = 'Integer';
  constructor(readonly from: Bound = undefined, readonly to: Bound = undefined) {
    super();
  }
  toString(): string {
    if (this.from === undefined && this.to === undefined) return 'Integer';
    if (this.to === undefined) return `Integer[${boundStr(this.from)}]`;
    return `Integer[${boundStr(this.from)}, ${boundStr(this.to)}]`;
  }
}

export class FloatType extends TypeValue {
  readonly name = 'Float';
  constructor(readonly from: Bound = undefined, readonly to: Bound = undefined) {
    super();
  }
  toString(): string {
    const f = (b: Bound) => (b === undefined ? 'default' : formatFloat(b));
    if (this.from === undefined && this.to === undefined) return 'Float';
    if (this.to === undefined) return `Float[${f(this.from)}]`;
    return `Float[${f(this.from)}, ${f(this.to)}]`;
  }
}

/** String, optionally with a size range; `value` is set for inferred types of a known string. */
export class StringType extends TypeValue {
  readonly name = 'String';
  constructor(readonly min: Bound = undefined, readonly max: Bound = undefined, readonly value?: string) {
    super();
  }
  toString(): string {
    if (this.min === undefined && this.max === undefined) return 'String';
    if (this.max === undefined) return `String[${boundStr(this.min)}]`;
    return `String[${boundStr(this.min)}, ${boundStr(this.max)}]`;
  }
  override typeKey(): string {
    return this.value === undefined ? this.toString() : `String(${JSON.stringify(this.value)})`;
  }
}

export class EnumType extends TypeValue {
  readonly name = 'Enum';
  readonly values: readonly string[];
  constructor(values: readonly string[], readonly caseInsensitive = false) {
    super();
    // Puppet keeps an Enum's values sorted and unique
    this.values = [...new Set(values)].sort();
  }
  toString(): string {
    if (this.values.length === 0) return 'Enum';
    return `Enum[${[...this.values.map((v) => inspect(v)), ...(this.caseInsensitive ? ['true'] : [])].join(', ')}]`;
  }
}

export class PatternType extends TypeValue {
  readonly name = 'Pattern';
  constructor(readonly patterns: readonly PRegexp[]) {
    super();
  }
  toString(): string {
    if (this.patterns.length === 0) return 'Pattern';
    return `Pattern[${this.patterns.map((p) => `/${p.source}/`).join(', ')}]`;
  }
}

export class RegexpType extends TypeValue {
  readonly name = 'Regexp';
  constructor(readonly pattern?: PRegexp) {
    super();
  }
  toString(): string {
    return this.pattern ? `Regexp[/${this.pattern.source}/]` : 'Regexp';
  }
}

function sizeParams(min: Bound, max: Bound): string[] {
  if (min === undefined && max === undefined) return [];
  if (max === undefined) return [boundStr(min)];
  return [boundStr(min), boundStr(max)];
}

export class ArrayType extends TypeValue {
  readonly name = 'Array';
  constructor(readonly elem: TypeValue | undefined = undefined, readonly min: Bound = undefined, readonly max: Bound = undefined) {
    super();
  }
  toString(): string {
    const size = sizeParams(this.min, this.max);
    if (this.elem === undefined) {
      // Array[0, 0] is the type of an empty array
      return size.length ? `Array[${size.join(', ')}]` : 'Array';
    }
    return `Array[${[this.elem.toString(), ...size].join(', ')}]`;
  }
}

export class HashType extends TypeValue {
  readonly name = 'Hash';
  constructor(
    readonly key: TypeValue | undefined = undefined,
    readonly value: TypeValue | undefined = undefined,
    readonly min: Bound = undefined,
    readonly max: Bound = undefined,
  ) {
    super();
  }
  toString(): string {
    const size = sizeParams(this.min, this.max);
    if (this.key === undefined) return size.length ? `Hash[${size.join(', ')}]` : 'Hash';
    return `Hash[${[this.key.toString(), (this.value ?? ANY).toString(), ...size].join(', ')}]`;
  }
}

export class TupleType extends TypeValue {
  readonly name = 'Tuple';
  constructor(readonly types: readonly TypeValue[], readonly min: Bound = undefined, readonly max: Bound = undefined) {
    super();
  }
  toString(): string {
    if (this.types.length === 0 && this.min === undefined && this.max === undefined) return 'Tuple';
    return `Tuple[${[...this.types.map(String), ...sizeParams(this.min, this.max)].join(', ')}]`;
  }
}

export interface StructMember {
  readonly key: string;
  /** True when the key may be missing (declared `Optional['k']`, or the value type accepts undef). */
  readonly optional: boolean;
  /** How the key was written: `Optional['k']`, `NotUndef['k']` or plain. */
  readonly keyForm: 'plain' | 'optional' | 'notundef';
  readonly type: TypeValue;
}

export class StructType extends TypeValue {
  readonly name = 'Struct';
  constructor(readonly members: readonly StructMember[]) {
    super();
  }
  toString(): string {
    if (this.members.length === 0) return 'Struct';
    const entries = this.members.map((m) => {
      const k = m.keyForm === 'optional' ? `Optional[${inspect(m.key)}]` : m.keyForm === 'notundef' ? `NotUndef[${inspect(m.key)}]` : inspect(m.key);
      return `${k} => ${m.type.toString()}`;
    });
    return `Struct[{${entries.join(', ')}}]`;
  }
}

/** Types with one contained type: Optional, NotUndef, Type, Sensitive, Iterable, Iterator, Collection-less wrappers. */
export class WrapperType extends TypeValue {
  constructor(readonly name: 'Optional' | 'NotUndef' | 'Type' | 'Sensitive', readonly inner: TypeValue | undefined) {
    super();
  }
  toString(): string {
    return this.inner === undefined ? this.name : `${this.name}[${this.inner.toString()}]`;
  }
}

export class VariantType extends TypeValue {
  readonly name = 'Variant';
  constructor(readonly types: readonly TypeValue[]) {
    super();
  }
  toString(): string {
    return this.types.length ? `Variant[${this.types.map(String).join(', ')}]` : 'Variant';
  }
}

export class CollectionType extends TypeValue {
  readonly name = 'Collection';
  constructor(readonly min: Bound = undefined, readonly max: Bound = undefined) {
    super();
  }
  toString(): string {
    const size = sizeParams(this.min, this.max);
    return size.length ? `Collection[${size.join(', ')}]` : 'Collection';
  }
}

/** Capitalizes each `::` segment: `foo::bar` -> `Foo::Bar`. */
export function capitalizeTypeName(name: string): string {
  return name
    .split('::')
    .map((s) => (s.length ? s[0].toUpperCase() + s.slice(1) : s))
    .join('::');
}

/**
 * A resource type or reference: `Resource`, `File`, `File['x']`. `typeName` is
 * capitalized per segment (`Apache::Vhost`); `title` is set for a reference.
 */
export class ResourceType extends TypeValue {
  readonly name = 'Resource';
  constructor(readonly typeName: string | undefined, readonly title?: string) {
    super();
  }
  toString(): string {
    if (this.typeName === undefined) return 'Resource';
    return this.title === undefined ? this.typeName : `${this.typeName}[${inspect(this.title)}]`;
  }
  /** The reference as it appears in catalogs: `File[/tmp/x]`. */
  refString(): string {
    return `${this.typeName}[${this.title}]`;
  }
}

/** `Class` or `Class[foo::bar]`; `className` is lower case without a leading `::`. */
export class ClassType extends TypeValue {
  readonly name = 'Class';
  constructor(readonly className?: string) {
    super();
  }
  toString(): string {
    return this.className === undefined ? 'Class' : `Class[${this.className}]`;
  }
  refString(): string {
    return `Class[${capitalizeTypeName(this.className ?? '')}]`;
  }
}

/** A named alias (`type Foo = ...`); resolved lazily because aliases may be recursive. */
export class TypeAliasType extends TypeValue {
  private resolvedType: TypeValue | undefined;
  constructor(readonly name: string, private readonly resolver: () => TypeValue) {
    super();
  }
  get resolved(): TypeValue {
    if (this.resolvedType === undefined) {
      this.resolvedType = ANY; // guards against self-reference during resolution
      this.resolvedType = this.resolver();
    }
    return this.resolvedType;
  }
  /** `Name = <resolved type>`, as Puppet prints an alias; nested aliases expand once. */
  toString(): string {
    if (TypeAliasType.expanding.has(this.name)) return this.name;
    TypeAliasType.expanding.add(this.name);
    try {
      return `${this.name} = ${this.resolved.toString()}`;
    } finally {
      TypeAliasType.expanding.delete(this.name);
    }
  }
  override typeKey(): string {
    return this.name;
  }
  /** Aliases being printed right now (guards recursive aliases; empty between calls). */
  private static readonly expanding = new Set<string>();
}

export const ANY = new SimpleType('Any');
export const UNDEF_TYPE = new SimpleType('Undef');
export const DEFAULT_TYPE = new SimpleType('Default');
export const BOOLEAN = new SimpleType('Boolean');
export const INTEGER = new IntegerType();
export const FLOAT = new FloatType();
export const STRING = new StringType();
export const ARRAY = new ArrayType();
export const HASH = new HashType();
