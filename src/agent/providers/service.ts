// The service type: systemd when systemctl manages the host, else the
// `service` command with SysV init scripts; ensure, enable, restart on refresh.
import { existsSync } from 'node:fs';
import type { Change, ProviderContext, ResourceProvider } from './types.js';
import { PropertyChangeError } from './types.js';

function bool(v: unknown): boolean | undefined {
  if (v === undefined || v === null) return undefined;
  if (v === true || v === 'true' || v === 'running') return true;
  if (v === false || v === 'false' || v === 'stopped') return false;
  return undefined;
}

export class ServiceProvider implements ResourceProvider {
  readonly providerName: string;
  readonly #name: string;
  constructor(private readonly ctx: ProviderContext, systemd = existsSync('/run/systemd/system')) {
    this.providerName = String(ctx.params.provider ?? (systemd ? 'systemd' : 'debian'));
    this.#name = String(ctx.params.name ?? ctx.resource.title);
  }

  get #systemd(): boolean { return this.providerName === 'systemd'; }

  async #cmd(argv: string[]): Promise<number> {
    return (await this.ctx.run(argv)).exitCode;
  }

  async #running(): Promise<boolean> {
    const p = this.ctx.params;
    if (p.status !== undefined) return (await this.ctx.run(String(p.status), { shell: true })).exitCode === 0;
    if (this.#systemd) return (await this.#cmd(['systemctl', 'is-active', '--', this.#name])) === 0;
    return (await this.#cmd(['/usr/sbin/service', this.#name, 'status'])) === 0;
  }

  async #enabled(): Promise<boolean> {
    if (this.#systemd) return (await this.#cmd(['systemctl', 'is-enabled', '--', this.#name])) === 0;
    return (await this.ctx.run(['/bin/sh', '-c', `ls /etc/rc[2345].d/S??${this.#name} >/dev/null 2>&1`])).exitCode === 0;
  }

  async #action(action: 'start' | 'stop' | 'restart', property: string, previous: unknown, desired: unknown): Promise<void> {
    const p = this.ctx.params;
    const custom = p[action];
    const r = custom !== undefined
      ? await this.ctx.run(String(custom), { shell: true })
      : await this.ctx.run(this.#systemd ? ['systemctl', action, '--', this.#name] : ['/usr/sbin/service', this.#name, action]);
    if (r.exitCode !== 0) throw new PropertyChangeError(property, previous, desired, `Could not ${action} Service[${this.#name}]: ${r.output.trim() || `exit ${r.exitCode}`}`);
  }

  async checkApply(apply: boolean): Promise<Change[]> {
    const p = this.ctx.params;
    const changes: Change[] = [];
    const wantRunning = bool(p.ensure);
    if (wantRunning !== undefined) {
      const running = await this.#running();
      if (running !== wantRunning) {
        const from = running ? 'running' : 'stopped';
        const to = wantRunning ? 'running' : 'stopped';
        if (apply) await this.#action(wantRunning ? 'start' : 'stop', 'ensure', from, to);
        changes.push({ property: 'ensure', previous: from, desired: to, message: `ensure changed '${from}' to '${to}'`, name: wantRunning ? 'service_started' : 'service_stopped' });
      }
    }
    const wantEnabled = bool(p.enable);
    if (wantEnabled !== undefined) {
      const enabled = await this.#enabled();
      if (enabled !== wantEnabled) {
        if (apply) {
          const argv = this.#systemd
            ? ['systemctl', wantEnabled ? 'enable' : 'disable', '--', this.#name]
            : ['/usr/sbin/update-rc.d', this.#name, wantEnabled ? 'enable' : 'disable'];
          const r = await this.ctx.run(argv);
          if (r.exitCode !== 0) throw new PropertyChangeError('enable', String(enabled), String(wantEnabled), `Could not ${wantEnabled ? 'enable' : 'disable'} ${this.#name}: ${r.output.trim()}`);
        }
        changes.push({ property: 'enable', previous: String(enabled), desired: String(wantEnabled), message: `enable changed '${enabled}' to '${wantEnabled}'`, name: 'enable_changed' });
      }
    }
    return changes;
  }

  async refresh(apply: boolean): Promise<string | undefined> {
    if (!apply) return undefined;
    const p = this.ctx.params;
    if (bool(p.ensure) === false || !(await this.#running())) return undefined;
    await this.#action('restart', 'ensure', 'running', 'running');
    return 'refresh';
  }
}
