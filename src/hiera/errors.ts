// The one error type of Hiera lookups, worded as Puppet words them.

/** A lookup failure. `file`/`line` locate it when Puppet gives a location (config or data file). */
export class HieraError extends Error {
  readonly file: string | undefined;
  readonly line: number | undefined;
  /**
   * Puppet's issue code (e.g. `HIERA_UNSUPPORTED_VERSION_IN_GLOBAL`) when the error stems from one.
   * `TYPE_MISMATCH`: Puppet raises a type or argument error here, not a lookup error.
   */
  readonly issueCode: string | undefined;

  /**
   * `inMessage`: the location is part of the message, as Puppet's ExternalFileError
   * words errors in hiera.yaml: `... (file: /x/hiera.yaml, line: 4)`.
   */
  constructor(message: string, location: { file?: string; line?: number; issueCode?: string; inMessage?: boolean } = {}) {
    super(location.inMessage && location.file !== undefined ? `${message} (file: ${location.file}${location.line !== undefined ? `, line: ${location.line}` : ''})` : message);
    this.name = 'HieraError';
    this.file = location.file;
    this.line = location.line;
    this.issueCode = location.issueCode;
  }

  /** The message with Puppet's location suffix, e.g. `... (file: /x/hiera.yaml, line: 4)`. */
  get detailed(): string {
    if (this.file === undefined || this.message.endsWith(')') && this.message.includes(`(file: ${this.file}`)) return this.message;
    return `${this.message} (file: ${this.file}${this.line !== undefined ? `, line: ${this.line}` : ''})`;
  }
}

/** Thrown internally when a key is not found in one place; never escapes the lookup. */
export class NotFound {
  static readonly INSTANCE = new NotFound();
}
