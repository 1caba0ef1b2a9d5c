// The user type's useradd provider (shadow utilities), as Puppet 7's: the
// properties home, uid, gid, comment, shell, password and its ages, groups
// (membership minimum or inclusive) and expiry; managehome, system, allowdupe.
import { accessSync, constants, existsSync } from 'node:fs';
import { executionFailure } from './command.js';
import { gidOf, groupsOf, passwdEntry, shadowEntry, SYSTEM_ACCOUNT_FILES, type AccountFiles } from './nameservice.js';
import { propertyChange } from './property-format.js';
import { PropertyChangeError, type Change, type ProviderContext, type ResourceProvider } from './types.js';

const isTrue = (v: unknown): boolean => v === true || v === 'true' || v === 'yes';
const REDACTED = '[redacted]';

function toInt(v: unknown): unknown {
  return typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
}

function list(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v.flat(Infinity) : [v]).map(String);
}

function isoDay(days: number): string {
  return new Date(days * 86400000).toISOString().slice(0, 10);
}

/** Commands of the shadow utilities, by absolute path as Puppet finds them. */
const CMD = { add: '/usr/sbin/useradd', mod: '/usr/sbin/usermod', del: '/usr/sbin/userdel', chage: '/usr/bin/chage', chpasswd: '/usr/sbin/chpasswd' };

export class UserProvider implements ResourceProvider {
  readonly providerName = 'useradd';
  readonly #name: string;
  constructor(private readonly ctx: ProviderContext, private readonly files: AccountFiles = SYSTEM_ACCOUNT_FILES) {
    this.#name = String(ctx.params.name ?? ctx.resource.title);
  }

