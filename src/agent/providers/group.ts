// The group type's groupadd provider (shadow utilities), as Puppet 7's:
// ensure and gid; allowdupe and system when creating.
import { executionFailure } from './command.js';
import { groupEntry, SYSTEM_ACCOUNT_FILES, type AccountFiles } from './nameservice.js';
import { propertyChange } from './property-format.js';
import { PropertyChangeError, type Change, type ProviderContext, type ResourceProvider } from './types.js';

const isTrue = (v: unknown): boolean => v === true || v === 'true' || v === 'yes';
const CMD = { add: '/usr/sbin/groupadd', mod: '/usr/sbin/groupmod', del: '/usr/sbin/groupdel' };

export class GroupProvider implements ResourceProvider {
  readonly providerName = 'groupadd';
  readonly #name: string;
  constructor(private readonly ctx: ProviderContext, private readonly files: AccountFiles = SYSTEM_ACCOUNT_FILES) {
    this.#name = String(ctx.params.name ?? ctx.resource.title);
  }

  async #exec(argv: string[], fail: (detail: string) => Error): Promise<void> {
    const r = await this.ctx.run(argv);
    if (r.exitCode !== 0) throw fail(executionFailure(argv, r));
  }

  async checkApply(apply: boolean): Promise<Change[]> {
    const p = this.ctx.params;
    const name = this.#name;
    const ensure = p.ensure === undefined ? undefined : String(p.ensure);
    const current = groupEntry(this.files, name);
    const gid = p.gid === undefined ? undefined : (typeof p.gid === 'string' && /^\d+$/.test(p.gid) ? Number(p.gid) : p.gid);
    if (ensure === 'absent') {
      if (!current) return [];
      if (apply) await this.#exec([CMD.del, name], (d) => new PropertyChangeError('ensure', 'present', 'absent', `Could not delete group ${name}: ${d}`, 'group_removed'));
      return [{ property: 'ensure', previous: 'present', desired: 'absent', message: 'removed', name: 'group_removed' }];
    }
    if (!current) {
      if (ensure === undefined) return [];
      if (apply) {
        const argv = [CMD.add, ...(gid === undefined ? [] : ['-g', String(gid)]), ...(isTrue(p.allowdupe) ? ['-o'] : []), ...(isTrue(p.system) ? ['-r'] : []), name];
        await this.#exec(argv, (d) => new PropertyChangeError('ensure', 'absent', 'present', `Could not create group ${name}: ${d}`, 'group_created'));
      }
      return [{ property: 'ensure', previous: 'absent', desired: 'present', message: 'created', name: 'group_created' }];
    }
    if (gid === undefined || gid === current.gid) return [];
    if (apply) {
      const argv = [CMD.mod, '-g', String(gid), ...(isTrue(p.allowdupe) ? ['-o'] : []), name];
      await this.#exec(argv, (d) => new PropertyChangeError('gid', current.gid, gid, `Could not set gid on group[${name}]: ${d}`));
    }
    return [propertyChange('gid', current.gid, gid)];
  }
}
