// The exec type's posix provider: command with unless/onlyif/creates checks,
// refreshonly, path, cwd, environment, returns, timeout, user, logoutput.
import { existsSync } from 'node:fs';
import { posixIds } from './posix-ids.js';
import { PropertyChangeError, type Change, type ProviderContext, type ResourceProvider } from './types.js';
import type { CommandOptions } from './command.js';

function list(v: unknown): string[] {
  if (v === undefined || v === null || v === '') return [];
  return (Array.isArray(v) ? v.flat(Infinity) : [v]).map(String);
}

function isTrue(v: unknown): boolean {
  return v === true || v === 'true';
}

export class ExecProvider implements ResourceProvider {
  readonly providerName: string;
  constructor(private readonly ctx: ProviderContext) {
    this.providerName = String(ctx.params.provider ?? 'posix');
  }

  #options(): CommandOptions {
    const p = this.ctx.params;
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
    const path = list(p.path).flatMap((x) => x.split(':'));
    if (path.length > 0) env.PATH = path.join(':');
    for (const e of list(p.environment)) {
      const i = e.indexOf('=');
      if (i > 0) env[e.slice(0, i)] = e.slice(i + 1);
    }
    const ids = posixIds();
    return {
      cwd: p.cwd === undefined ? undefined : String(p.cwd),
      env,
      uid: p.user === undefined ? undefined : ids.uid(p.user),
      gid: p.group === undefined ? undefined : ids.gid(p.group),
      timeout: p.timeout === undefined ? 300 : Number(p.timeout),
      shell: true,
    };
  }

  #validate(command: string): void {
    const p = this.ctx.params;
    if (this.providerName === 'shell') return;
    const exe = command.trim().split(/\s+/)[0] ?? '';
    if (!exe.startsWith('/') && list(p.path).length === 0) {
      throw new Error(`'${command}' is not qualified and no path was specified. Please qualify the command or specify a path.`);
    }
  }

  async #run(command: string): Promise<{ exitCode: number; output: string }> {
    this.#validate(command);
    return this.ctx.run(command, this.#options());
  }

  /** True when creates/unless/onlyif allow the command to run. */
  async #checksPass(): Promise<boolean> {
    const p = this.ctx.params;
    for (const c of list(p.creates)) {
      if (existsSync(c)) { this.ctx.log.debug(`Skipping because ${c} exists`); return false; }
    }
    for (const c of list(p.onlyif)) {
      if ((await this.#run(c)).exitCode !== 0) { this.ctx.log.debug(`'${c}' won't be executed because of failed check 'onlyif'`); return false; }
    }
    for (const c of list(p.unless)) {
      if ((await this.#run(c)).exitCode === 0) { this.ctx.log.debug(`'${c}' won't be executed because of failed check 'unless'`); return false; }
    }
    return true;
  }

  #returns(): string[] {
    const r = list(this.ctx.params.returns);
    return r.length > 0 ? r : ['0'];
  }

  async #execute(command: string): Promise<void> {
    const p = this.ctx.params;
    const returns = this.#returns();
    let result;
    try {
      result = await this.#run(command);
    } catch (err) {
      if ((err as Error).message === 'Command exceeded timeout') {
        throw new PropertyChangeError('returns', 'notrun', returns, `Command exceeded timeout`, 'executed_command');
      }
      throw new PropertyChangeError('returns', 'notrun', returns, `Could not execute '${command}': ${(err as Error).message}`, 'executed_command');
    }
    const ok = returns.includes(String(result.exitCode));
    const logoutput = String(p.logoutput ?? 'on_failure');
    if (logoutput === 'true' || (!ok && logoutput === 'on_failure')) {
      // Puppet logs the output at the resource's loglevel (notice), even on failure.
      for (const line of result.output.split('\n')) if (line !== '') this.ctx.log.notice(line, 'returns');
    }
    if (!ok) {
      const message = `'${command}' returned ${result.exitCode} instead of one of [${returns.join(',')}]`;
      this.ctx.log.plain(message, 'err');
      throw new PropertyChangeError('returns', 'notrun', returns, message, 'executed_command');
    }
  }

  async checkApply(apply: boolean): Promise<Change[]> {
    const p = this.ctx.params;
    const command = String(p.command ?? this.ctx.resource.title);
    if (isTrue(p.refreshonly)) return [];
    if (!(await this.#checksPass())) return [];
    if (apply) await this.#execute(command);
    return [{
      property: 'returns', previous: 'notrun', desired: this.#returns(), message: 'executed successfully', name: 'executed_command',
    }];
  }

  async refresh(apply: boolean): Promise<string | undefined> {
    if (!apply) return undefined;
    const p = this.ctx.params;
    if (!(await this.#checksPass())) return undefined;
    await this.#execute(String(p.refresh ?? p.command ?? this.ctx.resource.title));
    return 'refresh';
  }
}
