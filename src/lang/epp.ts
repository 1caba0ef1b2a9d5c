// EPP templates: placeholder until the template lexer lands.
import type { ParseResult } from './parser.js';
import { parse } from './parser.js';

export function parseEpp(text: string, path: string): ParseResult {
  return parse(text, path);
}
