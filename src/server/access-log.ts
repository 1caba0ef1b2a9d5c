// The access log: one line per request in the common/combined log format with
// the client's certname in the user field and the duration in milliseconds
// appended (puppetserver's `%D`), written to a file and/or a stream.
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import type { Writable } from 'node:stream';

export interface AccessLogEntry {
  ip: string;
  certname: string | undefined;
  method: string;
  /** Path and query as received. */
  url: string;
  httpVersion: string;
  status: number;
  /** Body bytes sent (after compression). */
  bytes: number;
  userAgent: string | undefined;
  durationMs: number;
  time: Date;
}

export type AccessLogger = (entry: AccessLogEntry) => void;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function clfDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

function quoteField(s: string): string {
  return s.replace(/["\\\x00-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** `127.0.0.1 - agent1 [29/Nov/2026:17:23:47 +0000] "GET /p HTTP/1.1" 200 1895 "-" "Puppet/7.23.0 ..." 10` */
export function formatAccessLogLine(e: AccessLogEntry): string {
  const user = e.certname ? quoteField(e.certname).replace(/ /g, '_') : '-';
  const ua = e.userAgent ? quoteField(e.userAgent) : '-';
  return `${e.ip} - ${user} [${clfDate(e.time)}] "${e.method} ${quoteField(e.url)} HTTP/${e.httpVersion}" ${e.status} ${e.bytes} "-" "${ua}" ${Math.round(e.durationMs)}`;
}

export interface AccessLogSink {
  log: AccessLogger;
  close(): Promise<void>;
}

/** Writes access log lines to `file` (appending, created with its directory) and/or `stream`. */
export function openAccessLog(options: { file?: string; stream?: Writable }): AccessLogSink {
  let fileStream: WriteStream | undefined;
  if (options.file) {
    mkdirSync(dirname(options.file), { recursive: true });
    fileStream = createWriteStream(options.file, { flags: 'a', mode: 0o640 });
  }
  const targets = [fileStream, options.stream].filter((s): s is Writable => s !== undefined);
  return {
    log(entry) {
      const line = `${formatAccessLogLine(entry)}\n`;
      for (const t of targets) t.write(line);
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (!fileStream) return resolve();
        fileStream.end(() => resolve());
      }),
  };
}
