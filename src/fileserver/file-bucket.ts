// The server-side file bucket (Puppet's file_bucket_file `file` terminus):
// contents stored by digest under bucketdir in Puppet's layout
// `<bucketdir>/<d0>/<d1>/…/<d7>/<digest>/{contents,paths}`, so existing
// buckets keep working. GET/HEAD/PUT over keys `<algo>/<digest>[/<path>]`.
import { createHash, randomBytes } from 'node:crypto';
import { open, mkdir, readFile, rename, stat, unlink, utimes, appendFile, chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { PuppetHttpError, serverError, notFound } from './errors.js';
import { digestFile, isDigestType } from './checksums.js';

export interface FileBucketSettings {
  /** Puppet[:bucketdir] (`$vardir/bucket`). */
  readonly bucketdir: string;
  /** Puppet[:digest_algorithm]: the only checksum type keys may use. Default sha256. */
  readonly digestAlgorithm?: string;
  /** Puppet[:diff] and Puppet[:diff_args] for `diff_with`; '' disables diffs. */
  readonly diff?: string;
  readonly diffArgs?: readonly string[];
  readonly log?: (level: 'info' | 'warning' | 'err', message: string) => void;
}

export interface BucketKey {
  readonly algorithm: string;
  readonly digest: string;
  /** The original file path the agent backed up (with its leading slash), if given. */
  readonly path: string | null;
}

const HEX_LENGTH: Record<string, number> = { md5: 32, sha1: 40, sha224: 56, sha256: 64, sha384: 96, sha512: 128 };

export class FileBucket {
  private readonly algorithm: string;
  /** Serialises writers of one digest within this process (Puppet uses an exclusive lock on `paths`). */
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(private readonly settings: FileBucketSettings) {
    this.algorithm = settings.digestAlgorithm ?? 'sha256';
  }

  /** request_to_checksum_and_path: `<algo>/<digest>[/<path>]`; `<algo>/<digest>/` means no path. */
  parseKey(key: string): BucketKey {
    const first = key.indexOf('/');
    const algorithm = first < 0 ? key : key.slice(0, first);
    const rest = first < 0 ? '' : key.slice(first + 1);
    const second = rest.indexOf('/');
    const digest = second < 0 ? rest : rest.slice(0, second);
    let path: string | null = second < 0 ? null : rest.slice(second + 1);
    if (path === '') path = null;
    if (algorithm !== this.algorithm) throw serverError(`Unsupported checksum type ${JSON.stringify(algorithm)}`);
    const length = HEX_LENGTH[algorithm];
    if (!length || !new RegExp(`^[0-9a-f]{${length}}$`).test(digest)) throw serverError(`Invalid checksum ${JSON.stringify(digest)}`);
    return { algorithm, digest, path };
  }

  /** `<bucketdir>/a/b/c/d/e/f/g/h/<digest>[/<file>]`. */
  pathFor(digest: string, file?: 'contents' | 'paths'): string {
    const base = join(this.settings.bucketdir, ...digest.slice(0, 8).split(''), digest);
    return file ? join(base, file) : base;
  }

  private async pathMatches(digest: string, path: string | null): Promise<boolean> {
    if (path === null) return true;
    let text: string;
    try {
      text = await readFile(this.pathFor(digest, 'paths'), 'utf8');
    } catch {
      return false;
    }
    return text.split('\n').some((line) => line === path);
  }

  private async exists(file: string): Promise<boolean> {
    try {
      await stat(file);
      return true;
    } catch {
      return false;
    }
  }

  /** HEAD: true when the contents exist (and were stored under that path, if one is given). */
  async head(key: string): Promise<boolean> {
    const k = this.parseKey(key);
    return (await this.exists(this.pathFor(k.digest, 'contents'))) && this.pathMatches(k.digest, k.path);
  }

  /**
   * GET: the stored contents (streamed), or with `diffWith` the `diff -u`
   * output against another stored digest. 404 `Could not find file_bucket_file <key>`.
   */
  async get(key: string, options: { diffWith?: string; listAll?: boolean } = {}): Promise<{ size: number; stream: NodeJS.ReadableStream } | { diff: string }> {
    if (options.listAll) throw serverError('Listing remote file buckets is not allowed');
    const k = this.parseKey(key);
    const contents = this.pathFor(k.digest, 'contents');
    if (!(await this.exists(contents)) || !(await this.pathMatches(k.digest, k.path))) throw notFound('file_bucket_file', key);
    if (options.diffWith !== undefined) {
      const other = this.pathFor(options.diffWith, 'contents');
      if (!/^[0-9a-f]+$/.test(options.diffWith) || !(await this.exists(other))) throw serverError(`could not find diff_with ${options.diffWith}`);
      const command = this.settings.diff ?? 'diff';
      if (command === '') throw serverError('Unable to diff on this platform');
      const diff = await new Promise<string>((resolve) => {
        execFile(command, [...(this.settings.diffArgs ?? ['-u']), contents, other], { maxBuffer: 64 * 1024 * 1024 }, (_err, stdout) => resolve(stdout));
      });
      return { diff };
    }
    this.settings.log?.('info', `FileBucket read ${k.digest}`);
    const handle = await open(contents, 'r');
    const st = await handle.stat();
    return { size: st.size, stream: handle.createReadStream({ start: 0 }) };
  }

  /**
   * PUT: stores the body (streamed to disk while hashing). The body's digest
   * must equal the key's (Puppet would silently store it under its real
   * digest; we refuse with 400 so a corrupted upload is visible). Records the
   * original path in `paths` once.
   */
  async put(key: string, body: Uint8Array | AsyncIterable<Uint8Array>): Promise<void> {
    const k = this.parseKey(key);
    if (!isDigestType(k.algorithm)) throw serverError(`Unsupported checksum type ${JSON.stringify(k.algorithm)}`);
    const dir = this.pathFor(k.digest);
    const created = await mkdir(dir, { recursive: true, mode: 0o770 });
    if (created !== undefined) {
      // Puppet creates these under umask 0007: make them 0770 whatever our umask is.
      const levels = [...k.digest.slice(0, 8).split(''), k.digest];
      for (let i = 1; i <= levels.length; i++) {
        const level = join(this.settings.bucketdir, ...levels.slice(0, i));
        if (level.length >= created.length) await chmod(level, 0o770);
      }
    }
    const tmp = join(dir, `.contents.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    const hash = createHash(k.algorithm);
    let size = 0;
    const handle = await open(tmp, 'wx', 0o440);
    try {
      const chunks: AsyncIterable<Uint8Array> | Uint8Array[] = body instanceof Uint8Array ? [body] : body;
      for await (const chunk of chunks) {
        hash.update(chunk);
        size += chunk.length;
        await handle.write(chunk);
      }
      await handle.sync();
    } catch (err) {
      await handle.close().catch(() => undefined);
      await unlink(tmp).catch(() => undefined);
      throw err;
    }
    await handle.close();
    const actual = hash.digest('hex');
    if (actual !== k.digest) {
      await unlink(tmp).catch(() => undefined);
      throw new PuppetHttpError(400, `The request body's ${k.algorithm} checksum ${actual} does not match the key's ${k.digest}`);
    }
    await this.withLock(k.digest, async () => {
      const contents = this.pathFor(k.digest, 'contents');
      if (await this.exists(contents)) {
        const existing = await stat(contents);
        if (existing.size === size && (await digestFile(k.algorithm, contents)) === actual) {
          this.settings.log?.('info', `FileBucket got a duplicate file {${k.algorithm}}${k.digest}`);
          const now = new Date();
          await utimes(contents, now, now);
          await unlink(tmp).catch(() => undefined);
        } else {
          this.settings.log?.('warning', `Existing backup does not match its expected sum, {${k.algorithm}}${k.digest}. Overwriting corrupted backup.`);
          await rename(tmp, contents);
        }
      } else {
        await rename(tmp, contents);
      }
      await chmod(contents, 0o440).catch(() => undefined);
      if (k.path !== null && !(await this.pathMatches(k.digest, k.path))) {
        await appendFile(this.pathFor(k.digest, 'paths'), `${k.path}\n`, { mode: 0o640 });
      } else if (!(await this.exists(this.pathFor(k.digest, 'paths')))) {
        await appendFile(this.pathFor(k.digest, 'paths'), '', { mode: 0o640 });
      }
    });
  }

  private async withLock<T>(digest: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(digest) ?? Promise.resolve();
    const run = previous.then(fn, fn);
    const settled = run.catch(() => undefined);
    this.locks.set(digest, settled);
    try {
      return await run;
    } finally {
      if (this.locks.get(digest) === settled) this.locks.delete(digest);
    }
  }
}
