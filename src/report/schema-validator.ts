// A small JSON Schema (draft-04) validator for the keywords Puppet's API
// schemas use: type, enum, properties, required, additionalProperties,
// patternProperties, items, minProperties, pattern, anyOf, oneOf, $ref
// (local "#/definitions/..."). Returns every problem with its JSON path.

export interface SchemaProblem {
  /** JSON path of the offending value, e.g. `$.logs[3].line`. */
  readonly path: string;
  readonly message: string;
}

type Schema = Record<string, unknown>;

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

/** Per-validation state: compiled `pattern`s, so each is built once per call. */
class Patterns {
  private readonly cache = new Map<string, RegExp>();
  get(pattern: string): RegExp {
    let re = this.cache.get(pattern);
    if (!re) {
      re = new RegExp(pattern, 'u');
      this.cache.set(pattern, re);
    }
    return re;
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

function resolveRef(root: Schema, ref: string): Schema {
  if (!ref.startsWith('#/')) throw new Error(`Unsupported $ref "${ref}"`);
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) node = (node as Schema)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  if (!node || typeof node !== 'object') throw new Error(`Unresolvable $ref "${ref}"`);
  return node as Schema;
}

export function validateSchema(root: unknown, value: unknown): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  check(root as Schema, root as Schema, value, '$', problems, new Patterns());
  return problems;
}

function check(root: Schema, schema: Schema, value: unknown, path: string, out: SchemaProblem[], patterns: Patterns): void {
  if (typeof schema.$ref === 'string') return check(root, resolveRef(root, schema.$ref), value, path, out, patterns);
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!types.some((t) => typeMatches(value, t))) {
      out.push({ path, message: `expected ${types.join(' or ')}, got ${typeOf(value)}` });
      return;
    }
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => sameValue(e, value))) {
    out.push({ path, message: `expected one of ${JSON.stringify(schema.enum)}, got ${JSON.stringify(value)}` });
  }
  if (typeof schema.pattern === 'string' && typeof value === 'string' && !patterns.get(schema.pattern).test(value)) {
    out.push({ path, message: `does not match /${schema.pattern}/` });
  }
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    const options = schema[keyword];
    if (!Array.isArray(options)) continue;
    const passing = options.filter((option) => {
      const sub: SchemaProblem[] = [];
      check(root, option as Schema, value, path, sub, patterns);
      return sub.length === 0;
    }).length;
    if (keyword === 'anyOf' ? passing === 0 : passing !== 1) {
      out.push({ path, message: `${keyword}: ${passing} of ${options.length} alternatives match` });
    }
  }
  if (Array.isArray(value) && schema.items && typeof schema.items === 'object') {
    if (Array.isArray(schema.items)) {
      (schema.items as Schema[]).forEach((s, i) => i < value.length && check(root, s, value[i], `${path}[${i}]`, out, patterns));
    } else {
      value.forEach((v, i) => check(root, schema.items as Schema, v, `${path}[${i}]`, out, patterns));
    }
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj);
    if (typeof schema.minProperties === 'number' && keys.length < schema.minProperties) {
      out.push({ path, message: `needs at least ${schema.minProperties} properties` });
    }
    for (const req of (schema.required as string[] | undefined) ?? []) {
      if (!(req in obj)) out.push({ path, message: `missing required property "${req}"` });
    }
    const props = (schema.properties as Record<string, Schema> | undefined) ?? {};
    const patternProps = Object.entries((schema.patternProperties as Record<string, Schema> | undefined) ?? {}).map(
      ([p, s]) => [patterns.get(p), s] as const,
    );
    for (const key of keys) {
      const childPath = /^[A-Za-z_]\w*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
      let matched = false;
      if (props[key]) {
        matched = true;
        check(root, props[key]!, obj[key], childPath, out, patterns);
      }
      for (const [re, s] of patternProps) {
        if (re.test(key)) {
          matched = true;
          check(root, s, obj[key], childPath, out, patterns);
        }
      }
      if (!matched) {
        if (schema.additionalProperties === false) out.push({ path: childPath, message: 'property is not allowed' });
        else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
          check(root, schema.additionalProperties as Schema, obj[key], childPath, out, patterns);
        }
      }
    }
  }
}
