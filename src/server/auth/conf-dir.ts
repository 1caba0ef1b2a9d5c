// Merges the HOCON files of a puppetserver conf.d directory into one settings tree, the way
// trapperkeeper's load-config does: each file parsed on its own, then deep-merged, and the same
// setting in two files is an error.

import { parseHocon, type HoconDocument, type HoconObject, type HoconOptions, type HoconPosition, type HoconValue } from './hocon.js';

export interface ConfFile {
  /** Shown in errors and positions, e.g. "conf.d/auth.conf". */
  readonly name: string;
  readonly text: string;
}

export class DuplicateSettingError extends Error {
  constructor(
    readonly path: readonly string[],
    readonly files: readonly [string, string],
  ) {
    super(`Duplicate configuration entry "${path.join('.')}" in ${files[0]} and ${files[1]}`);
    this.name = 'DuplicateSettingError';
  }
}

/** Parses and merges conf.d files (only the *.conf ones are HOCON; pass those). */
export function mergeConfFiles(files: readonly ConfFile[], options: HoconOptions = {}): HoconDocument {
  const docs = files.map((f) => parseHocon(f.text, f.name, options));
  const origin = new WeakMap<object, HoconPosition>();
  const owner = new Map<string, string>(); // setting path -> file that set it
  const root: HoconObject = {};
  for (const doc of docs) mergeInto(root, doc.root, [], doc, origin, owner);
  return {
    file: files.map((f) => f.name).join(', '),
    root,
    positionOf(node: object): HoconPosition | undefined {
      const known = origin.get(node);
      if (known) return known;
      for (const doc of docs) {
        const p = doc.positionOf(node);
        if (p) return p;
      }
      return undefined;
    },
  };
}

function mergeInto(
  target: HoconObject,
  source: HoconObject,
  path: string[],
  doc: HoconDocument,
  origin: WeakMap<object, HoconPosition>,
  owner: Map<string, string>,
): void {
  for (const key of Object.keys(source)) {
    const value = source[key]!;
    const here = [...path, key];
    const existing: HoconValue | undefined = Object.prototype.hasOwnProperty.call(target, key) ? target[key] : undefined;
    if (isObject(existing) && isObject(value)) {
      mergeInto(existing, value, here, doc, origin, owner);
      continue;
    }
    if (existing !== undefined) {
      throw new DuplicateSettingError(here, [owner.get(here.join('\u0000')) ?? '?', doc.file]);
    }
    let stored = value;
    if (isObject(value)) {
      // Copy so a later file's keys never land in this file's parsed tree.
      const copy: HoconObject = {};
      const pos = doc.positionOf(value);
      if (pos) origin.set(copy, pos);
      mergeInto(copy, value, here, doc, origin, owner);
      stored = copy;
    }
    Object.defineProperty(target, key, { value: stored, enumerable: true, writable: true, configurable: true });
    owner.set(here.join('\u0000'), doc.file);
  }
}

function isObject(v: unknown): v is HoconObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
