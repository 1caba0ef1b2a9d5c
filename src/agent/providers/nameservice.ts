// The local account databases as the user and group providers read them:
// /etc/passwd, /etc/shadow and /etc/group (paths are parameters for tests),
// and a user's supplementary groups in getgrouplist(3) order as Puppet lists them.
import { readFileSync } from 'node:fs';

export interface AccountFiles {
  readonly passwd: string;
  readonly shadow: string;
  readonly group: string;
}

export const SYSTEM_ACCOUNT_FILES: AccountFiles = { passwd: '/etc/passwd', shadow: '/etc/shadow', group: '/etc/group' };

function rows(path: string): string[][] {
  let text = '';
  try { text = readFileSync(path, 'utf8'); } catch { return []; }
  return text.split('\n').filter((l) => l !== '' && !l.startsWith('#')).map((l) => l.split(':'));
}

export interface PasswdEntry {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
  readonly comment: string;
  readonly home: string;
  readonly shell: string;
}

export interface ShadowEntry {
  readonly password: string;
  readonly minAge?: number;
  readonly maxAge?: number;
  readonly warnDays?: number;
  /** Days since 1970-01-01, or undefined when the account never expires. */
  readonly expiry?: number;
}

export interface GroupEntry {
  readonly name: string;
  readonly gid: number;
  readonly members: readonly string[];
}

const optionalNumber = (s: string | undefined): number | undefined => (s === undefined || s === '' ? undefined : Number(s));

export function passwdEntry(files: AccountFiles, name: string): PasswdEntry | undefined {
  const f = rows(files.passwd).find((r) => r[0] === name);
  if (!f) return undefined;
  return { name, uid: Number(f[2]), gid: Number(f[3]), comment: f[4] ?? '', home: f[5] ?? '', shell: f[6] ?? '' };
}

export function shadowEntry(files: AccountFiles, name: string): ShadowEntry | undefined {
  const f = rows(files.shadow).find((r) => r[0] === name);
  if (!f) return undefined;
  return { password: f[1] ?? '', minAge: optionalNumber(f[3]), maxAge: optionalNumber(f[4]), warnDays: optionalNumber(f[5]), expiry: optionalNumber(f[7]) };
}

export function groupEntries(files: AccountFiles): GroupEntry[] {
  return rows(files.group).map((f) => ({ name: f[0]!, gid: Number(f[2]), members: (f[3] ?? '').split(',').filter((m) => m !== '') }));
}

export function groupEntry(files: AccountFiles, name: string): GroupEntry | undefined {
  return groupEntries(files).find((g) => g.name === name);
}

/** A group's id from its name or number (Puppet::Util.gid); undefined when unknown. */
export function gidOf(files: AccountFiles, nameOrId: unknown): number | undefined {
  if (typeof nameOrId === 'number') return nameOrId;
  const s = String(nameOrId);
  if (/^\d+$/.test(s)) return Number(s);
  return groupEntry(files, s)?.gid;
}

/**
 * The groups a user is an explicit member of, in getgrouplist order: the
 * primary group first (only when the user is also listed in it), then the
 * others in the order of the group file.
 */
export function groupsOf(files: AccountFiles, user: string, primaryGid: number): string[] {
  const all = groupEntries(files);
  const ordered = [...all.filter((g) => g.gid === primaryGid).slice(0, 1), ...all.filter((g) => g.gid !== primaryGid)];
  const out: string[] = [];
  for (const g of ordered) if (g.members.includes(user) && !out.includes(g.name)) out.push(g.name);
  return out;
}
