// The service type, as Puppet 7's: ensure (running/stopped) through the
// status parameter, the provider's status command or a `ps -ef` pattern;
// enable synced quietly along with ensure; restart on refresh when running
// (stop and start unless hasrestart or a restart command), not after a start.
import { defaultServiceProvider, DebianBackend, InitBackend, SystemdBackend, type ServiceBackend, type ServiceParams } from './service-backends.js';
import { executionFailure } from './command.js';
import { formatValue } from './property-format.js';
import { PropertyChangeError, type Change, type ProviderContext, type ResourceProvider } from './types.js';

function ensureValue(v: unknown): 'running' | 'stopped' | undefined {
  if (v === true || v === 'true' || v === 'running') return 'running';
  if (v === false || v === 'false' || v === 'stopped') return 'stopped';
  return undefined;
}

function enableValue(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  return String(v);
}

export interface ServiceHost {
  /** The provider Puppet would pick when the manifest names none. */
  readonly defaultProvider: 'systemd' | 'debian';
  /** The parent of the rc*.d directories. */
  readonly etc: string;
}

export function serviceBackend(ctx: ProviderContext, host: ServiceHost): ServiceBackend {
  const p = ctx.params;
  const pathParam = p.path === undefined ? ['/etc/init.d'] : (Array.isArray(p.path) ? p.path : [p.path]).flatMap((x) => String(x).split(':'));
  const params: ServiceParams = {
    name: String(p.name ?? ctx.resource.title),
    hasstatus: !(p.hasstatus === false || p.hasstatus === 'false'),
    hasrestart: p.hasrestart === true || p.hasrestart === 'true',
    paths: pathParam, etc: host.etc,
  };
  const provider = String(p.provider ?? host.defaultProvider);
  if (provider === 'systemd') return new SystemdBackend(ctx.run, params);
  if (provider === 'debian') return new DebianBackend(ctx.run, params);
  if (provider === 'init') return new InitBackend(ctx.run, params);
  throw new Error(`Invalid service provider '${provider}'`);
}

export class ServiceProvider implements ResourceProvider {
  readonly providerName: string;
  readonly #name: string;
  readonly #backend: ServiceBackend;
  /** Set when this run started the service: Puppet then drops its pending refresh. */
  #started = false;
  constructor(private readonly ctx: ProviderContext, host: ServiceHost = { defaultProvider: defaultServiceProvider(), etc: '/etc' }, backend?: ServiceBackend) {
    this.#backend = backend ?? serviceBackend(ctx, host);
    this.providerName = this.#backend.name;
    this.#name = String(ctx.params.name ?? ctx.resource.title);
  }

  /** The pid of the first `ps -ef` line matching `pattern` (default: the name). */
  async #pid(): Promise<string | undefined> {
    const p = this.ctx.params;
    const pattern = String(p.pattern ?? p.binary ?? this.#name);
    let regex: RegExp;
    try { regex = new RegExp(pattern); } catch { throw new Error(`Invalid pattern "${pattern}" for ${this.ctx.resource.ref}`); }
    this.ctx.log.debug("Executing 'ps -ef'");
    const table = await this.ctx.run(['ps', '-ef']);
    for (const line of table.output.split('\n')) {
      if (!regex.test(line)) continue;
      this.ctx.log.debug(`Process matched: ${line}`);
      return line.trim().split(/\s+/)[1];
    }
    return undefined;
  }

