// The server's cache of each node's last facts: `$server_datadir/facts/<node>.json`,
// the facts object as the agent sent it ({name, values, timestamp, expiration}).
// Saved on every catalog request and facts PUT; read by the plain node terminus.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';

export interface FactsDocument {
  name: string;
  values: Record<string, unknown>;
  timestamp?: string;
  expiration?: string;
}

/** Certnames as Puppet allows them; anything else never becomes a file name. */
const SAFE_NAME = /^[A-Za-z0-9._-]+$/;

export class FactsStore {
  /** Set once the directory is known to exist: a catalog request then costs no mkdir. */
  private dirMade = false;

  constructor(private readonly dir: string) {}

  private pathFor(node: string): string {
    if (!SAFE_NAME.test(node) || node === '.' || node === '..') {
      throw new Error(`Invalid node name "${node}" for the facts store`);
    }
    return join(this.dir, `${node}.json`);
  }

  async save(doc: FactsDocument): Promise<void> {
    const path = this.pathFor(doc.name);
    const text = JSON.stringify(doc);
    try {
      await writeFileAtomic(path, text, { mode: 0o640, mkdirp: !this.dirMade });
    } catch (err) {
      // the directory was removed under a running server: make it again, once
      if (!this.dirMade || (err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      this.dirMade = false;
      await writeFileAtomic(path, text, { mode: 0o640, mkdirp: true });
    }
    this.dirMade = true;
  }

  async find(node: string): Promise<FactsDocument | undefined> {
    try {
      return JSON.parse(await readFile(this.pathFor(node), 'utf8')) as FactsDocument;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }
}

/**
 * Reads a facts document from the wire: `{name, values, ...}`, or a bare hash
 * of facts (then named after `node`). Throws with a message for the client.
 */
export function parseFactsDocument(text: string, node: string): FactsDocument {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new Error(`Could not parse the facts as JSON: ${(err as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('The facts must be a JSON object');
  const obj = parsed as Record<string, unknown>;
  if (obj.values && typeof obj.values === 'object' && !Array.isArray(obj.values)) {
    return {
      name: typeof obj.name === 'string' ? obj.name : node,
      values: obj.values as Record<string, unknown>,
      ...(typeof obj.timestamp === 'string' ? { timestamp: obj.timestamp } : {}),
      ...(typeof obj.expiration === 'string' ? { expiration: obj.expiration } : {}),
    };
  }
  return { name: node, values: obj };
}
