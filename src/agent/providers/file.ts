// The file type's posix provider: ensure (file, directory, link, absent),
// content, source (puppet:/// through the file server, inlined static-catalog
// metadata, or local paths), recurse/purge/force, owner/group/mode, backups.
import { createHash } from 'node:crypto';
import { promises as fsp, type Stats } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import type { FileMetadata } from '../http/file-server-service.js';
import { desiredMode, formatMode } from './file-mode.js';
import { posixIds, type IdDatabase } from './posix-ids.js';
import type { Change, GeneratedResource, ProviderContext, ResourceProvider } from './types.js';

/** Private parameter carrying a child's metadata from its recursing parent. */
export const INLINE_METADATA = '__bunraku_metadata';

function sha256(data: Buffer): string {
  return `{sha256}${createHash('sha256').update(data).digest('hex')}`;
}

async function lstatOrNull(path: string): Promise<Stats | null> {
  try { return await fsp.lstat(path); } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

function typeOf(st: Stats | null): 'absent' | 'file' | 'directory' | 'link' {
  if (!st) return 'absent';
  if (st.isSymbolicLink()) return 'link';
  if (st.isDirectory()) return 'directory';
  return 'file';
}

async function readStream(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c as string));
  return Buffer.concat(chunks);
}

function truthy(v: unknown): boolean {
  return v === true || v === 'true' || v === 'yes';
}

function sources(v: unknown): string[] {
  if (v === undefined || v === null || v === '') return [];
  return (Array.isArray(v) ? v : [v]).map(String);
}

/** `puppet:///modules/x/y` or `puppet://host/modules/x/y` -> `/modules/x/y`. */
export function puppetUriPath(uri: string): string | undefined {
  const m = /^puppet:\/\/[^/]*(\/.*)$/.exec(uri);
  return m ? m[1] : undefined;
}

function localPath(uri: string): string | undefined {
  if (uri.startsWith('/')) return uri;
  if (uri.startsWith('file://')) return decodeURIComponent(new URL(uri).pathname);
  return undefined;
}

export class FileProvider implements ResourceProvider {
  readonly providerName = 'posix';
  readonly #ctx: ProviderContext;
  readonly #path: string;
  readonly #ids: IdDatabase;
  #metadata: FileMetadata | null | undefined;

  constructor(ctx: ProviderContext, ids: IdDatabase = posixIds()) {
    this.#ctx = ctx;
    this.#path = String(ctx.params.path ?? ctx.resource.title).replace(/(.)\/+$/, '$1');
    this.#ids = ids;
  }

