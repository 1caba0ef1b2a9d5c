// The log sink the agent's HTTP and SSL layers write to, with Puppet's levels.
// The CLI supplies one that prints `Info: ...` lines like `puppet agent`; tests
// supply a recorder. Nothing here writes to the console by itself.

export type LogLevel = 'debug' | 'info' | 'notice' | 'warning' | 'err';

export interface AgentLog {
  debug(message: string): void;
  info(message: string): void;
  notice(message: string): void;
  warning(message: string): void;
  err(message: string): void;
}

/** A log that drops everything. */
export const silentLog: AgentLog = { debug() {}, info() {}, notice() {}, warning() {}, err() {} };

/** Records every message, for tests. */
export class RecordingLog implements AgentLog {
  readonly entries: { level: LogLevel; message: string }[] = [];
  debug(message: string): void { this.entries.push({ level: 'debug', message }); }
  info(message: string): void { this.entries.push({ level: 'info', message }); }
  notice(message: string): void { this.entries.push({ level: 'notice', message }); }
  warning(message: string): void { this.entries.push({ level: 'warning', message }); }
  err(message: string): void { this.entries.push({ level: 'err', message }); }
  messages(level?: LogLevel): string[] {
    return this.entries.filter((e) => level === undefined || e.level === level).map((e) => e.message);
  }
}
