// The package type, as Puppet 7's: whether ensure (installed/present, latest,
// a version, absent, purged) is in sync, what to call on the provider (apt by
// default on Debian, dpkg with `provider => dpkg`), and the event and message
// Puppet records (`created`, `ensure changed '1.0' to '1.1'`, `removed`, `purged`).
import { AptBackend } from './package-apt.js';
import { DpkgBackend, type PackageBackend, type PackageParams } from './package-dpkg.js';
import { formatValue } from './property-format.js';
import { PropertyChangeError, type Change, type ProviderContext, type ResourceProvider } from './types.js';

const GONE = ['absent', 'purged'];

function options(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  const out: string[] = [];
  for (const o of Array.isArray(v) ? v : [v]) {
    if (o !== null && typeof o === 'object') for (const [k, val] of Object.entries(o)) out.push(`${k}=${String(val)}`);
    else out.push(String(o));
  }
  return out;
}

export function packageBackend(ctx: ProviderContext): PackageBackend {
  const p = ctx.params;
  const params: PackageParams = {
    name: String(p.name ?? ctx.resource.title),
    source: p.source === undefined || p.source === null ? undefined : String(p.source),
    configfiles: String(p.configfiles ?? 'keep'),
    installOptions: options(p.install_options),
  };
  const provider = String(p.provider ?? 'apt');
  if (provider === 'apt') return new AptBackend(ctx.run, params);
  if (provider === 'dpkg') return new DpkgBackend(ctx.run, params);
  throw new Error(`Invalid package provider '${provider}'`);
}

export class PackageProvider implements ResourceProvider {
  readonly providerName: string;
  constructor(private readonly ctx: ProviderContext, private readonly backend: PackageBackend = packageBackend(ctx)) {
    this.providerName = backend.name;
  }

  async checkApply(apply: boolean): Promise<Change[]> {
    const ref = this.ctx.resource.ref;
    let should = String(this.ctx.params.ensure ?? 'present');
    if (should === 'installed') should = 'present';
    const special = ['present', 'absent', 'purged', 'latest'].includes(should);
    if (!special && !this.backend.versionable) {
      throw new Error(`Parameter ensure failed on ${ref}: Provider ${this.backend.name} must have features 'versionable' to set 'ensure' to '${should}'`);
    }
    const is = (await this.backend.query()).ensure;
    const gone = GONE.includes(is);
    let latest: string | undefined;
    if (should === 'present' && !gone) return [];
    if (should === 'absent' && gone) return [];
    if (should === 'purged' && is === 'purged') return [];
    if (should === 'latest' && !gone) {
      try {
        latest = await this.backend.latest();
      } catch (err) {
        throw new Error(`Could not get latest version: ${(err as Error).message}`);
      }
      if (is === latest) return [];
      this.ctx.log.debug(`${this.ctx.params.name ?? this.ctx.resource.title} ${JSON.stringify(is)} is installed, latest is ${JSON.stringify(latest)}`);
    }
    if (!special && is === should) return [];

    const fail = (detail: string) => new PropertyChangeError('ensure', is, should, detail, eventName);
    let eventName: string;
    if (should === 'present') eventName = 'package_installed';
    else if (should === 'absent') eventName = 'package_removed';
    else if (should === 'purged') eventName = 'package_purged';
    // Puppet compares with :absent only, so a purged package brought to a version "changed".
    else if (should === 'latest') eventName = is === 'absent' ? 'package_installed' : 'package_changed';
    else eventName = 'package_changed';

    if (apply) {
      try {
        if (should === 'present') await this.backend.install(should);
        else if (should === 'absent') await this.backend.uninstall();
        else if (should === 'purged') await this.backend.purge();
        else if (should === 'latest') await this.backend.update();
        else await this.backend.install(should);
      } catch (err) {
        const detail = (err as Error).message;
        throw fail(should === 'present' || GONE.includes(should) ? detail : `Could not update: ${detail}`);
      }
      if (!GONE.includes(should) && this.backend.flush) await this.backend.flush();
    }
    const shown = should === 'latest' && latest !== undefined ? latest : should;
    let message: string;
    if (should === 'purged') message = 'purged';
    else if (gone && !GONE.includes(should)) message = 'created';
    else if (should === 'absent') message = 'removed';
    else message = `ensure changed ${formatValue(is)} to ${formatValue(shown)}`;
    return [{
      property: 'ensure', previous: is, desired: should, message, name: eventName,
      noopMessage: `current_value ${formatValue(is)}, should be ${formatValue(shown)} (noop)`,
    }];
  }
}
