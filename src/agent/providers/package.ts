// The package type's apt provider (dpkg for queries): installed/present,
// latest, a version, absent, purged.
import type { Change, ProviderContext, ResourceProvider } from './types.js';
import { PropertyChangeError } from './types.js';

const APT_ENV = { DEBIAN_FRONTEND: 'noninteractive' };

export class AptPackageProvider implements ResourceProvider {
  readonly providerName: string;
  constructor(private readonly ctx: ProviderContext) {
    this.providerName = String(ctx.params.provider ?? 'apt');
  }

  /** The installed version, 'purged' when dpkg does not know it, 'absent' when only its config remains. */
  async #query(name: string): Promise<string> {
    const r = await this.ctx.run(['dpkg-query', '-W', '--showformat', '${Status} ${Package} ${Version}\\n', name]);
    if (r.exitCode !== 0) return 'purged';
    const line = r.output.split('\n').find((l) => l.trim() !== '') ?? '';
    const f = line.trim().split(/\s+/);
    if (f[2] === 'installed') return f[4] ?? 'present';
    return f[2] === 'config-files' ? 'absent' : 'purged';
  }

  async #candidate(name: string): Promise<string | undefined> {
    const r = await this.ctx.run(['apt-cache', 'policy', name]);
    return /Candidate:\s*(\S+)/.exec(r.output)?.[1];
  }

  async #apt(args: string[], property: string, previous: string, desired: string): Promise<void> {
    const env: Record<string, string> = { ...(process.env as Record<string, string>), ...APT_ENV };
    const r = await this.ctx.run(['/usr/bin/apt-get', '-q', '-y', '-o', 'DPkg::Options::=--force-confold', ...args], { env });
    if (r.exitCode !== 0) {
      throw new PropertyChangeError(property, previous, desired, `Execution of '/usr/bin/apt-get -q -y -o DPkg::Options::=--force-confold ${args.join(' ')}' returned ${r.exitCode}: ${r.output.trim()}`);
    }
  }

  async checkApply(apply: boolean): Promise<Change[]> {
    const name = String(this.ctx.params.name ?? this.ctx.resource.title);
    const want = String(this.ctx.params.ensure ?? 'present');
    const have = await this.#query(name);
    const installed = have !== 'absent' && have !== 'purged';
    if (want === 'present' || want === 'installed') {
      if (installed) return [];
      if (apply) await this.#apt(['install', name], 'ensure', have, 'present');
      return [{ property: 'ensure', previous: have, desired: 'present', message: 'created', name: 'package_installed' }];
    }
    if (want === 'absent' || want === 'purged') {
      if (have === 'purged' || (want === 'absent' && have === 'absent')) return [];
      if (apply) await this.#apt([want === 'purged' ? 'purge' : 'remove', name], 'ensure', have, want);
      return [{ property: 'ensure', previous: have, desired: want, message: want === 'purged' ? 'purged' : 'removed', name: want === 'purged' ? 'package_purged' : 'package_removed' }];
    }
    const target = want === 'latest' ? await this.#candidate(name) : want;
    if (target === undefined) throw new Error(`Could not find a candidate version for package ${name}`);
    if (have === target) return [];
    if (apply) await this.#apt(['install', want === 'latest' ? name : `${name}=${target}`], 'ensure', have, want);
    return installed
      ? [{ property: 'ensure', previous: have, desired: want, message: `ensure changed '${have}' to '${target}'`, name: 'package_changed' }]
      : [{ property: 'ensure', previous: have, desired: want, message: 'created', name: 'package_installed' }];
  }
}
