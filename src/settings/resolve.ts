// Resolves settings once: built-in defaults, then puppet.conf ([main], then the
// run mode's section), then command-line flags; `$name` references expanded
// last. The result is frozen and passed explicitly to whoever needs it.
import { readFileSync } from 'node:fs';
import { hostname as osHostname, homedir, userInfo } from 'node:os';
import { isAbsolute, resolve as resolvePath } from 'node:path';
import { settingAliases, settingDefinitions, type DefaultsContext, type SettingDefinition } from './definitions.js';
import { parsePuppetConf, SettingsError, type PuppetConf, type PuppetConfSection } from './puppet-conf.js';

export { SettingsError } from './puppet-conf.js';

export type RunMode = 'server' | 'agent' | 'user';

/** A resolved setting value: strings, numbers (durations in seconds; null for unlimited/unset), booleans, lists. */
export type SettingValue = string | number | boolean | null | readonly string[];

/** Settings as Puppet names them. Typed accessors for the common ones; every definition is present. */
export interface Settings {
  readonly [name: string]: SettingValue;
  readonly run_mode: RunMode;
  readonly confdir: string;
  readonly codedir: string;
  readonly vardir: string;
  readonly logdir: string;
  readonly rundir: string;
  readonly ssldir: string;
  readonly certname: string;
  readonly server: string;
  readonly serverport: number;
  readonly bindaddress: string;
  readonly environmentpath: string;
  readonly environment: string;
  readonly keylength: number;
  readonly ca_ttl: number;
  readonly waitforcert: number;
  readonly maxwaitforcert: number | null;
  readonly http_keepalive_timeout: number;
  readonly certificate_revocation: string;
  readonly dns_alt_names: readonly string[];
  /** true, false, or the path of a whitelist file or policy executable. */
  readonly autosign: boolean | string;
}

/** An option of a subcommand that is not a setting (e.g. `--all`, `-t`). */
export interface OptionSpec {
  readonly type: 'boolean' | 'string';
  readonly short?: string;
  /** Settings this option implies, as Puppet's `-t` implies onetime, no-daemonize, ... */
  readonly implies?: Readonly<Record<string, string>>;
}

export interface ResolveOptions {
  readonly runMode: RunMode;
  readonly argv: readonly string[];
  /** Options of the subcommand that are not settings. */
  readonly options?: Readonly<Record<string, OptionSpec>>;
  /** Overrides for the defaults context (tests). */
  readonly context?: Partial<DefaultsContext>;
  /** Settings whose defaults differ for this subcommand (e.g. the agent's waitforcert under -t). */
  readonly defaults?: Readonly<Record<string, string | number | boolean | null>>;
}

export interface Resolved {
  readonly settings: Settings;
  /** Values of the subcommand's own options. */
  readonly options: Readonly<Record<string, string | boolean>>;
  /** Arguments that are not options. */
  readonly positionals: readonly string[];
  /** Names of settings given explicitly (on the command line or in puppet.conf). */
  readonly explicit: ReadonlySet<string>;
}

function defaultContext(): DefaultsContext {
  const fqdn = osHostname();
  const dot = fqdn.indexOf('.');
  let root = false;
  try {
    root = process.getuid?.() === 0;
  } catch {
    root = false;
  }
  return {
    root,
    home: process.env.HOME ?? safeHome(),
    hostname: dot > 0 ? fqdn.slice(0, dot) : fqdn,
    domain: dot > 0 ? fqdn.slice(dot + 1) : '',
  };
}

function safeHome(): string {
  try {
    return homedir() || userInfo().homedir;
  } catch {
    return '/';
  }
}

function canonicalName(raw: string): string | undefined {
  const name = raw.replace(/-/g, '_');
  if (Object.hasOwn(settingDefinitions, name)) return name;
  if (Object.hasOwn(settingAliases, name)) return settingAliases[name];
  return undefined;
}

