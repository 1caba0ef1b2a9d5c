// The command line: maps `bunraku <subcommand> ...` to the module that owns the
// subcommand. Each subcommand module exports `run(argv): Promise<number>`
// returning the process exit code; nothing else happens here.

interface SubcommandModule {
  run(argv: string[]): Promise<number>;
}

/** Subcommands, each loaded only when used so start-up stays cheap. */
const subcommands: Record<string, { summary: string; load: () => Promise<SubcommandModule> }> = {
  server: { summary: 'Run the Puppet-compatible server and certificate authority', load: () => import('./server.js') },
  agent: { summary: 'Run the agent: certificates, pluginsync, facts, catalog, apply, report', load: () => import('./agent.js') },
  ca: { summary: 'Manage the certificate authority: list, sign, revoke, clean, generate, fingerprint', load: () => import('./ca.js') },
  catalog: { summary: 'Compile a catalog for a node: catalog compile --node NAME --facts FILE', load: () => import('./catalog.js') },
  parser: { summary: 'Validate Puppet manifests: parser validate FILE...', load: () => import('./parser.js') },
  facts: { summary: 'Print this machine\'s facts as JSON', load: () => import('./facts.js') },
  lookup: { summary: 'Look up a key in Hiera for a node, as puppet lookup', load: () => import('./lookup.js') },
};

export function usage(): string {
  const width = Math.max(...Object.keys(subcommands).map((n) => n.length));
  const lines = Object.entries(subcommands).map(([name, s]) => `  ${name.padEnd(width)}  ${s.summary}`);
  return `Usage: bunraku <subcommand> [options]\n\nSubcommands:\n${lines.join('\n')}\n\nRun \`bunraku <subcommand> --help\` for the options of one subcommand.\n`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name === undefined ? 1 : 0;
  }
  if (name === '--version' || name === '-V') {
    process.stdout.write(`${await version()}\n`);
    return 0;
  }
  const entry = Object.hasOwn(subcommands, name) ? subcommands[name] : undefined;
  if (!entry) {
    process.stderr.write(`Error: unknown subcommand "${name}"\n\n${usage()}`);
    return 1;
  }
  let mod: SubcommandModule;
  try {
    mod = await entry.load();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && String((err as Error).message).includes(`/cli/${name}.`)) {
      process.stderr.write(`Error: the "${name}" subcommand is not available in this build\n`);
      return 1;
    }
    throw err;
  }
  return mod.run(rest);
}

async function version(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  for (const rel of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(await readFile(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'bunraku' && pkg.version) return pkg.version;
    } catch {
      // try the next location: the layout differs between src/ and dist/src/
    }
  }
  return 'unknown';
}
