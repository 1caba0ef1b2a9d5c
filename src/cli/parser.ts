// `bunraku parser validate [--format=caret|puppet] FILE...`: parses and
// validates manifests (`.epp` files as templates). Silent with exit 0 when all
// are valid; otherwise prints the diagnostics and exits 1, like
// `puppet parser validate`.
import { readFile } from 'node:fs/promises';
import { parse } from '../lang/parser.js';
import { parseEpp } from '../lang/epp.js';
import { formatDiagnostic, formatPuppetStyle, type Diagnostic } from '../lang/diagnostics.js';

const USAGE = `Usage: bunraku parser validate [--format=caret|puppet] FILE...

Checks the syntax and static validity of Puppet manifests (and .epp templates).
  --format=caret   file:line:col, the source line and a caret (default)
  --format=puppet  the lines \`puppet parser validate\` prints
`;

export async function run(argv: string[]): Promise<number> {
  const [action, ...rest] = argv;
  if (action === '--help' || action === '-h' || action === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (action !== 'validate') {
    process.stderr.write(action === undefined ? USAGE : `Error: unknown parser action "${action}"\n\n${USAGE}`);
    return 1;
  }
  let format: 'caret' | 'puppet' = 'caret';
  const files: string[] = [];
  for (const arg of rest) {
    if (arg === '--format=puppet') format = 'puppet';
    else if (arg === '--format=caret') format = 'caret';
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write(USAGE);
      return 0;
    } else if (arg.startsWith('-')) {
      process.stderr.write(`Error: unknown option "${arg}"\n\n${USAGE}`);
      return 1;
    } else files.push(arg);
  }
  if (files.length === 0) {
    process.stderr.write(`Error: no files to validate\n\n${USAGE}`);
    return 1;
  }
  let failed = false;
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      process.stderr.write(`Error: Cannot read "${file}": ${(err as Error).message}\n`);
      failed = true;
      continue;
    }
    const { diagnostics } = file.endsWith('.epp') ? parseEpp(text, file) : parse(text, file);
    if (report(diagnostics, format)) failed = true;
  }
  return failed ? 1 : 0;
}

/** Prints one file's diagnostics; true when any is an error. */
function report(diagnostics: readonly Diagnostic[], format: 'caret' | 'puppet'): boolean {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (format === 'caret') {
    for (const d of diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
    return errors.length > 0;
  }
  for (const d of diagnostics) if (d.severity !== 'error') process.stderr.write(`Warning: ${formatPuppetStyle(d)}\n`);
  if (errors.length === 1) {
    process.stderr.write(`Error: Could not parse for environment production: ${formatPuppetStyle(errors[0])}\n`);
    // Puppet's errors without an issue code (plain ParseError) end with a usage hint
    if (errors[0].code === 'PARSE_ERROR') process.stderr.write("Error: Try 'puppet help parser validate' for usage\n");
  } else if (errors.length > 1) {
    for (const d of errors) process.stderr.write(`Error: ${formatPuppetStyle(d)}\n`);
    process.stderr.write(`Error: Language validation logged ${errors.length} errors. Giving up\n`);
  }
  return errors.length > 0;
}
