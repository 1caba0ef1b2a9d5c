// The agent's facts: facter-compatible core facts (structured and legacy),
// external facts from facts.d, Ruby custom facts from lib/facter, and the
// agent's own (clientcert, ...), as the Puppet 7 agent sends them in its
// catalog request.
import { accessSync, constants, statSync } from 'node:fs';
import { liveSystem, type SystemReader } from './system.js';
import { legacyFacts } from './legacy.js';
import { readExternalFacts } from './external.js';
import { defaultFactDirs, environmentFacts, findFactFiles, resolveRubyFacts, type FactFile, type FactMessage } from './ruby-facts.js';
import { RubyRuntime, stdlibDirIn } from '../../ruby/runtime.js';
import type { Settings } from '../../settings/index.js';
import {
  resolveDisks, resolveDmi, resolveFilesystems, resolveKernel, resolveMemory, resolveMountpoints, resolveNetworking,
  resolveOs, resolveProcessors, resolveTimezone, resolveUptime, type FactMap, type FactValue,
} from './linux.js';

export type { FactMap, FactValue } from './linux.js';
export type { SystemReader } from './system.js';
export type { FactMessage, FactLogLevel } from './ruby-facts.js';

/** The facter version whose fact names and structure these facts follow. */
export const FACTER_COMPAT_VERSION = '4.3.0';

export interface CollectOptions {
  readonly system?: SystemReader;
  /** facts.d directories, read in order (later files win). */
  readonly externalDirs?: readonly string[];
  /**
   * Directories of Ruby custom facts. Default: the `factpath` of `settings`, or
   * without settings $vardir/lib/facter beside an external directory named
   * facts.d (Puppet's default pluginfactdest); then FACTERLIB's directories.
   */
  readonly customFactDirs?: readonly string[];
  /** The agent's settings: `factpath`, and what Puppet[:name] answers custom facts. */
  readonly settings?: Settings;
  /** The Ruby runtime for custom facts (kept open); default: one started only when fact files exist, closed after. */
  readonly ruby?: RubyRuntime;
  /** The environment custom facts see and pass to their commands (default: process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Keep Facter.debug messages from custom facts. */
  readonly debug?: boolean;
  /** Facts the caller adds last (clientcert, clientversion, clientnoop, ...). */
  readonly extra?: FactMap;
}

export interface CollectResult {
  readonly facts: FactMap;
  /** Problems worth a warning or an error: external fact files, custom facts that failed. */
  readonly warnings: readonly string[];
  /** Everything fact resolution logged, with its level (Puppet logs these with source 'Facter'). */
  readonly messages: readonly FactMessage[];
}

function executable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function collectFacts(opts: CollectOptions = {}): CollectResult {
  const sys = opts.system ?? liveSystem;
  const externalDirs = opts.externalDirs ?? [];
  const factFiles = findFactFiles(sys, opts.customFactDirs ?? customFactDirs(opts.settings, externalDirs, sys.env('FACTERLIB')));
  // Booting the embedded Ruby takes seconds: start it in its worker now, while
  // the core facts are read, when (and only when) there are fact files.
  const vardir = opts.settings?.vardir;
  const ruby = factFiles.length > 0 ? opts.ruby ?? startRuby(vardir === undefined ? undefined : stdlibDirIn(String(vardir))) : undefined;
  try {
    return collect(sys, opts, externalDirs, factFiles, ruby);
  } finally {
    if (ruby && ruby !== opts.ruby) ruby.close();
  }
}

/** `stdlibDir`: where Ruby's standard library is extracted once (the agent's vardir; default a temp dir). */
function startRuby(stdlibDir: string | undefined): RubyRuntime | undefined {
  try {
    const ruby = new RubyRuntime({ timeoutMs: 600_000, stdlibDir });
    void ruby.start();
    return ruby;
  } catch {
    return undefined; // resolveRubyFacts makes its own attempt and reports why it failed
  }
}

