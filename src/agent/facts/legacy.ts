// Facter 4's legacy (flat) facts, derived from the structured core facts; the
// Puppet 7 agent sends both, so modules written for either form keep working.
import type { FactMap, FactValue } from './linux.js';
import { bytesToMb } from './units.js';

type Obj = { [k: string]: FactValue };
const obj = (v: FactValue | undefined): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

export function legacyFacts(core: FactMap, opts: { lsb: boolean }): FactMap {
  const out: FactMap = {};
  const os = obj(core.os);
  const release = obj(os.release);
  const distro = obj(os.distro);
  const distroRelease = obj(distro.release);
  out.architecture = os.architecture ?? null;
  out.hardwaremodel = os.hardware ?? null;
  out.hardwareisa = obj(core.processors).isa ?? null;
  out.operatingsystem = os.name ?? null;
  out.operatingsystemrelease = release.full ?? null;
  out.operatingsystemmajrelease = release.major ?? null;
  out.osfamily = os.family ?? null;
  out.selinux = obj(os.selinux).enabled ?? false;
  if (opts.lsb) {
    out.lsbdistcodename = distro.codename ?? null;
    out.lsbdistdescription = distro.description ?? null;
    out.lsbdistid = distro.id ?? null;
    out.lsbdistrelease = distroRelease.full ?? null;
    out.lsbmajdistrelease = distroRelease.major ?? null;
    if (distroRelease.minor !== undefined) out.lsbminordistrelease = distroRelease.minor;
  }

  const identity = obj(core.identity);
  out.id = identity.user ?? null;
  out.gid = identity.group ?? null;

  const net = obj(core.networking);
  out.hostname = net.hostname ?? null;
  out.fqdn = net.fqdn ?? null;
  if (net.domain !== undefined) out.domain = net.domain;
  const ifaces = obj(net.interfaces);
  out.interfaces = Object.keys(ifaces).sort().join(',');
  for (const [k, legacy] of [['ip', 'ipaddress'], ['ip6', 'ipaddress6'], ['mac', 'macaddress'], ['netmask', 'netmask'], ['netmask6', 'netmask6'], ['network', 'network'], ['network6', 'network6'], ['scope6', 'scope6']] as const) {
    if (net[k] !== undefined) out[legacy] = net[k];
  }
  for (const [name, v] of Object.entries(ifaces)) {
    const i = obj(v);
    const suffix = name.replace(/[^a-zA-Z0-9_]/g, '_');
    for (const [k, legacy] of [['ip', 'ipaddress'], ['ip6', 'ipaddress6'], ['mac', 'macaddress'], ['mtu', 'mtu'], ['netmask', 'netmask'], ['netmask6', 'netmask6'], ['network', 'network'], ['network6', 'network6'], ['scope6', 'scope6']] as const) {
      if (i[k] !== undefined) out[`${legacy}_${suffix}`] = i[k];
    }
  }

  const procs = obj(core.processors);
  out.processorcount = procs.count ?? null;
  out.physicalprocessorcount = procs.physicalcount ?? null;
  (Array.isArray(procs.models) ? procs.models : []).forEach((m, i) => { out[`processor${i}`] = m; });

  const mem = obj(obj(core.memory).system);
  if (mem.total_bytes !== undefined) {
    out.memorysize = mem.total;
    out.memoryfree = mem.available;
    out.memorysize_mb = bytesToMb(Number(mem.total_bytes));
    out.memoryfree_mb = bytesToMb(Number(mem.available_bytes));
  }
  const swap = obj(obj(core.memory).swap);
  if (swap.total_bytes !== undefined) {
    out.swapsize = swap.total;
    out.swapfree = swap.available;
    out.swapsize_mb = bytesToMb(Number(swap.total_bytes));
    out.swapfree_mb = bytesToMb(Number(swap.available_bytes));
  }

  const disks = obj(core.disks);
  if (Object.keys(disks).length) {
    out.blockdevices = Object.keys(disks).sort().join(',');
    for (const [name, v] of Object.entries(disks)) {
      const d = obj(v);
      if (d.model !== undefined) out[`blockdevice_${name}_model`] = d.model;
      if (d.size_bytes !== undefined) out[`blockdevice_${name}_size`] = d.size_bytes;
      if (d.vendor !== undefined) out[`blockdevice_${name}_vendor`] = d.vendor;
    }
  }

  const up = obj(core.system_uptime);
  if (up.seconds !== undefined) {
    out.uptime = up.uptime;
    out.uptime_days = up.days;
    out.uptime_hours = up.hours;
    out.uptime_seconds = up.seconds;
  }
  return out;
}
