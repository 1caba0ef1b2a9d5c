// Reports that could not be sent, kept on disk until a later run delivers
// them. Puppet 7 logs "Could not send report" and loses the report; Bunraku
// keeps it in $statedir/pending_reports/ (one JSON file per report: the
// environment it was for and the report exactly as it would have been sent)
// and sends the backlog, oldest first, before the next run's own report.
// The spool is bounded: beyond `limit` files the oldest are dropped.
import { readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../util/atomic-write.js';

export const PENDING_REPORTS_DIR = 'pending_reports';
export const DEFAULT_SPOOL_LIMIT = 50;

export interface PendingReport {
  /** The file name, which orders the spool. */
  readonly id: string;
  readonly environment: string;
  /** The report as serialized for the PUT. */
  readonly body: string;
  readonly transactionUuid: string;
}

interface SpoolFile {
  environment: string;
  transaction_uuid: string;
  report: unknown;
}

export class ReportSpool {
  constructor(readonly dir: string, readonly limit = DEFAULT_SPOOL_LIMIT) {}

  /** Keeps a report for later; returns the ids dropped to stay within the limit. */
  async add(o: { environment: string; transactionUuid: string; report: object; nowMs: number }): Promise<string[]> {
    // Zero-padded time first, so the lexical order of names is the order of runs.
    const id = `${String(o.nowMs).padStart(15, '0')}-${o.transactionUuid}.json`;
    const data: SpoolFile = { environment: o.environment, transaction_uuid: o.transactionUuid, report: o.report };
    await writeFileAtomic(join(this.dir, id), JSON.stringify(data), { mode: 0o640, mkdirp: true });
    const ids = this.#ids();
    const dropped = ids.slice(0, Math.max(0, ids.length - this.limit));
    for (const old of dropped) this.remove(old);
    return dropped;
  }

  /** Spooled reports, oldest first; unreadable files are skipped (and left for a person to inspect). */
  pending(): PendingReport[] {
    const out: PendingReport[] = [];
    for (const id of this.#ids()) {
      try {
        const data = JSON.parse(readFileSync(join(this.dir, id), 'utf8')) as SpoolFile;
        out.push({ id, environment: String(data.environment), transactionUuid: String(data.transaction_uuid), body: JSON.stringify(data.report) });
      } catch {
        // a torn or foreign file: not ours to send
      }
    }
    return out;
  }

  remove(id: string): void {
    try {
      unlinkSync(join(this.dir, id));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }

  #ids(): string[] {
    try {
      return readdirSync(this.dir).filter((f) => /^\d{15}-[^/]+\.json$/.test(f)).sort();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
  }
}
