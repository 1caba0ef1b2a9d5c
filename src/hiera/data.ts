// Data files to values: YAML (as Ruby's Psych reads YAML 1.1), JSON and HOCON
// into the project's value model (src/lang/values.ts), hash order kept.
import { isMap, isScalar, isSeq, isAlias, parseDocument, type Node as YamlNode, type Document } from 'yaml';
import { PFloat, PHash, fromJson, type Value } from '../lang/values.js';
import { parseHocon, HoconError } from '../server/auth/hocon.js';
import { HieraError } from './errors.js';

/** Parses YAML text into a value; a YAML syntax error becomes a HieraError naming file and line. */
export function parseYaml(text: string, file: string): Value {
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { version: '1.1', uniqueKeys: false, prettyErrors: false, merge: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    let offset = e.pos[0];
    let what = e.message.replace(/ at line \d+, column \d+.*$/s, '').replace(/\n[\s\S]*$/, '');
    const flow = /^Flow (sequence|mapping)/.exec(what);
    if (flow) {
      // worded and placed as Psych does: at the unclosed bracket
      const open = flow[1] === 'sequence' ? '[' : '{';
      const start = unclosedBracket(text, offset, open);
      if (start !== undefined) offset = start;
      what = `did not find expected ',' or '${open === '[' ? ']' : '}'}' while parsing a flow ${flow[1]}`;
    }
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const col = offset - before.lastIndexOf('\n');
    throw new HieraError(`(${file}): ${what} at line ${line} column ${col}`, { file, line });
  }
  return yamlToValue(doc.contents as YamlNode | null, doc);
}

const PSYCH_BOOL = /^(yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const PSYCH_FLOAT = /^[-+]?([0-9][0-9_,]*)?\.[0-9]*([eE][-+][0-9]+)?$/;

function yamlToValue(node: YamlNode | null, doc: Document): Value {
  if (node === null || node === undefined) return undefined;
  if (isAlias(node)) return yamlToValue(node.resolve(doc) as YamlNode, doc);
  if (isScalar(node)) {
    const v = node.value;
    if (v === null || v === undefined) return undefined;
    if (typeof v === 'number') {
      const src = node.source ?? String(v);
      const isFloat = !Number.isInteger(v) || (/[.eE]|inf|nan/i.test(src) && !/^[-+]?0x/i.test(src));
      // Psych (YAML 1.1) wants a dot and a signed exponent: `1.5e3` stays a string
      if (isFloat && !PSYCH_FLOAT.test(src) && !/^[-+]?\.(inf|nan)$/i.test(src)) return src;
      return isFloat ? new PFloat(v) : v;
    }
    if (typeof v === 'bigint') return v;
    // Psych's booleans are yes/no/true/false/on/off: `y` and `n` stay strings
    if (typeof v === 'boolean') return node.source === undefined || PSYCH_BOOL.test(node.source) ? v : node.source;
    if (typeof v === 'string') return v;
    if (v instanceof Date) return v.toISOString();
    return String(v);
  }
  if (isSeq(node)) return Object.freeze(node.items.map((n) => yamlToValue(n as YamlNode, doc)));
  if (isMap(node)) {
    const entries: (readonly [Value, Value])[] = [];
    for (const p of node.items) {
      const keyNode = p.key as YamlNode;
      // a merge key `<<: *anchor` (or a list of them) inserts the anchored maps' entries here
      if (isScalar(keyNode) && keyNode.source === '<<' && typeof keyNode.value !== 'string') {
        const value = isAlias(p.value) ? (p.value.resolve(doc) as YamlNode) : (p.value as YamlNode);
        // of several maps the first wins, as Psych merges them in reverse
        const sources = isSeq(value) ? value.items.map((n) => (isAlias(n) ? (n.resolve(doc) as YamlNode) : (n as YamlNode))).reverse() : [value];
        for (const src of sources) {
          const merged = yamlToValue(src, doc);
          if (merged instanceof PHash) entries.push(...merged.entries());
        }
        continue;
      }
      const k = yamlToValue(keyNode, doc);
      // Ruby Psych reads `:sym` keys as symbols; Hiera turns them into strings
      const key = typeof k === 'string' && k.startsWith(':') ? k.slice(1) : k;
      entries.push([key, yamlToValue(p.value as YamlNode, doc)] as const);
    }
    return PHash.from(entries);
  }
  return undefined;
}

export function parseJsonData(text: string, file: string): Value {
  try {
    return fromJson(JSON.parse(text));
  } catch (e) {
    throw new HieraError(`Unable to parse (${file}): ${(e as Error).message}`, { file });
  }
}

export function parseHoconData(text: string, file: string): Value {
  try {
    return fromJson(parseHocon(text, file).root);
  } catch (e) {
    if (e instanceof HoconError) throw new HieraError(`Unable to parse (${file}): ${e.message}`, { file });
    throw e;
  }
}

function unclosedBracket(text: string, end: number, open: string): number | undefined {
  const close = open === '[' ? ']' : '}';
  const stack: number[] = [];
  for (let i = 0; i < end && i < text.length; i++) {
    if (text[i] === open) stack.push(i);
    else if (text[i] === close) stack.pop();
  }
  return stack.length > 0 ? stack[0] : undefined;
}
