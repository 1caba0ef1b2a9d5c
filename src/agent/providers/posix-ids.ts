// User and group names <-> ids from /etc/passwd and /etc/group (Node has no
// getpwnam); the files' paths are parameters so tests can use their own.
import { readFileSync } from 'node:fs';

export interface IdDatabase {
  uid(nameOrId: unknown): number | undefined;
  gid(nameOrId: unknown): number | undefined;
  userName(uid: number): string;
  groupName(gid: number): string;
}

function table(path: string, idField: number): Map<string, number> {
  const out = new Map<string, number>();
  let text = '';
  try { text = readFileSync(path, 'utf8'); } catch { return out; }
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f.length > idField && f[0]) out.set(f[0], Number(f[idField]));
  }
  return out;
}

export function posixIds(passwd = '/etc/passwd', group = '/etc/group'): IdDatabase {
  const lookup = (path: string) => (v: unknown): number | undefined => {
    if (typeof v === 'number') return v;
    const s = String(v);
    if (/^\d+$/.test(s)) return Number(s);
    return table(path, 2).get(s);
  };
  const reverse = (path: string) => (id: number): string => {
    for (const [name, n] of table(path, 2)) if (n === id) return name;
    return String(id);
  };
  return { uid: lookup(passwd), gid: lookup(group), userName: reverse(passwd), groupName: reverse(group) };
}
