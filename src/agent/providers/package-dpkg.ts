// The package type's dpkg provider, as Puppet 7's: queries with dpkg-query,
// installs only from `source` with dpkg -i, removes and purges with dpkg.
// Not versionable: a version as ensure is refused, `latest` reads the source.
import { executionFailure, type CommandRunner } from './command.js';

export interface PackageState {
  /** The installed version, or `absent` (config files or a half state), or `purged`. */
  readonly ensure: string;
}

/** What the package type asks of a package provider. */
export interface PackageBackend {
  readonly name: string;
  readonly versionable: boolean;
  query(): Promise<PackageState>;
  /** Installs; `should` is the desired ensure (`present`, `latest` or a version). */
  install(should: string): Promise<void>;
  update(): Promise<void>;
  /** The latest version available. */
  latest(): Promise<string>;
  uninstall(): Promise<void>;
  purge(): Promise<void>;
  /** After a change that leaves the package installed (apt marks it manual). */
  flush?(): Promise<void>;
}

export interface PackageParams {
  readonly name: string;
  readonly source?: string;
  /** `keep` (the default) or `replace`. */
  readonly configfiles: string;
  readonly installOptions: readonly string[];
}

const FIELDS = /^'?(\S+) +(\S+) +(\S+) (\S+) (\S*)$/;

export class DpkgBackend implements PackageBackend {
  readonly name: string = 'dpkg';
  readonly versionable: boolean = false;
  constructor(protected readonly run: CommandRunner, protected readonly params: PackageParams) {}

  /** Runs a command and throws Puppet's execution failure when it fails. */
  protected async exec(argv: string[], env?: Record<string, string>): Promise<string> {
    const r = await this.run(argv, env ? { env } : undefined);
    if (r.exitCode !== 0) throw new Error(executionFailure(argv, r));
    return r.output;
  }

  async query(): Promise<PackageState> {
    const { name } = this.params;
    const r = await this.run(['/usr/bin/dpkg-query', '-W', '--showformat', '${Status} ${Package} ${Version}\\n', name]);
    // dpkg-query exits 1 for a package it has never heard of.
    if (r.exitCode !== 0) return { ensure: 'purged' };
    const line = r.output.split('\n').find((l) => l.trim() !== '') ?? '';
    const m = FIELDS.exec(line);
    if (!m) return { ensure: 'absent' };
    const [, , error, status, pkg, version] = m;
    let ensure = version!;
    if (status === 'not-installed') ensure = 'purged';
    else if (['config-files', 'half-installed', 'unpacked', 'half-configured'].includes(status!)) ensure = 'absent';
    if (error !== 'ok') throw new Error(`Package ${pkg}, version ${ensure} is in error state: ${error}`);
    return { ensure };
  }

  protected confOption(): string {
    return this.params.configfiles === 'replace' ? '--force-confnew' : '--force-confold';
  }

  async install(_should?: string): Promise<void> {
    const { source } = this.params;
    if (source === undefined) throw new Error('You cannot install dpkg packages without a source');
    await this.exec(['/usr/bin/dpkg', this.confOption(), '-i', source]);
  }

  async update(): Promise<void> {
    await this.install();
  }

  async latest(): Promise<string> {
    const { source, name } = this.params;
    if (source === undefined) throw new Error('Could not update: You cannot install dpkg packages without a source');
    const out = await this.exec(['/usr/bin/dpkg-deb', '--show', source]);
    const m = /^(\S+)\t(\S+)$/m.exec(out);
    if (!m) throw new Error(`Cannot read the package name and version from "${source}"`);
    if (!m[1]!.includes(name)) throw new Error(`Source doesn't contain named package, but ${m[1]}`);
    return m[2]!;
  }

  async uninstall(): Promise<void> {
    await this.exec(['/usr/bin/dpkg', '-r', this.params.name]);
  }

  async purge(): Promise<void> {
    await this.exec(['/usr/bin/dpkg', '--purge', this.params.name]);
  }
}
