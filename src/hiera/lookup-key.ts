// A lookup key split as Puppet splits it: root key, module name, and the
// dotted sub-keys ('a.b.0' digs into hashes and arrays; quotes keep dots).
import { HieraError } from './errors.js';

export type Segment = string | number;

/** Splits a dotted key; `onError` words the failure (Puppet: "Syntax error in key: 'x'"). */
export function splitKey(key: string, onError: (problem: string) => HieraError): Segment[] {
  if (!/['".]/.test(key)) return [key];
  const re = /(\s*"[^"]+"\s*|\s*'[^']+'\s*|[^'".]+)/g;
  // Ruby's String#split with a capture group: the text between matches and the matches alternate.
  const parts: string[] = [];
  let last = 0;
  for (let m = re.exec(key); m; m = re.exec(key)) {
    parts.push(key.slice(last, m.index), m[1]);
    last = m.index + m[0].length;
  }
  if (last < key.length) parts.push(key.slice(last));
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  if (parts.length === 0 || parts.shift() !== '') throw onError('Syntax error');
  const count = parts.length;
  if (count === 0) throw onError('Syntax error');
  const segs = parts.filter((s) => s !== '.');
  if (segs.length * 2 !== count + 1) throw onError('Syntax error');
  return segs.map((seg) => {
    const s = seg.trim();
    if (s.startsWith('"') || s.startsWith("'")) return s.slice(1, -1);
    if (/^(:?[+-]?[0-9]+)$/.test(s)) return parseInt(s.replace(/^:/, ''), 10);
    return s;
  });
}

export class LookupKey {
  readonly rootKey: string;
  readonly moduleName: string | undefined;
  readonly segments: readonly Segment[] | undefined;

  constructor(readonly key: string) {
    const segs = splitKey(key, (problem) => new HieraError(`${problem} in key: '${key}'`));
    this.rootKey = String(segs.shift());
    const q = this.rootKey.indexOf('::');
    this.moduleName = q > 0 ? this.rootKey.slice(0, q) : undefined;
    this.segments = segs.length > 0 ? segs : undefined;
  }

  toString(): string {
    return this.key;
  }
}
