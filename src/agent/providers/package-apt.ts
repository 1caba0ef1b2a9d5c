// The package type's apt provider (Debian's default), as Puppet 7's: dpkg's
// queries, apt-get to install (a name, name=version, or a local `source`
// file), remove and purge, apt-cache policy for `latest`, apt-mark manual
// after a change.
import { DpkgBackend } from './package-dpkg.js';

const APT_GET = '/usr/bin/apt-get';

export class AptBackend extends DpkgBackend {
  override readonly name = 'apt';
  override readonly versionable = true;

  #env(): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
    // Puppet's apt provider sets these for every command it runs.
    return { ...env, DEBIAN_FRONTEND: 'noninteractive', APT_LISTBUGS_FRONTEND: 'none', APT_LISTCHANGES_FRONTEND: 'none' };
  }

  override async install(should: string): Promise<void> {
    const { name, source } = this.params;
    const versioned = !['present', 'installed', 'latest'].includes(should);
    const argv = [APT_GET, '-q', '-y', '-o', `DPkg::Options::=${this.confOption()}`];
    if (versioned) argv.push('--force-yes');
    argv.push(...this.params.installOptions, 'install', source ?? (versioned ? `${name}=${should}` : name));
    await this.exec(argv, this.#env());
    // From a file, apt-get installs whatever version the file holds.
    if (source !== undefined && versioned) {
      const is = (await this.query()).ensure;
      if (is !== should) throw new Error(`Failed to update to version ${should}, got version ${is} instead`);
    }
  }

  override async update(): Promise<void> {
    await this.install('latest');
  }

  override async latest(): Promise<string> {
    const out = await this.exec(['/usr/bin/apt-cache', 'policy', this.params.name], this.#env());
    const m = /Candidate:\s+(\S+)\s/.exec(out);
    if (!m) throw new Error('Could not find latest version');
    return m[1]!;
  }

  override async uninstall(): Promise<void> {
    await this.exec([APT_GET, '-y', '-q', 'remove', this.params.name], this.#env());
  }

  override async purge(): Promise<void> {
    await this.exec([APT_GET, '-y', '-q', 'remove', '--purge', this.params.name], this.#env());
    // apt does not purge what it already removed; dpkg does.
    await super.purge();
  }

  async flush(): Promise<void> {
    await this.exec(['/usr/bin/apt-mark', 'manual', this.params.name], this.#env());
  }
}