/** Parses the command line into setting values (raw strings) and subcommand options. */
function parseArgv(argv: readonly string[], specs: Readonly<Record<string, OptionSpec>>) {
  const settings = new Map<string, string>();
  const options: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  const shortToLong = new Map<string, string>();
  for (const [name, spec] of Object.entries(specs)) if (spec.short) shortToLong.set(spec.short, name);

  const applyOption = (name: string, spec: OptionSpec, value: string | boolean) => {
    options[name] = value;
    for (const [k, v] of Object.entries(spec.implies ?? {})) if (!settings.has(k)) settings.set(k, v);
  };

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      let raw = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      let inline: string | undefined = eq >= 0 ? arg.slice(eq + 1) : undefined;
      let negated = false;
      const optName = raw.replace(/_/g, '-');
      if (Object.hasOwn(specs, optName) || Object.hasOwn(specs, raw)) {
        const key = Object.hasOwn(specs, optName) ? optName : raw;
        const spec = specs[key];
        if (spec.type === 'boolean') {
          if (inline !== undefined) throw new SettingsError(`Option --${key} takes no value (got "${inline}")`);
          applyOption(key, spec, true);
        } else {
          const value = inline ?? argv[++i];
          if (value === undefined) throw new SettingsError(`Option --${key} needs a value`);
          applyOption(key, spec, value);
        }
        continue;
      }
      if (raw.startsWith('no-') && canonicalName(raw.slice(3))) {
        raw = raw.slice(3);
        negated = true;
      } else if (raw.startsWith('no-') && Object.hasOwn(specs, raw.slice(3)) && specs[raw.slice(3)].type === 'boolean') {
        options[raw.slice(3)] = false;
        continue;
      }
      const name = canonicalName(raw);
      if (!name) throw new SettingsError(`Unknown setting or option "--${raw}"`);
      const def = settingDefinitions[name];
      if (negated) {
        if (def.type !== 'boolean' && def.type !== 'autosign') throw new SettingsError(`Setting "${name}" is not a boolean; --no-${raw} is not allowed`);
        settings.set(name, 'false');
        continue;
      }
      if (def.type === 'boolean' && inline === undefined) {
        // `--noop` alone means true; `--noop true|false` is also accepted, as in Puppet.
        const next = argv[i + 1];
        if (next === 'true' || next === 'false') {
          settings.set(name, next);
          i++;
        } else {
          settings.set(name, 'true');
        }
        continue;
      }
      if (inline === undefined) {
        inline = argv[++i];
        if (inline === undefined) throw new SettingsError(`Setting --${raw} needs a value`);
      }
      settings.set(name, inline);
      continue;
    }
    if (arg.length > 1 && arg.startsWith('-') && !/^-\d/.test(arg)) {
      for (const ch of arg.slice(1)) {
        const long = shortToLong.get(ch);
        if (!long) throw new SettingsError(`Unknown option "-${ch}"`);
        const spec = specs[long];
        if (spec.type === 'string') {
          const value = argv[++i];
          if (value === undefined) throw new SettingsError(`Option -${ch} needs a value`);
          applyOption(long, spec, value);
        } else {
          applyOption(long, spec, true);
        }
      }
      continue;
    }
    positionals.push(arg);
  }
  return { settings, options, positionals };
}

const sectionsFor: Record<RunMode, PuppetConfSection[]> = {
  server: ['server', 'master'],
  agent: ['agent'],
  user: ['user'],
};

export function resolveSettings(opts: ResolveOptions): Resolved {
  const ctx: DefaultsContext = { ...defaultContext(), ...opts.context };
  const { settings: flagValues, options, positionals } = parseArgv(opts.argv, opts.options ?? {});

  // confdir (and the config file) can only come from the command line.
  const raw = new Map<string, string | number | boolean | null>();
  for (const [name, def] of Object.entries(settingDefinitions)) {
    const d = opts.defaults && Object.hasOwn(opts.defaults, name) ? opts.defaults[name] : def.default;
    raw.set(name, typeof d === 'function' ? d(ctx) : d);
  }
  const explicit = new Set<string>();

  const confdir = flagValues.get('confdir') ?? String(raw.get('confdir'));
  const configFile = `${confdir}/puppet.conf`;
  let conf: PuppetConf | undefined;
  let text: string | undefined;
  try {
    text = readFileSync(configFile, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new SettingsError(`Cannot read ${configFile}: ${(err as Error).message}`);
    }
  }
  if (text !== undefined) conf = parsePuppetConf(text, configFile);

  if (conf) {
    for (const section of ['main', ...sectionsFor[opts.runMode]] as PuppetConfSection[]) {
      for (const [key, entry] of conf[section]) {
        const name = canonicalName(key);
        if (!name) throw new SettingsError(`Unknown setting "${key}" in ${configFile} at line ${entry.line}`);
        if (settingDefinitions[name].notInPuppetConf) {
          throw new SettingsError(`Cannot set "${name}" in ${configFile} at line ${entry.line}: it belongs in an environment's environment.conf`);
        }
        raw.set(name, entry.value);
        explicit.add(name);
      }
    }
  }
  for (const [name, value] of flagValues) {
    raw.set(name, value);
    explicit.add(name);
  }

  const resolved: Record<string, SettingValue> = { run_mode: opts.runMode };
  const resolving = new Set<string>();
  const expand = (name: string): string => {
    if (name === 'run_mode') return opts.runMode;
    const value = valueOf(name);
    return Array.isArray(value) ? value.join(',') : value === null ? '' : String(value);
  };
  const valueOf = (name: string): SettingValue => {
    if (Object.hasOwn(resolved, name)) return resolved[name];
    const def: SettingDefinition | undefined = settingDefinitions[name];
    if (!def) throw new SettingsError(`Unknown setting "$${name}" referenced in a setting value`);
    if (resolving.has(name)) throw new SettingsError(`Setting "${name}" refers to itself through ${[...resolving].join(' -> ')}`);
    resolving.add(name);
    let value = raw.get(name) ?? null;
    if (typeof value === 'string') {
      value = value.replace(/\$\{(\w+)\}|\$(\w+)/g, (_m, a: string | undefined, b: string | undefined) => expand((a ?? b) as string));
    }
    const converted = convert(name, def, value);
    resolving.delete(name);
    resolved[name] = converted;
    return converted;
  };
  for (const name of Object.keys(settingDefinitions)) valueOf(name);

  return {
    settings: Object.freeze(resolved) as unknown as Settings,
    options: Object.freeze(options),
    positionals: Object.freeze(positionals),
    explicit,
  };
}

