// `bunraku lookup KEY...`: a Hiera lookup for a node, printed as `puppet lookup` prints it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYamlText } from 'yaml';
import { resolveSettings, SettingsError } from '../settings/index.js';
import { Environment, nodeFsHost } from '../compiler/index.js';
import { PFloat, PHash, fromJson, type Value } from '../lang/values.js';
import { builtinType } from '../lang/types/factory.js';
import { isInstance } from '../lang/types/instance.js';
import { describeMismatch } from '../lang/types/mismatch.js';
import { createHiera, notFoundMessage, HieraError, renderYaml, type HieraScope } from '../hiera/index.js';

const USAGE = `Usage: bunraku lookup KEY... --node NAME [--environment ENV] [--facts FILE] [--explain]
       [--merge first|unique|hash|deep] [--knock-out-prefix P] [--sort-merged-arrays] [--merge-hash-arrays]
       [--default VALUE] [--type TYPE] [--confdir DIR] [--codedir DIR] [--vardir DIR] [--hiera_config FILE]

Looks KEY up in Hiera (global, environment and module layers) for node NAME and
prints the value as YAML, as \`puppet lookup\` does. Facts come from FILE (JSON or
YAML, a plain hash or the wire form {name, values}) or from the server's facts
cache ($server_datadir/facts/NAME.json). Exits 1 when no value is found.
`;

