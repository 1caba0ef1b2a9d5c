// Puppet's post-parse checks (pops/validation/checker4_0.rb): placeholder until filled in.
import type { Program } from './ast.js';
import type { Diagnostic } from './diagnostics.js';

export function validate(_program: Program): Diagnostic[] {
  return [];
}
