// The run's log: every message goes to the report (level, source, tags, time,
// file, line) and to the console sink, printed as `puppet agent` prints it.
import type { AgentLog, LogLevel } from '../http/log.js';

export interface ReportLog {
  level: LogLevel;
  message: string;
  source: string;
  tags: string[];
  time: string;
  file: string | null;
  line: number | null;
}

export interface LogOrigin {
  source?: string;
  tags?: readonly string[];
  file?: string | null;
  line?: number | null;
}

/** ISO 8601 with nine fractional digits and +00:00, as Ruby's Time#iso8601(9) in UTC. */
export function reportTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000+00:00');
}

export class RunLog {
  readonly entries: ReportLog[] = [];
  constructor(private readonly sink: AgentLog, private readonly now: () => number = Date.now) {}

  log(level: LogLevel, message: string, origin: LogOrigin = {}): void {
    const source = origin.source ?? 'Puppet';
    this.entries.push({
      level, message, source,
      tags: origin.tags ? [level, ...origin.tags.filter((t) => t !== level)] : [level],
      time: reportTime(this.now()),
      file: origin.file ?? null,
      line: origin.line ?? null,
    });
    this.sink[level](source === 'Puppet' ? message : `${source}: ${message}`);
  }

  debug(message: string, origin?: LogOrigin): void { this.log('debug', message, origin); }
  info(message: string, origin?: LogOrigin): void { this.log('info', message, origin); }
  notice(message: string, origin?: LogOrigin): void { this.log('notice', message, origin); }
  warning(message: string, origin?: LogOrigin): void { this.log('warning', message, origin); }
  err(message: string, origin?: LogOrigin): void { this.log('err', message, origin); }

  /** An AgentLog view (for code that only knows AgentLog) that records into this run log. */
  asAgentLog(): AgentLog {
    return {
      debug: (m) => this.debug(m), info: (m) => this.info(m), notice: (m) => this.notice(m),
      warning: (m) => this.warning(m), err: (m) => this.err(m),
    };
  }
}