  async #exec(argv: string[], failure: (detail: string) => PropertyChangeError | Error, stdin?: string): Promise<void> {
    const r = await this.ctx.run(argv, stdin === undefined ? undefined : { stdin });
    if (r.exitCode !== 0) throw failure(executionFailure(argv, r));
  }

  /** Why the shell cannot be set (Puppet's check_valid_shell), or undefined. */
  #shellProblem(shell: string): string | undefined {
    if (!existsSync(shell)) return `Shell ${shell} must exist`;
    try { accessSync(shell, constants.X_OK); } catch { return `Shell ${shell} must be executable`; }
    return undefined;
  }

  /** The desired groups as Puppet's list property computes them: sorted, joined, current ones kept unless inclusive. */
  #desiredGroups(current: readonly string[]): string {
    const want = list(this.ctx.params.groups);
    const inclusive = String(this.ctx.params.membership ?? 'minimum') === 'inclusive';
    const members = inclusive ? want : [...new Set([...want, ...current])];
    return [...members].sort().join(',');
  }

  #addCommand(): string[] {
    const p = this.ctx.params;
    const argv = [CMD.add];
    // Properties in alphabetical order, as Puppet's add_properties sorts them.
    const flags: [string, string][] = [['comment', '-c'], ['expiry', '-e'], ['gid', '-g'], ['groups', '-G'], ['home', '-d'], ['shell', '-s'], ['uid', '-u']];
    if (p.gid === undefined && gidOf(this.files, this.#name) !== undefined) argv.push('-g', this.#name);
    for (const [prop, flag] of flags) {
      const v = p[prop];
      if (v === undefined || v === null || v === '') continue;
      if (prop === 'groups') { const g = this.#desiredGroups([]); if (g !== '') argv.push(flag, g); continue; }
      argv.push(flag, prop === 'expiry' && v === 'absent' ? '' : String(v));
    }
    if (isTrue(p.allowdupe)) argv.push('-o');
    argv.push(isTrue(p.managehome) ? '-m' : '-M');
    if (isTrue(p.system)) argv.push('-r');
    argv.push(this.#name);
    return argv;
  }

  #ageCommand(): string[] | undefined {
    const p = this.ctx.params;
    const ages: [string, string][] = [['password_min_age', '-m'], ['password_max_age', '-M'], ['password_warn_days', '-W']];
    const args = ages.filter(([prop]) => p[prop] !== undefined).flatMap(([prop, flag]) => [flag, String(p[prop])]);
    return args.length === 0 ? undefined : [CMD.chage, ...args, this.#name];
  }

  async #setPassword(hash: string, failure: (detail: string) => Error): Promise<void> {
    const argv = [CMD.chpasswd, '-e'];
    const r = await this.ctx.run(argv, { stdin: `${this.#name}:${hash}\n` });
    if (r.exitCode !== 0 || r.output.trim() !== '') throw failure(`chpasswd said ${r.output.trim() || `exit ${r.exitCode}`}`);
  }

  async checkApply(apply: boolean): Promise<Change[]> {
    const p = this.ctx.params;
    const name = this.#name;
    const ensure = p.ensure === undefined ? undefined : String(p.ensure);
    const current = passwdEntry(this.files, name);
    if (ensure === 'absent') {
      if (!current) return [];
      if (apply) {
        const argv = [CMD.del, ...(isTrue(p.managehome) ? ['-r'] : []), name];
        await this.#exec(argv, (d) => new PropertyChangeError('ensure', 'present', 'absent', `Could not delete user ${name}: ${d}`, 'user_removed'));
      }
      return [{ property: 'ensure', previous: 'present', desired: 'absent', message: 'removed', name: 'user_removed' }];
    }
    if (!current) {
      if (ensure === undefined) {
        this.ctx.log.debug("Nothing to manage: no ensure and the resource doesn't exist");
        return [];
      }
      if (apply) {
        const fail = (d: string) => new PropertyChangeError('ensure', 'absent', 'present', `Could not create user ${name}: ${d}`, 'user_created');
        const shellProblem = p.shell === undefined ? undefined : this.#shellProblem(String(p.shell));
        if (shellProblem) throw new PropertyChangeError('ensure', 'absent', 'present', shellProblem, 'user_created');
        await this.#exec(this.#addCommand(), fail);
        const ages = this.#ageCommand();
        if (ages) await this.#exec(ages, fail);
        if (p.password !== undefined) await this.#setPassword(String(p.password), (d) => fail(d));
      }
      return [{ property: 'ensure', previous: 'absent', desired: 'present', message: 'created', name: 'user_created' }];
    }
    return this.#syncProperties(apply, current);
  }

  async #syncProperties(apply: boolean, current: NonNullable<ReturnType<typeof passwdEntry>>): Promise<Change[]> {
    const p = this.ctx.params;
    const name = this.#name;
    const changes: Change[] = [];
    const shadow = shadowEntry(this.files, name);
    const setFailure = (prop: string, is: unknown, should: unknown) => (d: string) =>
      new PropertyChangeError(prop, is, should, `Could not set ${prop} on user[${name}]: ${d}`);
    const modify = async (prop: string, flag: string, value: string, is: unknown, should: unknown): Promise<void> => {
      if (!apply) return;
      const dup = prop === 'uid' && isTrue(p.allowdupe) ? ['-o'] : [];
      await this.#exec([CMD.mod, flag, value, ...dup, name], setFailure(prop, is, should));
    };
    // Puppet's user type property order.
    if (p.home !== undefined && String(p.home) !== current.home) {
      await modify('home', '-d', String(p.home), current.home, String(p.home));
      changes.push(propertyChange('home', current.home, String(p.home)));
    }
    if (p.uid !== undefined && toInt(p.uid) !== current.uid) {
      await modify('uid', '-u', String(p.uid), current.uid, toInt(p.uid));
      changes.push(propertyChange('uid', current.uid, toInt(p.uid)));
    }
    if (p.gid !== undefined) {
      const want = toInt(p.gid);
      const gid = gidOf(this.files, want);
      if (gid !== current.gid) {
        if (apply) {
          if (gid === undefined) throw new PropertyChangeError('gid', current.gid, want, `Could not find group(s) ${String(want)}`);
          await modify('gid', '-g', String(gid), current.gid, want);
        }
        changes.push(propertyChange('gid', current.gid, want));
      }
    }
    if (p.comment !== undefined && String(p.comment) !== current.comment) {
      await modify('comment', '-c', String(p.comment), current.comment, String(p.comment));
      changes.push(propertyChange('comment', current.comment, String(p.comment)));
    }
    if (p.shell !== undefined && String(p.shell) !== current.shell) {
      const problem = apply ? this.#shellProblem(String(p.shell)) : undefined;
      if (problem) throw new PropertyChangeError('shell', current.shell, String(p.shell), problem);
      await modify('shell', '-s', String(p.shell), current.shell, String(p.shell));
      changes.push(propertyChange('shell', current.shell, String(p.shell)));
    }
    if (p.password !== undefined && shadow && String(p.password) !== shadow.password) {
      // The password property is always sensitive in Puppet's user type.
      if (apply) await this.#setPassword(String(p.password), setFailure('password', REDACTED, REDACTED));
      changes.push({ ...propertyChange('password', REDACTED, REDACTED), message: 'changed [redacted] to [redacted]', noopMessage: 'current_value [redacted], should be [redacted] (noop)', redacted: true });
    }
    const ages: [string, string, number | undefined][] = [
      ['password_min_age', '-m', shadow?.minAge], ['password_max_age', '-M', shadow?.maxAge], ['password_warn_days', '-W', shadow?.warnDays],
    ];
    for (const [prop, flag, have] of ages) {
      if (p[prop] === undefined || shadow === undefined) continue;
      const want = Number(p[prop]);
      if (have === want) continue;
      if (apply) await this.#exec([CMD.chage, flag, String(want), name], setFailure(prop, have ?? 'absent', want));
      changes.push(propertyChange(prop, have ?? 'absent', want));
    }
    if (p.groups !== undefined) {
      const have = groupsOf(this.files, name, current.gid);
      const want = this.#desiredGroups(have);
      if ([...have].sort().join(',') !== want) {
        await modify('groups', '-G', want, have, want);
        const wantList = want === '' ? [] : want.split(',');
        changes.push(propertyChange('groups', have, want, { is: have.join(','), should: `[${wantList.map((g) => `'${g}'`).join(', ')}]`, noopShould: `'${want}'` }));
      }
    }
    if (p.expiry !== undefined && shadow) {
      const have = shadow.expiry === undefined || shadow.expiry < 0 ? 'absent' : isoDay(shadow.expiry);
      const want = String(p.expiry);
      if (have !== want) {
        await modify('expiry', '-e', want === 'absent' ? '' : want, have, want);
        changes.push(propertyChange('expiry', have, want));
      }
    }
    return changes;
  }
}