const durationUnits: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, y: 31536000 };

/** Parses Puppet's duration syntax: seconds, or `<n>[smhdy]`; `unlimited` is null. */
export function parseDuration(value: string, name = 'duration'): number | null {
  const v = value.trim();
  if (v === 'unlimited' || v === 'infinity') return null;
  const m = /^(-?\d+)\s*([smhdy]?)$/.exec(v);
  if (!m) throw new SettingsError(`Invalid duration format "${value}" for setting "${name}": expected seconds or <n>[smhdy], e.g. 30m`);
  return Number(m[1]) * (m[2] ? durationUnits[m[2]] : 1);
}

function convert(name: string, def: SettingDefinition, value: string | number | boolean | null): SettingValue {
  if (value === null) return def.nullable || def.type === 'string' ? null : failMissing(name);
  switch (def.type) {
    case 'string':
      return String(value);
    case 'path': {
      const s = String(value);
      return isAbsolute(s) || s === '' ? s : resolvePath(s);
    }
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      const s = String(value).trim().toLowerCase();
      if (s === 'true') return true;
      if (s === 'false') return false;
      throw new SettingsError(`Invalid value "${value}" for boolean setting "${name}": expected true or false`);
    }
    case 'integer': {
      const n = typeof value === 'number' ? value : Number(String(value).trim());
      if (!Number.isInteger(n)) throw new SettingsError(`Invalid value "${value}" for setting "${name}": expected an integer`);
      if (name.endsWith('port') && (n < 0 || n > 65535)) throw new SettingsError(`Invalid port ${n} for setting "${name}": expected 0 to 65535`);
      if (name === 'keylength' && n < 2048) throw new SettingsError(`Invalid keylength ${n}: RSA keys under 2048 bits are refused`);
      return n;
    }
    case 'duration': {
      const n = typeof value === 'number' ? value : parseDuration(String(value), name);
      if (n === null && !def.nullable) throw new SettingsError(`Setting "${name}" cannot be unlimited`);
      return n;
    }
    case 'ttl': {
      const n = typeof value === 'number' ? value : parseDuration(String(value), name);
      if (n === null || n <= 0) throw new SettingsError(`Invalid value "${value}" for setting "${name}": the lifetime must be positive`);
      if (n > 50 * 31536000) throw new SettingsError(`Invalid value "${value}" for setting "${name}": the lifetime may not exceed 50y`);
      return n;
    }
    case 'list':
      return Object.freeze(String(value).split(',').map((s) => s.trim()).filter((s) => s !== ''));
    case 'enum': {
      const s = String(value).trim();
      if (!def.values?.includes(s)) throw new SettingsError(`Invalid value "${value}" for setting "${name}": expected one of ${def.values?.join(', ')}`);
      return s;
    }
    case 'autosign': {
      if (typeof value === 'boolean') return value;
      const s = String(value).trim();
      if (s === 'true') return true;
      if (s === 'false') return false;
      if (!isAbsolute(s)) throw new SettingsError(`Invalid value "${value}" for setting "autosign": expected true, false or an absolute path`);
      return s;
    }
  }
}

function failMissing(name: string): never {
  throw new SettingsError(`Setting "${name}" has no value`);
}