  async #status(): Promise<'running' | 'stopped'> {
    const custom = this.ctx.params.status;
    if (custom !== undefined) return (await this.ctx.run(String(custom), { shell: true })).exitCode === 0 ? 'running' : 'stopped';
    const cmd = this.#backend.statusCommand();
    if (cmd) return (await this.ctx.run(cmd)).exitCode === 0 ? 'running' : 'stopped';
    const pid = await this.#pid();
    if (pid) this.ctx.log.debug(`PID is ${pid}`);
    return pid ? 'running' : 'stopped';
  }

  /** Runs the `start`/`stop`/`restart` parameter or the provider's command; fails as Puppet's service_command. */
  async #command(action: 'start' | 'stop' | 'restart', argv: string[] | undefined): Promise<void> {
    const custom = this.ctx.params[action];
    const r = custom !== undefined ? await this.ctx.run(String(custom), { shell: true }) : await this.ctx.run(argv!);
    if (r.exitCode === 0) return;
    const detail = `Could not ${action} ${this.ctx.resource.ref}: ${executionFailure(custom !== undefined ? [String(custom)] : argv!, r)}`;
    const message = this.#backend.failureMessage ? this.#backend.failureMessage(action, detail) : detail;
    // Puppet's resource.fail logs the failure on its own before the property reports it.
    this.ctx.log.plain(message, 'err');
    throw new Error(message);
  }

  async #start(): Promise<void> {
    if (this.#backend.beforeStart) await this.#backend.beforeStart('start');
    await this.#command('start', this.ctx.params.start === undefined ? this.#backend.startCommand() : undefined);
  }

  async #stop(): Promise<void> {
    const p = this.ctx.params;
    if (p.stop !== undefined) return this.#command('stop', undefined);
    return this.#command('stop', this.#backend.stopCommand());
  }

  async #restart(): Promise<void> {
    const p = this.ctx.params;
    const cmd = p.restart === undefined ? this.#backend.restartCommand() : undefined;
    if (p.restart === undefined && !cmd) {
      await this.#stop();
      await this.#start();
      return;
    }
    if (this.#backend.beforeStart) await this.#backend.beforeStart('restart');
    await this.#command('restart', cmd);
  }

  /** Enable's current value and whether it is in sync, or undefined when enable is not managed. */
  async #enableState(): Promise<{ current: string; desired: string; insync: boolean } | undefined> {
    const desired = enableValue(this.ctx.params.enable);
    if (desired === undefined) return undefined;
    const current = await this.#backend.enabled(desired);
    const insync = this.#backend.enabledInsync ? this.#backend.enabledInsync(current, desired) : current === desired;
    return { current, desired, insync };
  }

  async #setEnabled(desired: string, current: string): Promise<void> {
    try {
      await this.#backend.setEnabled(desired);
    } catch (err) {
      throw new PropertyChangeError('enable', current, desired, (err as Error).message, desired === 'true' ? 'service_enabled' : 'service_disabled');
    }
  }

  async checkApply(apply: boolean): Promise<Change[]> {
    const wanted = ensureValue(this.ctx.params.ensure);
    if (wanted !== undefined) {
      const current = await this.#status();
      if (current !== wanted) {
        const name = wanted === 'running' ? 'service_started' : 'service_stopped';
        if (apply) {
          try {
            if (wanted === 'running') await this.#start(); else await this.#stop();
          } catch (err) {
            throw new PropertyChangeError('ensure', current, wanted, (err as Error).message, name);
          }
          // Puppet's ensure syncs enable along with it, without an event of its own.
          const enable = await this.#enableState();
          if (enable && !enable.insync) await this.#setEnabled(enable.desired, enable.current);
          if (wanted === 'running') {
            this.#started = true;
            this.ctx.log.info(`Unscheduling refresh on ${this.ctx.resource.ref}`);
          }
        }
        return [{
          property: 'ensure', previous: current, desired: wanted, name,
          message: `ensure changed ${formatValue(current)} to ${formatValue(wanted)}`,
        }];
      }
    }
    const enable = await this.#enableState();
    if (!enable || enable.insync) return [];
    if (apply) await this.#setEnabled(enable.desired, enable.current);
    return [{
      property: 'enable', previous: enable.current, desired: enable.desired,
      name: enable.desired === 'true' ? 'service_enabled' : enable.desired === 'manual' ? 'service_manual_start' : enable.desired === 'delayed' ? 'service_delayed_start' : 'service_disabled',
      message: `enable changed ${formatValue(enable.current)} to ${formatValue(enable.desired)}`,
    }];
  }

  async refresh(apply: boolean): Promise<string | undefined> {
    if (!apply || this.#started) return undefined;
    if ((await this.#status()) !== 'running') {
      this.ctx.log.debug('Skipping restart; service is not running');
      return undefined;
    }
    await this.#restart();
    return 'refresh';
  }
}
