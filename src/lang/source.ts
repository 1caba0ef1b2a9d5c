// Source files and positions: a parsed file's text, its path, and the locator
// that turns character offsets into 1-based line and column numbers. Offsets
// are JavaScript string indices (UTF-16 code units) into SourceFile.text; they
// are converted to line:column only when something is printed.

/** A half-open range [start, end) of offsets into one source file's text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Turns offsets into line and column numbers; built lazily from the text. */
export class Locator {
  readonly text: string;
  private lineStarts: number[] | undefined;

  constructor(text: string) {
    this.text = text;
  }

  /** Offsets at which each line starts; index 0 is line 1. */
  lineIndex(): readonly number[] {
    if (this.lineStarts === undefined) {
      const starts = [0];
      const text = this.text;
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }

  /** The 1-based line holding the offset (offsets past the end map to the last line). */
  lineOf(offset: number): number {
    const starts = this.lineIndex();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /**
   * The 1-based column of the offset on its line, counted in characters
   * (code points), as Puppet's `pos` is.
   */
  columnOf(offset: number): number {
    const line = this.lineOf(offset);
    const start = this.lineIndex()[line - 1];
    let col = 1;
    for (let i = start; i < offset && i < this.text.length; i++) {
      const c = this.text.charCodeAt(i);
      // the low half of a surrogate pair does not start a new character
      if (c < 0xdc00 || c > 0xdfff) col++;
    }
    return col;
  }

  /** The text of a 1-based line without its line terminator. */
  lineText(line: number): string {
    const starts = this.lineIndex();
    const start = starts[line - 1] ?? this.text.length;
    let end = line < starts.length ? starts[line] - 1 : this.text.length;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return this.text.slice(start, end);
  }
}

/** One parsed unit of source: a manifest, an EPP template, or a string given to a function. */
export class SourceFile {
  /** The path shown in messages (may be empty for code given as a string). */
  readonly path: string;
  readonly text: string;
  readonly locator: Locator;

  constructor(text: string, path: string) {
    this.text = text;
    this.path = path;
    this.locator = new Locator(text);
  }

  lineOf(offset: number): number {
    return this.locator.lineOf(offset);
  }

  columnOf(offset: number): number {
    return this.locator.columnOf(offset);
  }
}
