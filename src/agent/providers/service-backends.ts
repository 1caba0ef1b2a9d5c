// The service type's providers on Debian, as Puppet 7's: `debian` (SysV init
// scripts: start/stop through the script, status through `service`, enable
// through update-rc.d and invoke-rc.d), `init` (the scripts alone) and
// `systemd` (systemctl). Each says which command does what; the type decides when.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { executionFailure, type CommandRunner } from './command.js';

export interface ServiceParams {
  readonly name: string;
  readonly hasstatus: boolean;
  readonly hasrestart: boolean;
  /** Where init scripts are searched (`path`). */
  readonly paths: readonly string[];
  /** The rc directories' parent, /etc, as a parameter for tests. */
  readonly etc: string;
}

export interface ServiceBackend {
  readonly name: string;
  statusCommand(): string[] | undefined;
  startCommand(): string[];
  stopCommand(): string[];
  restartCommand(): string[] | undefined;
  /** Runs before start and restart (systemd unmasks before start and reloads changed units). */
  beforeStart?(action: 'start' | 'restart'): Promise<void>;
  /** Wraps a failed start/stop/restart message (systemd's "Systemd start for x failed!"). */
  failureMessage?(action: string, detail: string): string;
  /** The current enable value; `desired` matters to systemd, which reports `mask` only when asked to mask. */
  enabled(desired: string): Promise<string>;
  /** Whether the current enable value counts as in sync (systemd's static and indirect units). */
  enabledInsync?(current: string, desired: string): boolean;
  setEnabled(value: string): Promise<void>;
}

async function exec(run: CommandRunner, argv: string[]): Promise<string> {
  const r = await run(argv);
  if (r.exitCode !== 0) throw new Error(executionFailure(argv, r));
  return r.output;
}

/** Start links for a service in /etc/rc*.d (Dir.glob("/etc/rc*.d/S??name")). */
function startLinkCount(etc: string, name: string): number {
  let count = 0;
  let dirs: string[] = [];
  try { dirs = readdirSync(etc).filter((d) => /^rc.*\.d$/.test(d)); } catch { return 0; }
  for (const d of dirs) {
    try {
      count += readdirSync(join(etc, d)).filter((f) => f.length === name.length + 3 && f.startsWith('S') && f.endsWith(name)).length;
    } catch { /* not a directory */ }
  }
  return count;
}

/** invoke-rc.d's answer to "would start run?", with Puppet's fallback to counting start links. */
async function debianEnabled(run: CommandRunner, params: ServiceParams): Promise<string> {
  const r = await run(['/usr/sbin/invoke-rc.d', '--quiet', '--query', params.name, 'start']);
  // 104: enabled; 106: the policy layer supplies a fallback action.
  if (r.exitCode === 104 || r.exitCode === 106) return 'true';
  // 101: action not allowed (a policy-rc.d says no); 105: the script cannot answer.
  if (r.exitCode === 101 || r.exitCode === 105) return startLinkCount(params.etc, params.name) >= 4 ? 'true' : 'false';
  return 'false';
}

export class InitBackend implements ServiceBackend {
  readonly name: string = 'init';
  #script: string | undefined;
  constructor(protected readonly run: CommandRunner, protected readonly params: ServiceParams) {}

