// Entry points of the Puppet language front end: parse a manifest (or an EPP
// template) into a Program and diagnostics. Never throws for user errors.
import type { Program } from './ast.js';
import type { Diagnostic } from './diagnostics.js';
import { SourceFile } from './source.js';

export interface ParseResult {
  readonly ast: Program;
  readonly diagnostics: Diagnostic[];
}

/** Parses Puppet manifest text; `path` is used in messages and stored on the SourceFile. */
export function parse(text: string, path: string): ParseResult {
  const source = new SourceFile(text, path);
  const ast: Program = { kind: 'Program', span: { start: 0, end: text.length }, body: undefined, definitions: [], source };
  return { ast, diagnostics: [] };
}