function collect(sys: SystemReader, opts: CollectOptions, externalDirs: readonly string[], factFiles: readonly FactFile[], ruby: RubyRuntime | undefined): CollectResult {
  const core: FactMap = {};
  const ident = sys.identity();
  core.disks = resolveDisks(sys);
  const dmi = resolveDmi(sys);
  if (dmi && Object.keys(dmi as object).length) core.dmi = dmi;
  core.facterversion = FACTER_COMPAT_VERSION;
  core.filesystems = resolveFilesystems(sys);
  core.fips_enabled = sys.readText('/proc/sys/crypto/fips_enabled')?.trim() === '1';
  core.identity = { gid: ident.gid, group: ident.group, privileged: ident.uid === 0, uid: ident.uid, user: ident.user };
  Object.assign(core, resolveKernel(sys));
  const [l1, l5, l15] = sysLoad(sys);
  core.load_averages = { '15m': l15, '1m': l1, '5m': l5 };
  core.memory = resolveMemory(sys);
  core.mountpoints = resolveMountpoints(sys);
  core.networking = resolveNetworking(sys);
  core.os = resolveOs(sys);
  core.path = sys.env('PATH') ?? '';
  core.processors = resolveProcessors(sys);
  const uptime = resolveUptime(sys);
  if (uptime) core.system_uptime = uptime;
  core.timezone = resolveTimezone(sys);

  const legacy = legacyFacts(core, { lsb: sys.exists('/usr/bin/lsb_release') });
  const external = readExternalFacts(sys, externalDirs, executable);
  const messages: FactMessage[] = external.warnings.map((message) => ({ level: 'warning', message }));
  // Custom facts last: facter 4 lets one override a core fact only when its
  // winning resolution has a weight above 0, and an external fact (weight
  // 10000) only above that; the Ruby side applies both rules.
  // FACTER_<name> variables: facts of weight 1000000, above external facts.
  const envFacts = environmentFacts(opts.env ?? process.env);
  const puppetVersion = opts.extra?.puppetversion;
  const custom = resolveRubyFacts({
    files: factFiles, core: { ...legacy, ...core }, external: external.facts, envFacts, runtime: ruby, debug: opts.debug, env: opts.env,
    puppetSettings: opts.settings, puppetVersion: typeof puppetVersion === 'string' ? puppetVersion : undefined,
  });
  messages.push(...custom.messages);
  const merged: FactMap = { ...legacy, ...core, ...external.facts, ...envFacts, ...custom.facts, ...(opts.extra ?? {}) };
  const sorted: FactMap = {};
  for (const key of Object.keys(merged).sort()) {
    const value = merged[key];
    if (value !== null && value !== undefined) sorted[key] = sanitizeFact(value);
  }
  const warnings = messages.filter((m) => m.level === 'warning' || m.level === 'err').map((m) => m.message);
  return { facts: sorted, warnings, messages };
}

/** Puppet::Node::Facts#sanitize, which the agent's facts pass through: nil inside a structure becomes "". */
export function sanitizeFact(value: FactValue): FactValue {
  if (value === null) return '';
  if (Array.isArray(value)) return value.map(sanitizeFact);
  if (typeof value === 'object') {
    const out: { [key: string]: FactValue } = {};
    for (const [k, v] of Object.entries(value)) out[k] = sanitizeFact(v);
    return out;
  }
  return value;
}

function customFactDirs(settings: Settings | undefined, externalDirs: readonly string[], facterlib: string | undefined): string[] {
  if (!settings) return defaultFactDirs(externalDirs, facterlib);
  const dirs = String(settings.factpath ?? '').split(':').filter((d) => d !== '');
  for (const d of (facterlib ?? '').split(':')) if (d) dirs.push(d);
  return [...new Set(dirs)];
}

function sysLoad(sys: SystemReader): [number, number, number] {
  const parts = (sys.readText('/proc/loadavg') ?? '0 0 0').split(' ').map(Number);
  return [parts[0] || 0, parts[1] || 0, parts[2] || 0];
}
