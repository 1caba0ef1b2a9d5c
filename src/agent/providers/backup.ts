// File backups to a filebucket: the local clientbucket in Puppet's layout
// ($bucketdir/a/b/c/d/e/f/g/h/<sha256>/{contents,paths}) or a remote
// file_bucket_file (HEAD, then PUT when the server lacks it).
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import type { AgentCatalog } from '../catalog/model.js';
import type { FileBucketService } from '../http/file-bucket-service.js';
import type { Backup } from './types.js';

export function bucketPath(bucketdir: string, digest: string): string {
  return join(bucketdir, ...digest.slice(0, 8).split(''), digest);
}

export async function storeLocal(bucketdir: string, path: string, content: Buffer): Promise<string> {
  const digest = createHash('sha256').update(content).digest('hex');
  const dir = bucketPath(bucketdir, digest);
  await fsp.mkdir(dir, { recursive: true, mode: 0o750 });
  const contents = join(dir, 'contents');
  try { await fsp.access(contents); } catch { await fsp.writeFile(contents, content, { mode: 0o440 }); }
  const pathsFile = join(dir, 'paths');
  let paths = '';
  try { paths = await fsp.readFile(pathsFile, 'utf8'); } catch { /* first backup of this content */ }
  if (!paths.split('\n').includes(path)) await fsp.appendFile(pathsFile, `${path}\n`);
  return digest;
}

/** Backups as the catalog's Filebucket resources say: `path => false` means the server's bucket. */
export function catalogBackup(o: { catalog: () => AgentCatalog | undefined; clientbucketdir: string; remote?: FileBucketService; environment: string }): Backup {
  return {
    async store(bucket, path, content) {
      const fb = o.catalog()?.byRef.get(`Filebucket[${bucket}]`);
      const p = fb?.parameters.path;
      if (fb && (p === false || p === 'false')) {
        if (!o.remote) throw new Error(`Cannot back up ${path} to filebucket ${bucket}: no server`);
        const digest = createHash('sha256').update(content).digest('hex');
        const key = `sha256/${digest}/${path.replace(/^\//, '/')}`;
        if (!(await o.remote.head(`sha256/${digest}/${path}`, { environment: o.environment }))) {
          await o.remote.put(key, content, { environment: o.environment });
        }
        return digest;
      }
      if (!fb && bucket !== 'puppet') throw new Error(`Could not find filebucket ${bucket} specified in backup`);
      return storeLocal(typeof p === 'string' && p !== '' ? p : o.clientbucketdir, path, content);
    },
  };
}
