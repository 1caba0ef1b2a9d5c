// Reading a report PUT body (JSON format 12, or YAML as older tools send it)
// into the Ruby-faithful value tree, with the checks whose failure Puppet
// answers with 400, and the schema check (problems are returned, not fatal).
import { parseDocument, isMap, isSeq, isScalar, type Node } from 'yaml';
import { PuppetHttpError } from '../fileserver/errors.js';
import { parseJsonLossless, toPlain, RubyFloat, RubyInt, type RubyHash, type RubyValue } from './ruby-value.js';
import { validateSchema, type SchemaProblem } from './schema-validator.js';
import { psychTokenize } from './ruby-yaml.js';
import { REPORT_SCHEMA } from './report-schema.js';

export type ReportFormat = 'json' | 'yaml';

export interface ParsedReport {
  /** The report as Ruby would hold it after parsing (key order, Integer vs Float). */
  readonly data: RubyHash;
  /** The same as plain JSON data. */
  readonly plain: Record<string, unknown>;
  readonly host: string;
  /** Deviations from Puppet's report schema (known agent drift already excused). */
  readonly problems: readonly SchemaProblem[];
}

/**
 * The body format for a request Content-Type (parameters after `;` ignored),
 * or a 415 / 400 error as Puppet's handler gives them.
 */
export function reportFormatFor(contentType: string | undefined): ReportFormat {
  if (contentType === undefined || contentType.trim() === '') {
    throw new PuppetHttpError(400, 'No Content-Type header was received, it isn\'t possible to unserialize the request', 'MISSING_HEADER_FIELD');
  }
  const mime = contentType.split(';')[0]!.trim().toLowerCase();
  if (mime === 'application/json' || mime === 'text/pson' || mime === 'pson') return 'json';
  if (mime === 'text/yaml' || mime === 'application/x-yaml' || mime === 'application/yaml' || mime === 'yaml') return 'yaml';
  throw new PuppetHttpError(
    415,
    `Client sent a mime-type (${contentType}) that doesn't correspond to a format we support`,
    'UNSUPPORTED_MEDIA_TYPE',
  );
}

function invalid(detail: string): PuppetHttpError {
  return new PuppetHttpError(400, `The request body is invalid: ${detail}`);
}

/** YAML node → RubyValue, resolving plain scalars the way Psych does. */
function fromYamlNode(node: Node | null | undefined): RubyValue {
  if (node === null || node === undefined) return null;
  if (isMap(node)) {
    const map: RubyHash = new Map();
    for (const pair of node.items) {
      const key = fromYamlNode(pair.key as Node | null);
      map.set(key instanceof RubyInt ? key.text : key instanceof RubyFloat ? String(key.value) : String(key), fromYamlNode(pair.value as Node | null));
    }
    return map;
  }
  if (isSeq(node)) return node.items.map((item) => fromYamlNode(item as Node));
  if (isScalar(node)) {
    const text = node.value === null || node.value === undefined ? '' : String(node.value);
    if (node.type !== 'PLAIN' || (node.tag !== undefined && node.tag !== '?')) return text;
    const token = psychTokenize(text);
    switch (token.kind) {
      case 'null':
        return null;
      case 'bool':
        return token.value;
      case 'int':
        return new RubyInt(token.text);
      case 'float':
        return new RubyFloat(token.value);
      default:
        return text;
    }
  }
  return null;
}

/**
 * Known drift between Puppet 7 agents and the schema, not a problem: integer
 * `line`s (schema: string|null) and `redacted: null` in events (schema: boolean).
 */
function excused(problem: SchemaProblem, plain: unknown): boolean {
  if (!/\.(line|redacted)$/.test(problem.path)) return false;
  const wantNull = problem.path.endsWith('.redacted');
  let node: unknown = plain;
  const parts = problem.path.slice(1).match(/\.[A-Za-z_]\w*|\[\d+\]|\["(?:[^"\\]|\\.)*"\]/g) ?? [];
  for (const part of parts) {
    if (node === null || typeof node !== 'object') return false;
    const key = part.startsWith('.') ? part.slice(1) : part.startsWith('["') ? (JSON.parse(part.slice(1, -1)) as string) : Number(part.slice(1, -1));
    node = (node as Record<string | number, unknown>)[key];
  }
  return wantNull ? node === null : typeof node === 'number' && Number.isInteger(node);
}

export function parseReport(body: string | Uint8Array, format: ReportFormat): ParsedReport {
  const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
  let value: RubyValue;
  try {
    if (format === 'json') {
      value = parseJsonLossless(text);
    } else {
      const doc = parseDocument(text, { schema: 'failsafe', uniqueKeys: false });
      if (doc.errors.length > 0) throw new Error(doc.errors[0]!.message);
      value = fromYamlNode(doc.contents as Node | null);
    }
  } catch (err) {
    throw invalid((err as Error).message);
  }
  if (!(value instanceof Map)) throw invalid('a report must be a JSON object');
  // Report.from_data_hash iterates these; anything else makes Puppet fail the request.
  if (!(value.get('metrics') instanceof Map)) throw invalid('"metrics" must be an object');
  if (!Array.isArray(value.get('logs'))) throw invalid('"logs" must be an array');
  if (!(value.get('resource_statuses') instanceof Map)) throw invalid('"resource_statuses" must be an object');
  const host = value.get('host');
  if (typeof host !== 'string' || host === '') throw invalid('"host" must be a non-empty string');
  const plain = toPlain(value) as Record<string, unknown>;
  const problems = validateSchema(REPORT_SCHEMA, plain).filter((p) => !excused(p, plain));
  return { data: value, plain, host, problems };
}
