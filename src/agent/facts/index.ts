// The agent's facts: facter-compatible core facts (structured and legacy),
// external facts from facts.d, and the agent's own (clientcert, ...), as the
// Puppet 7 agent sends them in its catalog request.
import { accessSync, constants, statSync } from 'node:fs';
import { liveSystem, type SystemReader } from './system.js';
import { legacyFacts } from './legacy.js';
import { readExternalFacts } from './external.js';
import {
  resolveDisks, resolveDmi, resolveFilesystems, resolveKernel, resolveMemory, resolveMountpoints, resolveNetworking,
  resolveOs, resolveProcessors, resolveTimezone, resolveUptime, type FactMap, type FactValue,
} from './linux.js';

export type { FactMap, FactValue } from './linux.js';
export type { SystemReader } from './system.js';

/** The facter version whose fact names and structure these facts follow. */
export const FACTER_COMPAT_VERSION = '4.3.0';

export interface CollectOptions {
  readonly system?: SystemReader;
  /** facts.d directories, read in order (later files win). */
  readonly externalDirs?: readonly string[];
  /** Facts the caller adds last (clientcert, clientversion, clientnoop, ...). */
  readonly extra?: FactMap;
}

export interface CollectResult {
  readonly facts: FactMap;
  readonly warnings: readonly string[];
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
  const external = readExternalFacts(sys, opts.externalDirs ?? [], executable);
  const merged: FactMap = { ...legacy, ...core, ...external.facts, ...(opts.extra ?? {}) };
  const sorted: FactMap = {};
  for (const key of Object.keys(merged).sort()) sorted[key] = merged[key] as FactValue;
  return { facts: sorted, warnings: external.warnings };
}

function sysLoad(sys: SystemReader): [number, number, number] {
  const parts = (sys.readText('/proc/loadavg') ?? '0 0 0').split(' ').map(Number);
  return [parts[0] || 0, parts[1] || 0, parts[2] || 0];
}
