// The agent's administrative disable switch (Puppet::Agent::Disabler): the
// file agent_disabled_lockfile holds `{"disabled_message":"..."}` while the
// agent is disabled. Its format is public API (mcollective and Bolt read it),
// so it is byte-compatible with Puppet's JsonLockfile.
import { readFileSync, unlinkSync } from 'node:fs';
import { writeFileAtomic } from '../util/atomic-write.js';
import type { AgentLog } from './http/log.js';

export const DISABLED_MESSAGE_KEY = 'disabled_message';
/** What `puppet agent --disable` without a message records. */
export const DEFAULT_DISABLE_REASON = 'reason not specified';

export class AgentDisabler {
  constructor(readonly path: string, private readonly log: AgentLog) {}

  /** `--disable`: a second disable keeps the first message, as Puppet's lock does. */
  async disable(message: string = DEFAULT_DISABLE_REASON): Promise<void> {
    this.log.notice('Disabling Puppet.');
    try {
      await writeFileAtomic(this.path, JSON.stringify({ [DISABLED_MESSAGE_KEY]: message }), { exclusive: true, mkdirp: true, mode: 0o644 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }

  /** `--enable`. */
  enable(): void {
    this.log.notice('Enabling Puppet.');
    try {
      unlinkSync(this.path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }

  /**
   * Undefined when enabled; otherwise the recorded reason (null when the file
   * carries none, as `{}` or an empty file).
   */
  disabledReason(): string | null | undefined {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
    if (text === '') return null;
    try {
      const data = JSON.parse(text) as unknown;
      const message = data !== null && typeof data === 'object' ? (data as Record<string, unknown>)[DISABLED_MESSAGE_KEY] : undefined;
      return message === undefined || message === null ? null : String(message);
    } catch {
      this.log.warning(`Unable to read lockfile data from ${this.path}: not in JSON`);
      return null;
    }
  }

  /** Logs Puppet's notice and returns true when runs are disabled. */
  skipIfDisabled(clientName = 'Puppet configuration client'): boolean {
    const reason = this.disabledReason();
    if (reason === undefined) return false;
    // Ruby interpolates nil as the empty string.
    this.log.notice(`Skipping run of ${clientName}; administratively disabled (Reason: '${reason ?? ''}');\nUse 'puppet agent --enable' to re-enable.`);
    return true;
  }
}
