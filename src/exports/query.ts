// The exported-collector query (`<<| tag == 'web' and port != 80 |>>`) as the
// store evaluates it. The compiler turns the collector's expression into this
// tree as Puppet's CollectorTransformer#match_* does (`[lhs, op, rhs]`), and the
// store matches it as PuppetDB answers puppetdb's resource terminus
// (puppet/lib/puppet/indirector/resource/puppetdb.rb, build_expression).
import type { ExportedResource, JsonData } from './resource.js';

export type ExportQuery =
  | { readonly op: '==' | '!='; readonly field: string; readonly value: JsonData }
  | { readonly op: 'and' | 'or'; readonly left: ExportQuery; readonly right: ExportQuery };

/**
 * Whether an exported resource matches, with PuppetDB's rules:
 * - `tag == x`: one of the resource's tags is x, lower-cased (tags are case-insensitive);
 * - `title == x`: the title is exactly x (case-sensitive, unlike Puppet's `==`);
 * - `param == x`: the parameter's JSON value is x, or is an array with an element x
 *   (PuppetDB's `=`: "arrays match if any one of their elements matches"); a
 *   missing parameter never equals;
 * - `!=` is `not (==)` (the terminus wraps the predicate in `not`), so a
 *   resource without the parameter matches `param != x`.
 */
export function matchesExportQuery(q: ExportQuery | undefined, r: ExportedResource): boolean {
  if (q === undefined) return true;
  switch (q.op) {
    case 'and': return matchesExportQuery(q.left, r) && matchesExportQuery(q.right, r);
    case 'or': return matchesExportQuery(q.left, r) || matchesExportQuery(q.right, r);
    case '==': return equalsPredicate(q.field, q.value, r);
    case '!=': return !equalsPredicate(q.field, q.value, r);
  }
}

function equalsPredicate(field: string, value: JsonData, r: ExportedResource): boolean {
  if (field === 'tag') return typeof value === 'string' && r.tags.includes(value.toLowerCase());
  if (field === 'title') return value === r.title;
  if (!Object.hasOwn(r.parameters, field)) return false;
  const actual = r.parameters[field];
  if (jsonEquals(actual, value)) return true;
  return Array.isArray(actual) && actual.some((x) => jsonEquals(x, value));
}

export function jsonEquals(a: JsonData, b: JsonData): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => jsonEquals(x, b[i]));
  }
  const ao = a as Record<string, JsonData>;
  const bo = b as Record<string, JsonData>;
  const keys = Object.keys(ao);
  if (keys.length !== Object.keys(bo).length) return false;
  return keys.every((k) => Object.hasOwn(bo, k) && jsonEquals(ao[k], bo[k]));
}

/** The query in PuppetDB's AST form (what puppetdb's terminus would send), for messages and debugging. */
export function queryToPuppetDbAst(q: ExportQuery): JsonData {
  switch (q.op) {
    case 'and':
    case 'or':
      return [q.op, queryToPuppetDbAst(q.left), queryToPuppetDbAst(q.right)];
    default: {
      const field = q.field === 'tag' || q.field === 'title' ? q.field : ['parameter', q.field];
      const value = q.field === 'tag' && typeof q.value === 'string' ? q.value.toLowerCase() : q.value;
      const pred: JsonData = ['=', field, value];
      return q.op === '!=' ? ['not', pred] : pred;
    }
  }
}
