// Reads the files `puppet generate types` writes (<env>/.resource_types/<name>.pp):
// one `Puppet::Resource::ResourceType3.new(name, [properties], [parameters],
// {title patterns}, isomorphic, capability)` expression, each attribute a
// `Puppet::Resource::Param(Type, 'name'[, true when a namevar])`. No Ruby is
// needed for these; the result has the same shape as loadRubyType's.
import type { RubyTypeInfo } from './types.js';

export class ResourceTypesFileError extends Error {}

export function readResourceTypesFile(text: string, path = '(resource type file)'): RubyTypeInfo {
  const code = stripComments(text);
  const start = code.indexOf('ResourceType3.new(');
  if (start < 0) throw new ResourceTypesFileError(`Cannot read ${path}: no Puppet::Resource::ResourceType3.new(...) in it`);
  const args = splitTopLevel(code, start + 'ResourceType3.new('.length);
  if (args.length < 3) throw new ResourceTypesFileError(`Cannot read ${path}: expected a name, properties and parameters`);
  const name = unquote(args[0]);
  const properties = params(args[1]).map((p) => p.name);
  const parameterList = params(args[2]);
  const parameters = parameterList.map((p) => p.name);
  const namevars = parameterList.filter((p) => p.namevar || p.name === 'name').map((p) => p.name);
  const titlePatterns = args.length > 3 ? patterns(args[3]) : [];
  const info: RubyTypeInfo = { name, parameters, properties, namevars, ensurable: properties.includes('ensure') };
  return titlePatterns.length ? { ...info, titlePatterns } : info;
}

function params(list: string): { name: string; namevar: boolean }[] {
  const out: { name: string; namevar: boolean }[] = [];
  const marker = 'Puppet::Resource::Param(';
  let at = list.indexOf(marker);
  while (at >= 0) {
    const parts = splitTopLevel(list, at + marker.length);
    out.push({ name: unquote(parts[1] ?? "''"), namevar: (parts[2] ?? '').trim() === 'true' });
    at = list.indexOf(marker, at + marker.length);
  }
  return out;
}

function patterns(hash: string): { pattern: string; attributes: string[] }[] {
  const out: { pattern: string; attributes: string[] }[] = [];
  const body = hash.trim().replace(/^\{/, '').replace(/\}$/, '');
  for (const entry of splitTopLevel(`${body})`, 0)) {
    const m = /^\s*\/((?:\\.|[^/\\])*)\/\s*=>\s*\[(.*)\]\s*$/s.exec(entry);
    if (!m) continue;
    // Ruby's Regexp#to_s form (?m-ix:...) as the generator writes it: keep the inner source.
    const source = m[1].replace(/\\\//g, '/');
    const inner = /^\(\?[mix]*(?:-[mix]*)?:(.*)\)$/s.exec(source);
    out.push({ pattern: inner ? inner[1] : source, attributes: [...m[2].matchAll(/'((?:\\.|[^'\\])*)'/g)].map((a) => a[1]) });
  }
  return out;
}

/** Splits the arguments from `from` up to the closing parenthesis at depth 0, on top-level commas. */
function splitTopLevel(s: string, from: number): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === "'" || c === '"') {
      const end = closingQuote(s, i, c);
      cur += s.slice(i, end + 1);
      i = end;
      continue;
    }
    // A regexp literal starts where a value starts: at the beginning or after an opening bracket.
    if (c === '/' && (cur.trim() === '' || /[[({]$/.test(cur.trim()))) {
      const end = closingQuote(s, i, '/');
      cur += s.slice(i, end + 1);
      i = end;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) {
        if (cur.trim()) out.push(cur.trim());
        return out;
      }
      depth--;
    }
    if (c === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
      continue;
    }
    cur += c;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

function closingQuote(s: string, start: number, q: string): number {
  for (let i = start + 1; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === q) return i;
  }
  return s.length - 1;
}

function unquote(s: string): string {
  const t = s.trim();
  return /^'.*'$/s.test(t) ? t.slice(1, -1).replace(/\\(['\\])/g, '$1') : t;
}

function stripComments(text: string): string {
  return text
    .split('\n')
    .filter((l) => !/^\s*#/.test(l))
    .join('\n');
}
