// Code ids for static catalogs and the static_file_content endpoint.
// A code id is a digest over an environment directory's file paths and
// contents, cheap to recompute (file digests are cached by inode, size and
// mtime). Content for an older code id is served from content-addressed
// snapshots (when a snapshot dir is configured) or from the current file if
// it still has the content that code id recorded; otherwise it is refused.
import { createHash } from 'node:crypto';
import { stat, mkdir, copyFile, rename, readFile, unlink } from 'node:fs/promises';
import { readdirSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { digestFile } from './checksums.js';
import { PuppetHttpError } from './errors.js';
import { openContent, type FileContent } from './file-server.js';
import { writeFileAtomic } from '../util/atomic-write.js';

/** Directories that are version control metadata, not code. */
const SKIP_DIRS = new Set(['.git', '.svn', '.hg']);

/** puppetserver's static_file_content path rule: `<x>/<module>/(files|tasks|scripts|lib)/<rest>`. */
export const STATIC_PATH = /^[^/]+\/[^/]+\/(files|tasks|scripts|lib)\/.+$/s;

/**
 * Where the server keeps static content snapshots: `$vardir/static_file_content`.
 * The catalog compiler (which computes code ids) and the static_file_content
 * route must use the same directory, so a code id put in a catalog stays
 * servable by any CodeIds instance.
 */
export function staticContentDir(vardir: string): string {
  return join(vardir, 'static_file_content');
}

export interface CodeIdSettings {
  /** Keep content-addressed copies of servable files here, so old code ids stay servable. */
  readonly snapshotDir?: string;
  /** How many code id manifests to keep in memory per environment. Default 8. */
  readonly manifestsInMemory?: number;
}

interface CachedDigest {
  readonly stamp: string;
  readonly sha256: string;
}

/** What identifies a file's content without reading it: device, inode, size, mtime, ctime. */
function stampOf(st: Stats): string {
  return `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
}

/** relative path -> sha256 of every file of an environment dir at one code id. */
export type CodeManifest = ReadonlyMap<string, string>;

export class CodeIds {
  private readonly digests = new Map<string, CachedDigest>();
  private readonly manifests = new Map<string, Map<string, CodeManifest>>();

  constructor(private readonly settings: CodeIdSettings = {}) {}

  private async sha256Of(path: string, st: Stats): Promise<string> {
    const cached = this.cachedSha256(path, st);
    if (cached !== undefined) return cached;
    const sha256 = await digestFile('sha256', path);
    this.digests.set(path, { stamp: stampOf(st), sha256 });
    return sha256;
  }

  private cachedSha256(path: string, st: Stats): string | undefined {
    const cached = this.digests.get(path);
    return cached && cached.stamp === stampOf(st) ? cached.sha256 : undefined;
  }

  /**
   * All files under `dir` (following symlinks, skipping VCS dirs) with their sha256.
   * The walk runs on every compile, so it uses the synchronous calls: a
   * stat of a cached inode is microseconds, while each asynchronous call
   * would wait for a thread-pool round trip (milliseconds on a busy machine).
   * Only files whose stat changed are read again, asynchronously.
   */
  async manifest(dir: string): Promise<Map<string, string>> {
    const found: { rel: string; abs: string; st: Stats }[] = [];
    const seen = new Set<string>();
    const walk = (abs: string, rel: string, st: Stats): void => {
      const key = `${st.dev}:${st.ino}`;
      if (seen.has(key)) return;
      seen.add(key);
      const names = readdirSync(abs).sort();
      for (const name of names) {
        if (SKIP_DIRS.has(name)) continue;
        const childAbs = join(abs, name);
        const childRel = rel ? `${rel}/${name}` : name;
        const cst = statSync(childAbs, { throwIfNoEntry: false }); // undefined: dangling link
        if (cst?.isDirectory()) walk(childAbs, childRel, cst);
        else if (cst?.isFile()) found.push({ rel: childRel, abs: childAbs, st: cst });
      }
    };
    walk(dir, '', statSync(dir));
    const files = new Map<string, string>();
    for (const f of found) files.set(f.rel, this.cachedSha256(f.abs, f.st) ?? (await this.sha256Of(f.abs, f.st)));
    return files;
  }

  /**
   * The current code id of an environment directory: 40 hex digits of a
   * sha256 over the sorted `path\0sha256\n` lines. Records the manifest (and
   * snapshots servable files when a snapshot dir is set).
   */
  async codeId(envName: string, envDir: string): Promise<string> {
    const files = await this.manifest(envDir);
    const hash = createHash('sha256');
    for (const [rel, sum] of files) hash.update(`${rel}\0${sum}\n`);
    const id = hash.digest('hex').slice(0, 40);
    let perEnv = this.manifests.get(envName);
    if (!perEnv) this.manifests.set(envName, (perEnv = new Map()));
    if (!perEnv.has(id)) {
      perEnv.set(id, files);
      const limit = this.settings.manifestsInMemory ?? 8;
      while (perEnv.size > limit) perEnv.delete(perEnv.keys().next().value!);
      if (this.settings.snapshotDir) await this.snapshot(envName, envDir, id, files);
    } else {
      // Most recently used last.
      perEnv.delete(id);
      perEnv.set(id, files);
    }
    return id;
  }

  private blobPath(sha256: string): string {
    return join(this.settings.snapshotDir!, 'blobs', sha256.slice(0, 2), sha256);
  }

  private manifestPath(envName: string, id: string): string {
    return join(this.settings.snapshotDir!, 'manifests', envName, `${id}.json`);
  }

  private async snapshot(envName: string, envDir: string, id: string, files: Map<string, string>): Promise<void> {
    const servable: Record<string, string> = {};
    for (const [rel, sum] of files) {
      if (!STATIC_PATH.test(rel)) continue;
      servable[rel] = sum;
      const blob = this.blobPath(sum);
      try {
        await stat(blob);
        continue;
      } catch {
        /* not there yet */
      }
      await mkdir(join(blob, '..'), { recursive: true });
      const tmp = `${blob}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
      await copyFile(join(envDir, rel), tmp);
      // The file may have changed since it was hashed: keep the blob only if it matches.
      if ((await digestFile('sha256', tmp)) === sum) await rename(tmp, blob);
      else await unlink(tmp);
    }
    await writeFileAtomic(this.manifestPath(envName, id), JSON.stringify(servable), { mkdirp: true, mode: 0o640 });
  }

  private async recordedSum(envName: string, id: string, path: string): Promise<string | undefined> {
    const inMemory = this.manifests.get(envName)?.get(id);
    if (inMemory) return inMemory.get(path);
    if (!this.settings.snapshotDir) return undefined;
    try {
      const saved = JSON.parse(await readFile(this.manifestPath(envName, id), 'utf8')) as Record<string, string>;
      return Object.prototype.hasOwnProperty.call(saved, path) ? saved[path] : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * GET static_file_content/<path>?environment=&code_id=: validation and
   * errors as puppetserver (text/plain bodies), then the content that `path`
   * had at `codeId`.
   */
  async staticFileContent(environment: string | undefined, codeId: string | undefined, path: string | undefined, envDir: string | undefined): Promise<FileContent> {
    const text = (status: number, message: string) => new PuppetHttpError(status, message, 'RUNTIME_ERROR', 'text');
    if (!environment || !codeId || !path) throw text(400, 'Error: A /static_file_content request requires an environment, a code-id, and a file-path');
    if (!/^\w+$/.test(environment)) throw text(400, `The environment must be purely alphanumeric, not '${environment}'`);
    if (/[^_\-:;a-zA-Z0-9]/.test(codeId)) throw text(400, `Invalid code-id '${codeId}'. Must contain only alpha-numerics and '-', '_', ';', or ':'`);
    if (!STATIC_PATH.test(path)) {
      throw text(403, 'Request Denied: A /static_file_content request must be a file within the files, lib, scripts, or tasks directory of a module.');
    }
    if (path.split('/').some((seg) => seg === '..' || seg === '.' || seg === '')) throw text(403, `Request Denied: Invalid path '${path}'`);
    const unavailable = () => text(500, `Cannot serve '${path}' of environment '${environment}' at code id '${codeId}': no such file at that code id`);
    if (envDir === undefined) throw unavailable();
    let sum = await this.recordedSum(environment, codeId, path);
    if (sum === undefined) {
      // Unknown code id in this process: accept it if it is the current one.
      if ((await this.codeId(environment, envDir)) !== codeId) throw unavailable();
      sum = await this.recordedSum(environment, codeId, path);
      if (sum === undefined) throw unavailable();
    }
    const file = join(envDir, path);
    // The path is in the code id's manifest (found by walking the environment dir, `..` refused
    // above), so it belongs to the environment; serve the current file if it still has that content.
    try {
      const st = await stat(file);
      if (st.isFile() && (await this.sha256Of(file, st)) === sum) return await openContent(file);
    } catch {
      /* gone or unreadable: try the snapshot */
    }
    if (this.settings.snapshotDir) {
      try {
        const blob = this.blobPath(sum);
        await stat(blob);
        return await openContent(blob);
      } catch {
        /* no snapshot */
      }
    }
    throw unavailable();
  }
}
