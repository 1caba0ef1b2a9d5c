// `bunraku catalog compile --node NAME --facts FILE [--environment E] [--environmentpath DIR]`:
// compiles one catalog and prints its JSON exactly as the server would send it.
import { readFileSync } from 'node:fs';
import { compile } from '../compiler/compiler.js';
import { Environment } from '../compiler/environment.js';
import { CompileError } from '../compiler/errors.js';
import { nodeFsHost } from '../compiler/host.js';
import { ExportStore } from '../exports/index.js';
import { RubyRuntime } from '../ruby/runtime.js';
import { resolveSettings } from '../settings/index.js';
import { catalogToJson, catalogToPrettyJson } from '../catalog/json.js';

const USAGE = `Usage: bunraku catalog compile --node NAME --facts FILE [--environment ENV] [--environmentpath DIR]
       [--hiera_config FILE] [--pretty] [--plain-json]

Compiles the catalog of node NAME from the facts in FILE (the agent's facts
object, or a bare hash of facts) and prints it as puppetserver would send it.
--exports DIR: a store of exported resources (the server's is
$server_datadir/exports): <<| |>> collects other nodes' exports from it, and
the node's own exports replace its entry there, as the server does with
storeconfigs on. Without it exported collectors collect nothing.
Hiera data comes from the global hiera.yaml (--hiera_config, default the
server's hiera_config setting), the environment's and the modules' layers.
`;

interface Args {
  node?: string;
  facts?: string;
  environment: string;
  environmentpath: string;
  exports?: string;
  hieraConfig?: string;
  pretty: boolean;
  rich: boolean;
}

function parseArgs(argv: string[]): Args | string {
  const a: Args = { environment: 'production', environmentpath: '/etc/puppetlabs/code/environments', pretty: false, rich: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--node': a.node = value(); break;
      case '--facts': a.facts = value(); break;
      case '--environment': a.environment = value(); break;
      case '--environmentpath': a.environmentpath = value(); break;
      case '--exports': a.exports = value(); break;
      case '--hiera_config': a.hieraConfig = value(); break;
      case '--pretty': a.pretty = true; break;
      case '--plain-json': a.rich = false; break;
      default: return `unknown option "${arg}"`;
    }
  }
  if (!a.node) return 'missing --node';
  if (!a.facts) return 'missing --facts';
  return a;
}

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === '--help' || sub === '-h' || sub === undefined) {
    process.stdout.write(USAGE);
    return sub === undefined ? 1 : 0;
  }
  if (sub !== 'compile') {
    process.stderr.write(`Error: unknown catalog action "${sub}"\n\n${USAGE}`);
    return 1;
  }
  const args = parseArgs(rest);
  if (typeof args === 'string') {
    process.stderr.write(`Error: ${args}\n\n${USAGE}`);
    return 1;
  }
  let facts: Record<string, unknown>;
  try {
    const parsed = JSON.parse(readFileSync(args.facts!, 'utf8')) as Record<string, unknown>;
    facts = parsed && typeof parsed.values === 'object' && parsed.values !== null ? (parsed.values as Record<string, unknown>) : parsed;
  } catch (err) {
    process.stderr.write(`Error: cannot read facts from "${args.facts}": ${(err as Error).message}\n`);
    return 1;
  }
  const host = nodeFsHost();
  const store = args.exports !== undefined ? new ExportStore(args.exports) : undefined;
  const env = Environment.find(host, { environmentpath: args.environmentpath.split(':') }, args.environment);
  if (!env) {
    process.stderr.write(`Error: Could not find a directory environment named '${args.environment}' anywhere in the path: ${args.environmentpath}\n`);
    return 1;
  }
  const settings = resolveSettings({ runMode: 'server', argv: [] }).settings;
  let ruby: RubyRuntime | undefined;
  try {
    const result = compile({
      node: args.node!, facts, environment: env, host,
      hieraConfig: args.hieraConfig ?? String(settings.hiera_config), codedir: String(settings.codedir),
      settings: { ...settings, environmentpath: args.environmentpath },
      ruby: () => (ruby ??= new RubyRuntime()),
      exports: store?.snapshot(),
    });
    for (const l of result.logs) process.stderr.write(`${l.level[0].toUpperCase()}${l.level.slice(1)}: Scope(${l.scope}): ${l.message}\n`);
    const json = args.pretty ? catalogToPrettyJson(result.catalog, { richData: args.rich }) : catalogToJson(result.catalog, { richData: args.rich });
    process.stdout.write(`${json}\n`);
    if (store) await store.replace(args.node!, env.name, result.exported);
    return 0;
  } catch (err) {
    if (err instanceof CompileError) {
      process.stderr.write(`Error: ${err.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    ruby?.close();
  }
}
