// Ruby custom facts (lib/facter/*.rb, pluginsynced into $libdir/facter):
// found here, evaluated in the embedded CRuby through the Facter shim, and
// returned as values that override native facts the way facter 4 decides.
// Ruby is started only when at least one fact file exists.
//
// Known differences from facter 4.3 under Puppet 7 (Ruby 3.1):
// - The VM is CRuby 3.3: syntax error texts can differ, and Ruby 3.1's
//   error_highlight lines under a NoMethodError message are absent.
// - No network and no native extensions: Resolv, Net::HTTP, sockets (beyond a
//   stub for ipaddr and Socket.gethostname) and gems like ruby-augeas fail.
// - Files are read-only, through the agent; writing raises EROFS.
// - A command blocks Ruby until it ends or hits its own timeout, so a
//   Timeout.timeout around a command fires only after it returns.
// - Puppet is the small part in ruby/puppet-shim.ts; `require` of any
//   facter/ or puppet/ path not in $libdir is a no-op, not a LoadError.
// - facter 4.3 answers nil for Facter.value of a fact that a FACTER_<name>
//   variable also sets, inside custom facts; we answer the variable's value.
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { RubyRuntime } from '../../ruby/runtime.js';
import { rubyString } from '../../ruby/values.js';
import { FACTER_API_RUBY } from './ruby/facter-api.js';
import { FACTER_SYSTEM_RUBY } from './ruby/system-shim.js';
import { PUPPET_SHIM_RUBY } from './ruby/puppet-shim.js';
import { rubyFactCallback, type RubyFactHostOptions } from './ruby/host.js';
import type { SystemReader } from './system.js';
import type { FactMap } from './linux.js';

export type FactLogLevel = 'debug' | 'info' | 'warning' | 'err';

/** A message from fact resolution, at the level Puppet logs it with source 'Facter'. */
export interface FactMessage {
  readonly level: FactLogLevel;
  readonly message: string;
}

export interface FactFile {
  readonly path: string;
  readonly source: string;
}

export interface RubyFactsOptions {
  readonly files: readonly FactFile[];
  /** Native core and legacy facts: what Facter.value reads and what a weight-0 custom fact yields to. */
  readonly core: FactMap;
  /** External facts (facts.d): resolutions of weight 10000, as facter 4 adds them. */
  readonly external?: FactMap;
  /** Facts from FACTER_<name> environment variables: weight 1000000. */
  readonly envFacts?: FactMap;
  /** The environment fact code sees in ENV and passes to commands (default: process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** A runtime to use (kept open); default: one started for this call and closed after. */
  readonly runtime?: RubyRuntime;
  /** Longest time for the whole evaluation, boot included (default 10 minutes). */
  readonly timeoutMs?: number;
  /** Keep Facter.debug messages (otherwise dropped). */
  readonly debug?: boolean;
  readonly host?: RubyFactHostOptions;
  /** What Puppet[:name] answers (the agent's resolved settings); without them Puppet[] raises. */
  readonly puppetSettings?: Readonly<Record<string, unknown>>;
  /** Puppet.version and the puppetversion fact fact code may read. */
  readonly puppetVersion?: string;
  /** Provider names Puppet::Type.type(:x).newx(...)[:provider] answers (default: the agent's own). */
  readonly defaultProviders?: Readonly<Record<string, string>>;
}

export interface RubyFactsResult {
  /** Values of the facts the files define (and of external facts), as facter 4 resolves them; nil facts left out. */
  readonly facts: FactMap;
  readonly messages: readonly FactMessage[];
}

/** The *.rb files of the given facter directories, in facter's load order (directory order, then name). */
export function findFactFiles(sys: SystemReader, dirs: readonly string[]): FactFile[] {
  const out: FactFile[] = [];
  const seen = new Set<string>();
  for (const dir of dirs) {
    for (const name of sys.listDir(dir).sort()) {
      if (!name.endsWith('.rb')) continue;
      const path = `${dir.replace(/\/+$/, '')}/${name}`;
      if (seen.has(path)) continue;
      const source = sys.readText(path);
      if (source === undefined) continue; // a directory named x.rb, or unreadable
      seen.add(path);
      out.push({ path, source });
    }
  }
  return out;
}

/** Facts set by FACTER_<name> (or FACTER<name>) environment variables, named in lower case, as facter reads them. */
export function environmentFacts(env: Readonly<Record<string, string | undefined>>): FactMap {
  const facts: FactMap = {};
  for (const [name, value] of Object.entries(env)) {
    const m = /^facter_?(\w+)$/i.exec(name);
    if (m && value !== undefined) facts[m[1].toLowerCase()] = value;
  }
  return facts;
}

/** Puppet's default factpath ($vardir/lib/facter) next to a $vardir/facts.d pluginfactdest, plus FACTERLIB. */
export function defaultFactDirs(externalDirs: readonly string[], facterlib: string | undefined): string[] {
  const dirs = externalDirs.filter((d) => /(^|\/)facts\.d\/?$/.test(d)).map((d) => `${dirname(d.replace(/\/+$/, ''))}/lib/facter`);
  for (const d of (facterlib ?? '').split(':')) if (d) dirs.push(d);
  return [...new Set(dirs)];
}

const SHIM = `${FACTER_API_RUBY}\n${FACTER_SYSTEM_RUBY}\n${PUPPET_SHIM_RUBY}`;

/** The providers this agent uses when a resource names none (see providers/package.ts, service.ts). */
export function agentDefaultProviders(): Record<string, string> {
  return { package: 'apt', service: existsSync('/run/systemd/system') ? 'systemd' : 'debian' };
}

/** Loads the fact files into Ruby and resolves every fact they define. */
export function resolveRubyFacts(o: RubyFactsOptions): RubyFactsResult {
  if (o.files.length === 0) return { facts: {}, messages: [] };
  let runtime: RubyRuntime | undefined;
  const libRoots = [...new Set(o.files.map((f) => dirname(dirname(f.path))))];
  const callback = rubyFactCallback(o.host ?? { libRoots });
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(o.env ?? process.env)) if (v !== undefined) env[k] = v;
  // Puppet adds puppetversion with Facter.add before resolving, so fact code sees it.
  const core = o.puppetVersion === undefined ? o.core : { ...o.core, puppetversion: o.puppetVersion };
  const payload = {
    core, external: o.external ?? {}, env_facts: o.envFacts ?? {}, env, debug: o.debug === true,
    files: o.files.map((f) => [f.path, f.source]),
    puppet_settings: o.puppetSettings ?? null, puppet_version: o.puppetVersion ?? null,
    default_providers: o.defaultProviders ?? agentDefaultProviders(),
    pid: process.pid,
  };
  try {
    runtime = o.runtime ?? new RubyRuntime({ timeoutMs: o.timeoutMs ?? 600_000 });
    if (runtime.evalSync('defined?(BunrakuFacter.run) ? "1" : "0"') !== '1') runtime.evalSync(SHIM, callback);
    const out = JSON.parse(runtime.evalSync(`BunrakuFacter.run(${rubyString(JSON.stringify(payload))})`, callback)) as {
      facts: FactMap;
      messages: [FactLogLevel, string][];
    };
    return { facts: out.facts, messages: out.messages.map(([level, message]) => ({ level, message })) };
  } catch (err) {
    return { facts: {}, messages: [{ level: 'err', message: `Could not resolve custom facts: ${(err as Error).message}` }] };
  } finally {
    if (!o.runtime) runtime?.close();
  }
}