  /** Metadata of the first source that exists; null when there is no source. */
  async #sourceMetadata(): Promise<FileMetadata | null> {
    if (this.#metadata !== undefined) return this.#metadata;
    const p = this.#ctx.params;
    const inline = p[INLINE_METADATA] as FileMetadata | undefined;
    if (inline) return (this.#metadata = inline);
    const list = sources(p.source);
    if (list.length === 0) return (this.#metadata = null);
    const staticMeta = this.#ctx.catalog.metadata[this.#ctx.resource.title] as FileMetadata | undefined;
    if (staticMeta) return (this.#metadata = staticMeta);
    for (const src of list) {
      const meta = await this.#fetchMetadata(src);
      if (meta) return (this.#metadata = { ...meta, source: src });
    }
    throw new Error(`Could not retrieve information from environment ${this.#ctx.environment} source(s) ${list.join(', ')}`);
  }

  async #fetchMetadata(src: string): Promise<FileMetadata | null> {
    const local = localPath(src);
    if (local !== undefined) {
      const st = await lstatOrNull(local);
      if (!st) return null;
      const type = typeOf(st);
      return {
        path: local, relative_path: null, links: 'manage', owner: st.uid, group: st.gid, mode: st.mode & 0o7777, type,
        destination: type === 'link' ? await fsp.readlink(local) : null,
        checksum: { type: 'sha256', value: type === 'file' ? sha256(await fsp.readFile(local)) : `{ctime}${st.ctime.toISOString()}` },
        source: src,
      };
    }
    const path = puppetUriPath(src);
    if (path === undefined) throw new Error(`Cannot use source "${src}": only puppet:, file: and absolute paths are supported`);
    if (!this.#ctx.fileServer) throw new Error(`Cannot use source "${src}" without a server`);
    try {
      return await this.#ctx.fileServer.getFileMetadata(path, { environment: this.#ctx.environment, links: this.#links() });
    } catch (err) {
      if ((err as { status?: number }).status === 404) return null;
      throw err;
    }
  }

  #links(): 'manage' | 'follow' {
    return this.#ctx.params.links === 'follow' ? 'follow' : 'manage';
  }

  async #sourceContent(meta: FileMetadata): Promise<Buffer> {
    const src = String(meta.source ?? sources(this.#ctx.params.source)[0]);
    const local = localPath(src);
    if (local !== undefined) return fsp.readFile(local);
    const fs = this.#ctx.fileServer;
    if (!fs) throw new Error(`Cannot fetch "${src}" without a server`);
    const codeId = this.#ctx.catalog.codeId;
    if (typeof meta.content_uri === 'string' && codeId) {
      const p = puppetUriPath(meta.content_uri);
      if (p) return readStream(await fs.getStaticFileContent(p, { environment: this.#ctx.environment, codeId }));
    }
    return readStream(await fs.getFileContent(puppetUriPath(src)!, { environment: this.#ctx.environment }));
  }

  /** The content wanted and its checksum, or undefined when content is not managed. */
  async #desiredContent(): Promise<{ checksum: string; load: () => Promise<Buffer> } | undefined> {
    const p = this.#ctx.params;
    if (p.content !== undefined && p.content !== null) {
      const data = Buffer.isBuffer(p.content) ? p.content : Buffer.from(String(p.content), 'utf8');
      return { checksum: sha256(data), load: async () => data };
    }
    const meta = await this.#sourceMetadata();
    if (meta && meta.type === 'file') {
      const checksum = meta.checksum.value.startsWith('{sha256}') ? meta.checksum.value : undefined;
      if (checksum) return { checksum, load: () => this.#sourceContent(meta) };
      const data = await this.#sourceContent(meta);
      return { checksum: sha256(data), load: async () => data };
    }
    return undefined;
  }

  async #wantedEnsure(): Promise<string | undefined> {
    const e = this.#ctx.params.ensure;
    if (e !== undefined && e !== null) {
      const s = String(e);
      if (s === 'present') {
        const st = await lstatOrNull(this.#path);
        return st ? typeOf(st) : 'file';
      }
      if (['file', 'directory', 'link', 'absent'].includes(s)) return s;
      return 'link'; // ensure => '/target' is a symlink to it
    }
    const meta = await this.#sourceMetadata();
    if (meta) return meta.type === 'directory' ? 'directory' : meta.type === 'link' ? 'link' : 'file';
    if (this.#ctx.params.content !== undefined) return 'file';
    return undefined;
  }

  async generate(): Promise<GeneratedResource[]> {
    const p = this.#ctx.params;
    const recurse = p.recurse === 'remote' ? 'remote' : truthy(p.recurse);
    if (!recurse || String(p.ensure) === 'absent') return [];
    const limit = p.recurselimit === undefined ? Infinity : Number(p.recurselimit);
    const children = new Map<string, GeneratedResource>();
    const inherited: Record<string, unknown> = {};
    for (const k of ['owner', 'group', 'mode', 'backup', 'replace', 'links', 'force', 'show_diff']) if (p[k] !== undefined) inherited[k] = p[k];
    const depth = (rel: string): number => rel.split('/').length;
    // Local tree first (recurse => true manages what is there).
    if (recurse === true && (await lstatOrNull(this.#path))?.isDirectory()) {
      for (const rel of await walk(this.#path, limit)) {
        children.set(rel, { type: 'File', title: join(this.#path, rel), parameters: { ...inherited } });
      }
    }
    const srcs = sources(p.source);
    if (srcs.length > 0) {
      const remote = new Map<string, FileMetadata>();
      const staticTree = this.#ctx.catalog.recursiveMetadata[this.#ctx.resource.title];
      for (const src of srcs) {
        let list = staticTree?.[src] as FileMetadata[] | undefined;
        if (!list) {
          const local = localPath(src);
          if (local !== undefined) list = await localMetadatas(local, src, limit);
          else {
            if (!this.#ctx.fileServer) throw new Error(`Cannot use source "${src}" without a server`);
            list = await this.#ctx.fileServer.getFileMetadatas(puppetUriPath(src)!, {
              environment: this.#ctx.environment, recurse: true, recurselimit: Number.isFinite(limit) ? limit : undefined,
              maxFiles: p.max_files === undefined ? 0 : Number(p.max_files),
              links: this.#links(), ignore: p.ignore === undefined ? undefined : sources(p.ignore),
            });
          }
        }
        for (const m of list) {
          const rel = m.relative_path ?? '.';
          if (rel === '.') { if (!this.#metadata) this.#metadata = { ...m, source: src }; continue; }
          if (depth(rel) > limit || remote.has(rel)) continue;
          remote.set(rel, { ...m, source: `${src}/${rel}` });
        }
        if (list.length > 0 && p.sourceselect !== 'all') break;
      }
      for (const [rel, m] of remote) {
        const params: Record<string, unknown> = { ...inherited, ensure: m.type === 'directory' ? 'directory' : m.type === 'link' ? 'link' : 'file', source: m.source, [INLINE_METADATA]: m };
        if (m.type === 'link' && m.destination) params.target = m.destination;
        children.set(rel, { type: 'File', title: join(this.#path, rel), parameters: params });
      }
      if (truthy(p.purge)) {
        for (const rel of [...children.keys()]) {
          if (!remote.has(rel)) children.set(rel, { type: 'File', title: join(this.#path, rel), parameters: { ensure: 'absent', force: true, backup: p.backup } });
        }
      } else {
        for (const rel of [...children.keys()]) if (!remote.has(rel)) children.delete(rel);
      }
    }
    return [...children.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
  }

  async checkApply(apply: boolean): Promise<Change[]> {
    const p = this.#ctx.params;
    const path = this.#path;
    if (!path.startsWith('/')) throw new Error(`File paths must be fully qualified, not '${path}'`);
    const st = await lstatOrNull(path);
    const current = typeOf(st);
    const wanted = await this.#wantedEnsure();
    const changes: Change[] = [];

    if (wanted === 'absent') {
      if (current === 'absent') return [];
      if (current === 'directory' && !truthy(p.force)) {
        this.#ctx.log.notice('Not removing directory; use \'force\' to override');
        return [];
      }
      if (apply) {
        if (current === 'file') await this.#backup(await fsp.readFile(path));
        await fsp.rm(path, { recursive: true, force: true });
      }
      return [{ property: 'ensure', previous: current, desired: 'absent', message: 'removed', name: 'file_removed' }];
    }
    if (current === 'absent' && wanted === undefined) return [];

    const content = wanted === 'file' ? await this.#desiredContent() : undefined;
    if (wanted !== undefined && current !== wanted && !(wanted === 'file' && current === 'link' && this.#links() === 'follow')) {
      if (current === 'directory' && !truthy(p.force)) {
        throw new Error(`Could not set '${wanted}' on ensure: Is a directory`);
      }
      if (apply && wanted === 'file' && current === 'absent' && !(await lstatOrNull(dirname(path)))?.isDirectory()) {
        throw new Error(`Could not set 'file' on ensure: No such file or directory - A directory component in ${path} does not exist or is a dangling symbolic link`);
      }
      if (apply) {
        if (current !== 'absent') await fsp.rm(path, { recursive: true, force: true });
        if (wanted === 'directory') await fsp.mkdir(path);
        else if (wanted === 'link') await fsp.symlink(this.#linkTarget(), path);
        else await fsp.writeFile(path, content ? await content.load() : Buffer.alloc(0), { mode: 0o644 });
        await this.#setOwnership(path, wanted, true);
      }
      const name = `${wanted}_created`;
      if (current === 'absent') {
        const message = wanted === 'file' && content ? `defined content as '${content.checksum}'` : 'created';
        changes.push({ property: 'ensure', previous: 'absent', desired: wanted, message, name });
      } else {
        changes.push({ property: 'ensure', previous: current, desired: wanted, message: `ensure changed '${current}' to '${wanted}'`, name: 'ensure_changed' });
      }
      return changes;
    }

    // The file exists as wanted: its properties.
    if (current === 'link' && wanted === 'link') {
      const target = this.#linkTarget();
      const have = await fsp.readlink(path);
      if (have !== target) {
        if (apply) { await fsp.rm(path); await fsp.symlink(target, path); }
        changes.push({ property: 'target', previous: have, desired: target, message: `target changed '${have}' to '${target}'`, name: 'target_changed' });
      }
      return changes;
    }
    if (content && current === 'file' && p.replace !== false && p.replace !== 'false') {
      const data = await fsp.readFile(path);
      const have = sha256(data);
      if (have !== content.checksum) {
        if (apply) {
          await this.#backup(data);
          const next = await content.load();
          await fsp.writeFile(path, next);
        }
        changes.push({ property: 'content', previous: have, desired: content.checksum, message: `content changed '${have}' to '${content.checksum}'`, name: 'content_changed' });
      }
    }
    changes.push(...await this.#ownership(path, current === 'directory', apply));
    return changes;
  }

  #linkTarget(): string {
    const p = this.#ctx.params;
    if (p.target !== undefined && p.target !== null) return String(p.target);
    const e = String(p.ensure);
    if (!['link', 'present'].includes(e)) return e;
    throw new Error('Cannot create a link without a target');
  }

  async #setOwnership(path: string, type: string, creating: boolean): Promise<void> {
    if (type === 'link') return;
    const p = this.#ctx.params;
    if (p.mode !== undefined) await fsp.chmod(path, desiredMode(p.mode, creating ? (type === 'directory' ? 0o755 : 0o644) : 0, type === 'directory'));
    const uid = p.owner !== undefined ? this.#ids.uid(p.owner) : undefined;
    const gid = p.group !== undefined ? this.#ids.gid(p.group) : undefined;
    if (uid !== undefined || gid !== undefined) await fsp.lchown(path, uid ?? -1, gid ?? -1);
  }

  async #ownership(path: string, isDirectory: boolean, apply: boolean): Promise<Change[]> {
    const p = this.#ctx.params;
    const st = await fsp.lstat(path);
    if (st.isSymbolicLink()) return [];
    const changes: Change[] = [];
    if (p.owner !== undefined) {
      const uid = this.#ids.uid(p.owner);
      if (uid === undefined) throw new Error(`Could not find user ${String(p.owner)}`);
      if (uid !== st.uid) {
        if (apply) await fsp.lchown(path, uid, -1);
        // The event keeps the ids; the messages show names (`owner changed 'root' to 'nobody'`).
        const is = this.#ids.userName(st.uid);
        const should = this.#ids.userName(uid);
        changes.push({ property: 'owner', previous: st.uid, desired: uid, message: `owner changed '${is}' to '${should}'`, noopMessage: `current_value '${is}', should be '${should}' (noop)`, name: 'owner_changed' });
      }
    }
    if (p.group !== undefined) {
      const gid = this.#ids.gid(p.group);
      if (gid === undefined) throw new Error(`Could not find group ${String(p.group)}`);
      if (gid !== st.gid) {
        if (apply) await fsp.lchown(path, -1, gid);
        const is = this.#ids.groupName(st.gid);
        const should = this.#ids.groupName(gid);
        changes.push({ property: 'group', previous: st.gid, desired: gid, message: `group changed '${is}' to '${should}'`, noopMessage: `current_value '${is}', should be '${should}' (noop)`, name: 'group_changed' });
      }
    }
    if (p.mode !== undefined) {
      const have = st.mode & 0o7777;
      const want = desiredMode(p.mode, have, isDirectory);
      if (have !== want) {
        if (apply) await fsp.chmod(path, want);
        // Puppet shows a symbolic mode after the octal result: `'0644' (u=rw,go=r)`.
        // The event's desired value is the mode as written (numeric ones as four digits).
        const numeric = /^[0-7]{1,4}$/.test(String(p.mode).trim());
        const symbolic = numeric ? '' : ` (${String(p.mode)})`;
        changes.push({ property: 'mode', previous: formatMode(have), desired: numeric ? formatMode(want) : String(p.mode), message: `mode changed '${formatMode(have)}' to '${formatMode(want)}'${symbolic}`, name: 'mode_changed' });
      }
    }
    return changes;
  }

  async #backup(data: Buffer): Promise<void> {
    const b = this.#ctx.params.backup;
    if (b === undefined || b === false || b === 'false') return;
    const bucket = b === true || b === 'true' ? '.puppet-bak' : String(b);
    if (bucket.startsWith('.')) {
      await fsp.writeFile(`${this.#path}${bucket}`, data);
      return;
    }
    const sum = await this.#ctx.backup.store(bucket, this.#path, data);
    this.#ctx.log.info(`Filebucketed ${this.#path} to ${bucket} with sum ${sum}`);
  }
}

/** Relative paths of a local tree, sorted, down to `limit` levels. */
async function walk(root: string, limit: number): Promise<string[]> {
  const out: string[] = [];
  const visit = async (rel: string, level: number): Promise<void> => {
    if (level > limit) return;
    const entries = await fsp.readdir(join(root, rel), { withFileTypes: true });
    for (const e of entries) {
      const r = rel === '' ? e.name : `${rel}/${e.name}`;
      out.push(r);
      if (e.isDirectory()) await visit(r, level + 1);
    }
  };
  await visit('', 1);
  return out.sort();
}

async function localMetadatas(root: string, src: string, limit: number): Promise<FileMetadata[]> {
  const st = await lstatOrNull(root);
  if (!st) return [];
  const rels = st.isDirectory() ? await walk(root, limit) : [];
  const out: FileMetadata[] = [];
  for (const rel of ['.', ...rels]) {
    const full = rel === '.' ? root : join(root, rel);
    const s = await fsp.lstat(full);
    const type = typeOf(s);
    out.push({
      path: root, relative_path: rel, links: 'manage', owner: s.uid, group: s.gid, mode: s.mode & 0o7777, type,
      destination: type === 'link' ? await fsp.readlink(full) : null,
      checksum: { type: 'sha256', value: type === 'file' ? sha256(await fsp.readFile(full)) : `{ctime}${s.ctime.toISOString()}` },
      source: rel === '.' ? src : `${src}/${rel}`,
    });
  }
  return out;
}
