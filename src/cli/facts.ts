// `bunraku facts`: prints this machine's facts as JSON, as the agent sends them.
import { resolveSettings, SettingsError } from '../settings/index.js';
import { collectFacts } from '../agent/facts/index.js';

export async function run(argv: string[]): Promise<number> {
  let resolved;
  try {
    resolved = resolveSettings({ runMode: 'agent', argv, options: { help: { type: 'boolean', short: 'h' } } });
  } catch (err) {
    if (err instanceof SettingsError) {
      process.stderr.write(`Error: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
  if (resolved.options.help) {
    process.stdout.write('Usage: bunraku facts [--confdir DIR] [--vardir DIR]\n\nPrints the facts the agent would send, as JSON.\n');
    return 0;
  }
  const { settings } = resolved;
  const { facts, warnings } = collectFacts({ externalDirs: [`${settings.confdir}/facts.d`, String(settings.pluginfactdest)] });
  for (const w of warnings) process.stderr.write(`Warning: ${w}\n`);
  process.stdout.write(`${JSON.stringify(facts, null, 2)}\n`);
  return 0;
}