export async function run(argv: string[]): Promise<number> {
  let resolved;
  try {
    resolved = resolveSettings({
      runMode: 'server',
      argv,
      options: {
        help: { type: 'boolean', short: 'h' },
        node: { type: 'string' },
        facts: { type: 'string' },
        explain: { type: 'boolean' },
        merge: { type: 'string' },
        'knock-out-prefix': { type: 'string' },
        'sort-merged-arrays': { type: 'boolean' },
        'merge-hash-arrays': { type: 'boolean' },
        default: { type: 'string' },
        type: { type: 'string' },
      },
    });
  } catch (err) {
    if (err instanceof SettingsError) {
      process.stderr.write(`Error: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
  const { settings, options, positionals } = resolved;
  if (options.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const fail = (message: string): number => {
    process.stderr.write(`Error: Could not run: ${message}\n`);
    return 1;
  };
  if (positionals.length === 0) return fail('No keys were given to lookup.');
  const node = typeof options.node === 'string' ? options.node : settings.certname;
  const envName = settings.environment;

  let facts: Value;
  try {
    facts = loadFacts(typeof options.facts === 'string' ? options.facts : join(String(settings.server_datadir), 'facts', `${node}.json`));
  } catch (e) {
    if (typeof options.facts === 'string') return fail((e as Error).message);
    facts = undefined;
  }
  if (!(facts instanceof PHash) || facts.size === 0) return fail(`No facts available for target node: ${node}`);

  const host = nodeFsHost();
  const envSettings = { environmentpath: settings.environmentpath.split(':'), basemodulepath: String(settings.basemodulepath).split(':') };
  const env = Environment.find(host, envSettings, envName);
  if (!env) return fail(`Could not find a directory environment named '${envName}' anywhere in the path: ${settings.environmentpath}`);

  let merge: Value;
  if (typeof options.merge === 'string') {
    if (!['first', 'unique', 'hash', 'deep'].includes(options.merge)) return fail(`The --merge option only accepts 'first', 'unique', 'hash', or 'deep'`);
    const extra: [string, Value][] = [];
    if (options.merge === 'deep') {
      // as puppet lookup: both flags always given with deep, then the prefix
      extra.push(['sort_merged_arrays', options['sort-merged-arrays'] === true], ['merge_hash_arrays', options['merge-hash-arrays'] === true]);
      if (typeof options['knock-out-prefix'] === 'string') extra.push(['knockout_prefix', options['knock-out-prefix']]);
    } else if (options['sort-merged-arrays'] || options['merge-hash-arrays'] || typeof options['knock-out-prefix'] === 'string') {
      return fail("The options --knock-out-prefix, --sort-merged-arrays, and --merge-hash-arrays are only available with '--merge deep'");
    }
    merge = extra.length > 0 ? PHash.from([['strategy', options.merge], ...extra]) : options.merge;
  }
  const type = typeof options.type === 'string' && /^[A-Z]\w*$/.test(options.type) ? builtinType(options.type.toLowerCase()) : undefined;
  if (typeof options.type === 'string' && !type) return fail(`Only plain type names are supported by --type (got '${options.type}')`);

  const hiera = createHiera({
    globalConfigPath: String(settings.hiera_config),
    environmentDir: env.dir,
    moduleDirs: (name) => env.moduleDir(host, name),
    codedir: settings.codedir,
    onWarning: (m) => process.stderr.write(`Warning: ${m}\n`),
    convert: simpleConvert,
  });
  const scope = nodeScope(facts, envName);
  const explain = options.explain === true;
  let result;
  try {
    result = hiera.lookup(positionals, { scope, merge, explain, hasDefault: typeof options.default === 'string', defaultValue: options.default as Value });
  } catch (e) {
    if (!(e instanceof HieraError)) throw e;
    if (explain) {
      process.stdout.write((e as HieraError & { explanation?: string }).explanation ?? `${e.message}\n`);
      return 0;
    }
    if (e.issueCode === 'TYPE_MISMATCH') return fail(e.detailed);
    // puppet lookup exits 1 without an Error: line for lookup errors; we still say what failed
    process.stderr.write(`${e.detailed}\n`);
    return 1;
  }
  if (explain) {
    let text = result.explanation ?? '';
    if (!result.found && typeof options.default !== 'string') text += `${notFoundMessage(positionals)}\n`;
    process.stdout.write(text);
    return 0;
  }
  if (!result.found && typeof options.default !== 'string') {
    process.stderr.write(`${notFoundMessage(positionals)}\n`);
    return 1;
  }
  if (type && !isInstance(type, result.value)) {
    const subject = result.found ? 'Found value' : 'Default value';
    const detail = describeMismatch(subject, type, result.value) ?? `${subject} has wrong type`;
    return fail(detail.replace(`${subject} expects`, `${subject} has wrong type, expects`));
  }
  process.stdout.write(renderYaml(result.value));
  return 0;
}

function loadFacts(path: string): Value {
  const text = readFileSync(path, 'utf8');
  let data: unknown;
  try {
    data = path.endsWith('.yaml') || path.endsWith('.yml') ? parseYamlText(text) : JSON.parse(text);
  } catch {
    data = parseYamlText(text);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new Error(`Incorrectly formatted data in ${path} given via the --facts flag (only accepts yaml and json files)`);
  }
  const obj = data as Record<string, unknown>;
  const keys = Object.keys(obj);
  // the agent's wire form {name, values, timestamp, expiration}
  if (keys.includes('values') && keys.includes('name') && typeof obj.values === 'object') return fromJson(obj.values);
  return fromJson(obj);
}

/** The top scope `puppet lookup --node` gives Hiera: facts as variables, $facts, $trusted, $server_facts. */
function nodeScope(facts: PHash, environment: string): HieraScope {
  // `puppet lookup --node` runs without the node's certificate: trusted data is local and has no certname
  const trusted = fromJson({ authenticated: 'local', certname: null, extensions: {}, hostname: null, domain: null });
  return {
    variable(name: string): Value {
      switch (name) {
        case 'facts': return facts;
        case 'trusted': return trusted;
        // puppet lookup has no $server_facts (no server request): %{server_facts.x} is empty
        case 'server_facts': return undefined;
        case 'environment': return environment;
        default: return facts.get(name);
      }
    },
  };
}

/** convert_to for the CLI (outside a compile): the scalar types only. */
function simpleConvert(value: Value, convertTo: Value): Value {
  const name = Array.isArray(convertTo) ? convertTo[0] : convertTo;
  const s = typeof value === 'string' ? value.trim() : undefined;
  switch (name) {
    case 'Integer':
      if (typeof value === 'number') return value;
      if (s !== undefined && /^[-+]?\d+$/.test(s)) return Number(s);
      break;
    case 'Float':
      if (s !== undefined && /^[-+]?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(s)) return new PFloat(Number(s));
      break;
    case 'String':
      if (typeof value === 'string') return value;
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      break;
    case 'Boolean':
      if (typeof value === 'boolean') return value;
      if (s === 'true' || s === 'yes') return true;
      if (s === 'false' || s === 'no') return false;
      break;
  }
  throw new Error(`Cannot convert ${JSON.stringify(String(value))} to ${String(name)} here (bunraku lookup converts to Integer, Float, String and Boolean)`);
}
