// Values as Ruby's Psych writes them with `to_yaml` (what `puppet lookup` prints).
import { PFloat, isArray, isHash, type Value } from '../lang/values.js';
import { rubyToS } from './explain.js';

/** The YAML document `puppet lookup` prints for a value (`--- value`). */
export function renderYaml(v: Value): string {
  if (isHash(v)) return v.size === 0 ? '--- {}\n' : `---\n${block(v, '')}`;
  if (isArray(v)) return v.length === 0 ? '--- []\n' : `---\n${block(v, '')}`;
  if (v === undefined) return '---\n';
  const s = scalar(v, '');
  return s.startsWith('|') ? `--- ${s}` : `--- ${s}\n`;
}

function block(v: Value, indent: string): string {
  let out = '';
  if (isArray(v)) {
    for (const x of v) {
      if ((isArray(x) && x.length > 0) || (isHash(x) && x.size > 0)) {
        const inner = block(x, `${indent}  `);
        out += `${indent}- ${inner.slice(indent.length + 2)}`;
      } else out += `${indent}-${valueAfterKey(x, indent)}`;
    }
    return out;
  }
  if (isHash(v)) {
    for (const [k, x] of v.entries()) {
      const key = scalar(k, indent);
      if (isHash(x) && x.size > 0) out += `${indent}${key}:\n${block(x, `${indent}  `)}`;
      else if (isArray(x) && x.length > 0) out += `${indent}${key}:\n${block(x, indent)}`;
      else out += `${indent}${key}:${valueAfterKey(x, indent)}`;
    }
  }
  return out;
}

function valueAfterKey(x: Value, indent: string): string {
  if (x === undefined) return '\n';
  if (isArray(x)) return ' []\n';
  if (isHash(x)) return ' {}\n';
  const s = scalar(x, indent);
  return s.startsWith('|') ? ` ${s}` : ` ${s}\n`;
}

const SPECIAL_PLAIN = /^(?:~|null|Null|NULL|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|=|<<)$/;
const NUMBER_LIKE = /^[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|0[0-7_]+|[0-9][0-9_]*(?::[0-5]?[0-9])*|(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[0-9][0-9_]*[eE][-+]?[0-9]+)$/;

function scalar(v: Value, indent: string): string {
  if (v instanceof PFloat || typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return rubyToS(v);
  const s = typeof v === 'string' ? v : rubyToS(v);
  if (s === '') return "''";
  if (s.includes('\n')) {
    if (/^[ \t]|[ \t]\n|[^\x20-\x7e\n]/.test(s)) return doubleQuoted(s);
    const chomp = s.endsWith('\n') ? (s.endsWith('\n\n') ? '+' : '') : '-';
    const body = (s.endsWith('\n') ? s.slice(0, -1) : s).split('\n').map((l) => (l === '' ? '' : `${indent}  ${l}`)).join('\n');
    return `|${chomp}\n${body}\n`;
  }
  if (/[\x00-\x1f\x7f]/.test(s)) return doubleQuoted(s);
  // Psych's choices: y/n and strings starting with a non-word character double-quoted,
  // strings that would read back as another type single-quoted
  if (s === 'y' || s === 'Y' || s === 'n' || s === 'N') return doubleQuoted(s);
  if (/^[^\p{L}\p{N}_][^"]*$/u.test(s)) return doubleQuoted(s);
  if (SPECIAL_PLAIN.test(s) || NUMBER_LIKE.test(s) || /^0[0-7]*[89]/.test(s) || needsQuotes(s)) return `'${s.replace(/'/g, "''")}'`;
  return s;
}

function needsQuotes(s: string): boolean {
  if (/^[\s]|[\s]$/.test(s)) return true;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(s) && !/^[-?:][^\s]/.test(s)) return true;
  if (/^[-?:]$/.test(s)) return true;
  if (s.includes(': ') || s.includes(' #') || s.endsWith(':')) return true;
  return false;
}

function doubleQuoted(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/[\x00-\x08\x0b-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)}"`;
}
