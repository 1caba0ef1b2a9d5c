// The server's embedded store of exported resources, in place of PuppetDB:
// one file per node, `<dir>/<certname>.json` (dir is `$server_datadir/exports`),
// holding the exported resources of the node's last compiled catalog. A
// compile replaces the node's file wholesale, as PuppetDB replaces a node's
// catalog; deactivating a node (`bunraku ca clean`) removes it.
//
// Searches are synchronous (the compiler is) and read through an in-memory
// copy that is checked against the directory (names, sizes, mtimes) once per
// snapshot, so files written or removed by another process (the CLI) count.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';
import { matchesExportQuery, type ExportQuery } from './query.js';
import type { CollectedResource, ExportedResource } from './resource.js';

/** What a compile searches: the exported resources of other nodes. */
export interface ExportedResourceSource {
  /**
   * Exported resources of `type` (capitalized, `Concat::Fragment`) matching
   * `query`, from every node but `excludeNode`, across environments (puppetdb's
   * resource terminus filters on type, exported and certname only). Ordered by
   * certname, then by each node's catalog order.
   */
  search(type: string, options: { readonly excludeNode: string; readonly query?: ExportQuery }): CollectedResource[];
}

/** The file of one node. */
export interface NodeExports {
  readonly certname: string;
  readonly environment: string;
  /** When the catalog holding these resources was compiled (ISO 8601). */
  readonly producer_timestamp: string;
  readonly resources: readonly ExportedResource[];
}

interface CachedNode {
  readonly data: NodeExports;
  /** `size:mtimeMs` of the file it was read from; undefined while our own write is in flight. */
  stamp: string | undefined;
}

export interface ExportStoreOptions {
  /** The clock for producer_timestamp. */
  readonly now?: () => Date;
}

export class ExportStore {
  private readonly nodes = new Map<string, CachedNode>();
  private readonly now: () => Date;

  constructor(readonly dir: string, options: ExportStoreOptions = {}) {
    this.now = options.now ?? (() => new Date());
  }

  /** The file name of a node: the certname, percent-encoded so it never holds a path separator. */
  private pathFor(certname: string): string {
    if (certname === '') throw new Error('Cannot store exported resources for an empty certname');
    return join(this.dir, `${encodeURIComponent(certname)}.json`);
  }

  /**
   * Replaces the node's exported resources with those of its new catalog. A
   * node that exports nothing and has no file gets none (no write per compile).
   */
  async replace(certname: string, environment: string, resources: readonly ExportedResource[]): Promise<void> {
    const path = this.pathFor(certname);
    if (resources.length === 0 && !this.nodes.has(certname) && !fileStamp(path)) return;
    const data: NodeExports = { certname, environment, producer_timestamp: this.now().toISOString(), resources };
    const entry: CachedNode = { data, stamp: undefined };
    this.nodes.set(certname, entry);
    await writeFileAtomic(path, `${JSON.stringify(data)}\n`, { mode: 0o640, mkdirp: true });
    // A later replace of the same node may have superseded this entry meanwhile.
    if (this.nodes.get(certname) === entry) entry.stamp = fileStamp(path);
  }

  /** Removes a node's exported resources (node deactivated or cleaned); true when it had any. */
  async deactivate(certname: string): Promise<boolean> {
    const path = this.pathFor(certname);
    this.nodes.delete(certname);
    try {
      await unlink(path);
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw new Error(`Cannot remove the exported resources of "${certname}": ${(err as Error).message}`);
    }
  }

  /** The node's stored exports, as last replaced (reads the disk). */
  find(certname: string): NodeExports | undefined {
    this.refresh();
    return this.nodes.get(certname)?.data;
  }

  /**
   * A consistent view for one compile: the directory is checked once, on the
   * first search, and every search of the compile sees the same nodes.
   */
  snapshot(): ExportedResourceSource {
    let view: NodeExports[] | undefined;
    return {
      search: (type, options) => {
        if (!view) {
          this.refresh();
          view = [...this.nodes.values()].map((n) => n.data).sort((a, b) => (a.certname < b.certname ? -1 : a.certname > b.certname ? 1 : 0));
        }
        return searchNodes(view, type, options);
      },
    };
  }

  /** Brings the in-memory copy in line with the directory. */
  private refresh(): void {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`Cannot read the exported resources in "${this.dir}": ${(err as Error).message}`);
      names = [];
    }
    const seen = new Set<string>();
    for (const name of names) {
      if (!name.endsWith('.json')) continue; // atomic-write's temp files end in .tmp
      let certname: string;
      try {
        certname = decodeURIComponent(name.slice(0, -'.json'.length));
      } catch {
        continue;
      }
      seen.add(certname);
      const cached = this.nodes.get(certname);
      if (cached && cached.stamp === undefined) continue;
      const path = join(this.dir, name);
      const stamp = fileStamp(path);
      if (stamp === undefined || cached?.stamp === stamp) continue;
      const data = readNodeFile(path, certname);
      if (data) this.nodes.set(certname, { data, stamp });
    }
    for (const [certname, entry] of this.nodes) {
      if (!seen.has(certname) && entry.stamp !== undefined) this.nodes.delete(certname);
    }
  }
}

function searchNodes(nodes: readonly NodeExports[], type: string, options: { readonly excludeNode: string; readonly query?: ExportQuery }): CollectedResource[] {
  const out: CollectedResource[] = [];
  for (const n of nodes) {
    if (n.certname === options.excludeNode) continue;
    for (const r of n.resources) {
      if (r.type === type && matchesExportQuery(options.query, r)) out.push({ ...r, certname: n.certname });
    }
  }
  return out;
}

/** An in-memory source over given nodes' exports (tests, `bunraku catalog compile` without a store). */
export function memoryExportSource(nodes: readonly NodeExports[]): ExportedResourceSource {
  const sorted = [...nodes].sort((a, b) => (a.certname < b.certname ? -1 : a.certname > b.certname ? 1 : 0));
  return { search: (type, options) => searchNodes(sorted, type, options) };
}

function fileStamp(path: string): string | undefined {
  try {
    const s = statSync(path);
    return s.isFile() ? `${s.size}:${s.mtimeMs}` : undefined;
  } catch {
    return undefined;
  }
}

/** Reads one node's file; a file that cannot be parsed is skipped (it is never half-written: writes are atomic). */
function readNodeFile(path: string, certname: string): NodeExports | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
  const o = parsed as Partial<NodeExports> | null;
  if (!o || typeof o !== 'object' || !Array.isArray(o.resources)) return undefined;
  return {
    certname,
    environment: typeof o.environment === 'string' ? o.environment : '',
    producer_timestamp: typeof o.producer_timestamp === 'string' ? o.producer_timestamp : '',
    resources: o.resources.filter((r): r is ExportedResource => !!r && typeof r.type === 'string' && typeof r.title === 'string')
      .map((r) => ({ ...r, tags: Array.isArray(r.tags) ? r.tags : [], parameters: r.parameters && typeof r.parameters === 'object' ? r.parameters : {} })),
  };
}