  /** The init script: the first path holding `name`, else `name.sh`. */
  protected initscript(): string {
    if (this.#script) return this.#script;
    const { name, paths } = this.params;
    for (const suffix of ['', '.sh']) {
      for (const dir of paths) {
        const candidate = join(dir, name + suffix);
        if (existsSync(candidate)) return (this.#script = candidate);
      }
    }
    throw new Error(`Could not find init script for '${name}'`);
  }

  statusCommand(): string[] | undefined { return this.params.hasstatus ? [this.initscript(), 'status'] : undefined; }
  startCommand(): string[] { return [this.initscript(), 'start']; }
  stopCommand(): string[] { return [this.initscript(), 'stop']; }
  restartCommand(): string[] | undefined { return this.params.hasrestart ? [this.initscript(), 'restart'] : undefined; }
  async enabled(_desired: string): Promise<string> { throw new Error(`Provider ${this.name} cannot manage enable`); }
  async setEnabled(_value: string): Promise<void> { throw new Error(`Provider ${this.name} cannot manage enable`); }
}

export class DebianBackend extends InitBackend {
  override readonly name = 'debian';

  // /usr/sbin/service answers for whichever init system runs (Debian bug 775795).
  override statusCommand(): string[] | undefined {
    return this.params.hasstatus ? ['/usr/sbin/service', this.params.name, 'status'] : undefined;
  }

  override async enabled(_desired: string): Promise<string> { return debianEnabled(this.run, this.params); }

  override async setEnabled(value: string): Promise<void> {
    const name = this.params.name;
    if (value === 'true') {
      await exec(this.run, ['/usr/sbin/update-rc.d', '-f', name, 'remove']);
      await exec(this.run, ['/usr/sbin/update-rc.d', name, 'defaults']);
      return;
    }
    if (value !== 'false') throw new Error(`Provider debian cannot set enable to '${value}'`);
    // Puppet disables with `update-rc.d name disable` when sysv-rc >= 2.88 and
    // otherwise removes the links and asks for stop links. Debian 10+ ships no
    // sysv-rc and its update-rc.d (init-system-helpers) ignores "stop ...",
    // re-creating the start links: so there, too, we use `disable`.
    const v = await this.run(['/usr/bin/dpkg-query', '-W', '--showformat', '${Version}', 'sysv-rc']);
    const modern = v.exitCode !== 0 || v.output.trim() === ''
      || (await this.run(['/usr/bin/dpkg', '--compare-versions', v.output.trim(), 'ge', '2.88'])).exitCode === 0;
    if (modern) {
      await exec(this.run, ['/usr/sbin/update-rc.d', name, 'disable']);
    } else {
      await exec(this.run, ['/usr/sbin/update-rc.d', '-f', name, 'remove']);
      await exec(this.run, ['/usr/sbin/update-rc.d', name, 'stop', '00', '1', '2', '3', '4', '5', '6', '.']);
    }
  }
}

export class SystemdBackend implements ServiceBackend {
  readonly name = 'systemd';
  #cachedEnabled: { output: string; exitCode: number } | undefined;
  constructor(private readonly run: CommandRunner, private readonly params: ServiceParams) {}

  statusCommand(): string[] { return ['systemctl', 'is-active', '--', this.params.name]; }
  startCommand(): string[] { return ['systemctl', 'start', '--', this.params.name]; }
  stopCommand(): string[] { return ['systemctl', 'stop', '--', this.params.name]; }
  restartCommand(): string[] { return ['systemctl', 'restart', '--', this.params.name]; }

  async beforeStart(action: 'start' | 'restart'): Promise<void> {
    if (action === 'start') await this.#change('unmask');
    const r = await this.run(['systemctl', 'show', '--property=NeedDaemonReload', '--', this.params.name]);
    if (r.output.trim().split('=').at(-1) === 'yes') await this.run(['systemctl', 'daemon-reload']);
  }

  failureMessage(action: string, detail: string): string {
    return `Systemd ${action} for ${this.params.name} failed!\n${detail}`;
  }

  async #isEnabled(): Promise<{ output: string; exitCode: number }> {
    if (!this.#cachedEnabled) {
      const r = await this.run(['systemctl', 'is-enabled', '--', this.params.name]);
      this.#cachedEnabled = { output: r.output.trim(), exitCode: r.exitCode };
    }
    return this.#cachedEnabled;
  }

  async enabled(desired: string): Promise<string> {
    const { output, exitCode } = await this.#isEnabled();
    // Only report `mask` when asked to mask; a masked unit is otherwise just disabled.
    if (desired === 'mask' && output === 'masked') return 'mask';
    if (output === 'indirect') return 'false';
    if (exitCode === 0) return 'true';
    // A SysV script under systemd's compatibility layer (PUP-5016).
    if (output === '' && exitCode > 0) return debianEnabled(this.run, this.params);
    return 'false';
  }

  enabledInsync(current: string, desired: string): boolean {
    const output = this.#cachedEnabled?.output;
    if (output === 'static') return desired === 'mask' ? current === desired : true;
    if (output === 'indirect') return true;
    return current === desired;
  }

  async #change(action: string): Promise<void> {
    try {
      await exec(this.run, ['systemctl', action, '--', this.params.name]);
    } catch (err) {
      throw new Error(`Could not ${action} ${this.params.name}: ${(err as Error).message}`);
    } finally {
      this.#cachedEnabled = undefined;
    }
  }

  async setEnabled(value: string): Promise<void> {
    if (value === 'true') { await this.#change('unmask'); await this.#change('enable'); }
    else if (value === 'false') await this.#change('disable');
    else if (value === 'mask') {
      if ((await this.run(['systemctl', 'cat', '--', this.params.name])).exitCode === 0) await this.#change('disable');
      await this.#change('mask');
    } else throw new Error(`Provider systemd cannot set enable to '${value}'`);
  }
}

/** Puppet's choice on Debian: systemd when PID 1 is systemd, else the debian provider. */
export function defaultServiceProvider(proc1Comm = '/proc/1/comm'): 'systemd' | 'debian' {
  try { return readFileSync(proc1Comm, 'utf8').includes('systemd') ? 'systemd' : 'debian'; } catch { return 'debian'; }
}
