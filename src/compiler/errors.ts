// Errors a compile reports to its caller: the message is Puppet's text, and the
// location (when known) is printed the way Puppet prints it.

export interface ErrorLocation {
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
}

/** A compile failure caused by the user's code or data (never an internal bug). */
export class CompileError extends Error {
  constructor(message: string, readonly location?: ErrorLocation) {
    super(message);
  }

  /** Puppet's `message (file: f, line: l, column: c)` form. */
  get puppetMessage(): string {
    const loc = this.location;
    if (!loc || (loc.file === undefined && loc.line === undefined)) return this.message;
    const parts: string[] = [];
    if (loc.file) parts.push(`file: ${loc.file}`);
    if (loc.line !== undefined) parts.push(`line: ${loc.line}`);
    if (loc.column !== undefined) parts.push(`column: ${loc.column}`);
    return `${this.message} (${parts.join(', ')})`;
  }
}
