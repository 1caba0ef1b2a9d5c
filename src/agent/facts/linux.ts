// Core facts of a Linux machine with facter 4's names and structure, read from
// /proc, /sys and /etc through a SystemReader (no external commands on the
// common path, so resolution takes milliseconds instead of facter's seconds).
import type { SystemReader } from './system.js';
import { bytesToHuman, hertzToHuman, mountCapacity, percent } from './units.js';
import { ipv4Network, ipv6Netmask, ipv6Network, ipv6Scope, bigIntToIpv6, ipv6ToBigInt } from './ip.js';

export type FactValue = string | number | boolean | null | FactValue[] | { [key: string]: FactValue };
export type FactMap = { [name: string]: FactValue };

function parseKeyValues(text: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text?.split('\n') ?? []) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m) out[m[1]] = m[2].replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
  }
  return out;
}

const familyOf: Record<string, string> = {
  debian: 'Debian', ubuntu: 'Debian', linuxmint: 'Debian', raspbian: 'Debian', devuan: 'Debian',
  rhel: 'RedHat', centos: 'RedHat', fedora: 'RedHat', rocky: 'RedHat', almalinux: 'RedHat', ol: 'RedHat', amzn: 'RedHat', scientific: 'RedHat',
  sles: 'Suse', opensuse: 'Suse', 'opensuse-leap': 'Suse', arch: 'Archlinux', manjaro: 'Archlinux', gentoo: 'Gentoo', alpine: 'Alpine',
};

const nameOf: Record<string, string> = {
  debian: 'Debian', ubuntu: 'Ubuntu', linuxmint: 'LinuxMint', rhel: 'RedHat', centos: 'CentOS', fedora: 'Fedora', rocky: 'Rocky',
  almalinux: 'AlmaLinux', ol: 'OracleLinux', amzn: 'Amazon', sles: 'SLES', opensuse: 'OpenSuSE', 'opensuse-leap': 'OpenSuSE',
  arch: 'Archlinux', alpine: 'Alpine', gentoo: 'Gentoo', raspbian: 'Raspbian',
};

export function resolveOs(sys: SystemReader): FactValue {
  const rel = parseKeyValues(sys.readText('/etc/os-release'));
  const id = (rel.ID ?? 'linux').toLowerCase();
  const name = nameOf[id] ?? (id.charAt(0).toUpperCase() + id.slice(1));
  let full = rel.VERSION_ID ?? '';
  if (id === 'debian') full = sys.readText('/etc/debian_version')?.trim() ?? full;
  const parts = full.split('.');
  const release: { [k: string]: FactValue } = { full };
  if (id === 'ubuntu') {
    release.major = parts.slice(0, 2).join('.');
    if (parts[2]) release.minor = parts[2];
  } else {
    release.major = parts[0];
    if (parts.length > 1) release.minor = parts[1];
  }
  const machine = sys.uname().machine;
  const archMap: Record<string, string> = { x86_64: 'amd64', aarch64: 'arm64', i686: 'i386', i386: 'i386', armv7l: 'armhf' };
  const debianFamily = (familyOf[id] ?? '') === 'Debian';
  const os: { [k: string]: FactValue } = {
    architecture: debianFamily ? (archMap[machine] ?? machine) : machine,
    distro: {
      codename: rel.VERSION_CODENAME ?? '',
      description: rel.PRETTY_NAME ?? name,
      id: name === 'RedHat' ? 'RedHatEnterprise' : name,
      release: { ...release },
    },
    family: familyOf[id] ?? name,
    hardware: machine,
    name,
    release,
    selinux: { enabled: sys.exists('/sys/fs/selinux/enforce') },
  };
  return os;
}

export function resolveKernel(sys: SystemReader): FactMap {
  const { release, sysname } = sys.uname();
  const version = release.split('-')[0];
  return {
    kernel: sysname,
    kernelrelease: release,
    kernelversion: version,
    kernelmajversion: version.split('.').slice(0, 2).join('.'),
  };
}

export function resolveMemory(sys: SystemReader): FactValue {
  const text = sys.readText('/proc/meminfo') ?? '';
  const kb = (key: string): number | undefined => {
    const m = new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(text);
    return m ? Number(m[1]) * 1024 : undefined;
  };
  const total = kb('MemTotal') ?? 0;
  const free = kb('MemAvailable') ?? (kb('MemFree') ?? 0) + (kb('Buffers') ?? 0) + (kb('Cached') ?? 0);
  const used = total - free;
  const out: { [k: string]: FactValue } = {};
  const swapTotal = kb('SwapTotal') ?? 0;
  if (swapTotal > 0) {
    const swapFree = kb('SwapFree') ?? 0;
    const swapUsed = swapTotal - swapFree;
    out.swap = {
      available: bytesToHuman(swapFree), available_bytes: swapFree, capacity: percent(swapUsed, swapTotal),
      total: bytesToHuman(swapTotal), total_bytes: swapTotal, used: bytesToHuman(swapUsed), used_bytes: swapUsed,
    };
  }
  out.system = {
    available: bytesToHuman(free), available_bytes: free, capacity: total ? percent(used, total) : '0.00%',
    total: bytesToHuman(total), total_bytes: total, used: bytesToHuman(used), used_bytes: used,
  };
  return out;
}

export function resolveProcessors(sys: SystemReader): FactValue {
  const text = sys.readText('/proc/cpuinfo') ?? '';
  const blocks = text.split(/\n\s*\n/).filter((b) => /^processor\s*:/m.test(b));
  const field = (block: string, key: string) => new RegExp(`^${key}\\s*:\\s*(.*)$`, 'm').exec(block)?.[1]?.trim();
  const models = blocks.map((b) => field(b, 'model name') ?? field(b, 'Processor') ?? 'unknown');
  const physicalIds = new Set(blocks.map((b) => field(b, 'physical id')).filter((x) => x !== undefined));
  const coresPerSocket = Number(field(blocks[0] ?? '', 'cpu cores') ?? 0);
  const siblings = Number(field(blocks[0] ?? '', 'siblings') ?? 0);
  const physicalcount = physicalIds.size || 1;
  const threads = coresPerSocket && siblings ? Math.max(1, Math.round(siblings / coresPerSocket)) : 1;
  const cores = coresPerSocket || blocks.length;
  let hz = Number(sys.readText('/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq') ?? 0) * 1000;
  if (!hz) hz = Math.round(Number(field(blocks[0] ?? '', 'cpu MHz') ?? 0) * 1e6);
  const out: { [k: string]: FactValue } = {
    cores,
    count: blocks.length,
    // `uname -p` (facter's source) prints "unknown" on Debian-family systems and
    // the machine name elsewhere; answer the same without spawning a process.
    isa: /ID(_LIKE)?=.*debian/i.test(sys.readText('/etc/os-release') ?? '') ? 'unknown' : sys.uname().machine,
    models,
    physicalcount,
  };
  const speed = hertzToHuman(hz);
  if (speed) out.speed = speed;
  out.threads = threads;
  return out;
}

interface Binding { address: string; netmask: string; network: string; scope6?: string; flags?: string[] }

function inet6Flags(sys: SystemReader): Map<string, string[]> {
  const names: [string, number][] = [['temporary', 0x01], ['noad', 0x02], ['optimistic', 0x04], ['dadfailed', 0x08], ['homeaddress', 0x10], ['deprecated', 0x20], ['tentative', 0x40], ['permanent', 0x80]];
  const out = new Map<string, string[]>();
  for (const line of sys.readText('/proc/net/if_inet6')?.split('\n') ?? []) {
    const f = line.trim().split(/\s+/);
    if (f.length !== 6) continue;
    const addr = bigIntToIpv6(ipv6ToBigInt(f[0].match(/.{4}/g)!.join(':')));
    const bits = parseInt(f[4], 16);
    out.set(`${f[5]}/${addr}`, names.filter(([, v]) => bits & v).map(([n]) => n));
  }
  return out;
}

function primaryInterface(sys: SystemReader): string | undefined {
  for (const line of sys.readText('/proc/net/route')?.split('\n').slice(1) ?? []) {
    const f = line.trim().split(/\s+/);
    if (f.length > 7 && f[1] === '00000000' && f[7] === '00000000') return f[0];
  }
  return undefined;
}

export function resolveHostname(sys: SystemReader): { hostname: string; domain?: string; fqdn: string } {
  const full = sys.hostname();
  const dot = full.indexOf('.');
  const hostname = dot > 0 ? full.slice(0, dot) : full;
  let domain: string | undefined = dot > 0 ? full.slice(dot + 1) : undefined;
  if (!domain) {
    const resolv = sys.readText('/etc/resolv.conf') ?? '';
    domain = /^domain\s+(\S+)/m.exec(resolv)?.[1] ?? /^search\s+(\S+)/m.exec(resolv)?.[1];
  }
  domain = domain?.replace(/\.$/, '');
  return { hostname, domain: domain || undefined, fqdn: domain ? `${hostname}.${domain}` : hostname };
}

export function resolveNetworking(sys: SystemReader): FactValue {
  const names = sys.listDir('/sys/class/net').sort();
  const ifaces = sys.networkInterfaces();
  const flags = inet6Flags(sys);
  const interfaces: { [k: string]: { [k: string]: FactValue } } = {};
  for (const name of [...new Set([...names, ...Object.keys(ifaces)])].sort()) {
    const entry: { [k: string]: FactValue } = {};
    const b4: Binding[] = [];
    const b6: Binding[] = [];
    for (const info of ifaces[name] ?? []) {
      if (info.family === 'IPv4') {
        b4.push({ address: info.address, netmask: info.netmask, network: ipv4Network(info.address, info.netmask) });
      } else {
        const prefix = Number(info.cidr?.split('/')[1] ?? 128);
        const address = info.address.split('%')[0];
        const b: Binding = { address, netmask: ipv6Netmask(prefix), network: ipv6Network(address, prefix), scope6: ipv6Scope(address) };
        const f = flags.get(`${name}/${address}`);
        if (f && f.length) b.flags = f;
        b6.push(b);
      }
    }
    if (b4.length) entry.bindings = b4 as unknown as FactValue[];
    if (b6.length) entry.bindings6 = b6 as unknown as FactValue[];
    const main4 = b4.find((b) => !b.address.startsWith('169.254.')) ?? b4[0];
    const main6 = b6.find((b) => b.scope6 !== 'link') ?? b6[0];
    if (main4) entry.ip = main4.address;
    if (main6) entry.ip6 = main6.address;
    const mac = (ifaces[name]?.[0]?.mac ?? sys.readText(`/sys/class/net/${name}/address`)?.trim());
    if (mac && mac !== '00:00:00:00:00:00') entry.mac = mac;
    const mtu = Number(sys.readText(`/sys/class/net/${name}/mtu`));
    if (mtu) entry.mtu = mtu;
    if (main4) { entry.netmask = main4.netmask; }
    if (main6) { entry.netmask6 = main6.netmask; }
    if (main4) { entry.network = main4.network; }
    if (main6) { entry.network6 = main6.network; entry.scope6 = main6.scope6 ?? 'global'; }
    interfaces[name] = entry;
  }
  const host = resolveHostname(sys);
  const out: { [k: string]: FactValue } = {};
  if (host.domain) out.domain = host.domain;
  out.fqdn = host.fqdn;
  out.hostname = host.hostname;
  out.interfaces = interfaces;
  let primary = primaryInterface(sys);
  if (!primary) primary = Object.keys(interfaces).find((n) => n !== 'lo' && interfaces[n].ip !== undefined);
  const p = primary ? interfaces[primary] : undefined;
  if (p) {
    for (const key of ['ip', 'ip6', 'mac', 'mtu', 'netmask', 'netmask6', 'network', 'network6']) {
      if (p[key] !== undefined) out[key] = p[key];
    }
    out.primary = primary!;
    if (p.scope6 !== undefined) out.scope6 = p.scope6;
  }
  return out;
}

export function resolveMountpoints(sys: SystemReader): FactValue {
  const out: { [k: string]: FactValue } = {};
  for (const line of sys.readText('/proc/mounts')?.split('\n') ?? []) {
    const f = line.split(' ');
    if (f.length < 4) continue;
    const [device, path, filesystem, options] = f.map((s) => s.replace(/\\040/g, ' '));
    if ((/^\/(proc|sys)/.test(path) && filesystem !== 'tmpfs') || filesystem === 'autofs') continue;
    const st = sys.statfs(path);
    const size = st ? st.blocks * st.blockSize : 0;
    const available = st ? st.available * st.blockSize : 0;
    const used = st ? (st.blocks - st.free) * st.blockSize : 0;
    out[path] = {
      available: bytesToHuman(available), available_bytes: available, capacity: mountCapacity(used, size),
      device, filesystem, options: options.split(',').map((o) => o.trim()),
      size: bytesToHuman(size), size_bytes: size, used: bytesToHuman(used), used_bytes: used,
    };
  }
  return out;
}

export function resolveDisks(sys: SystemReader): FactValue {
  const out: { [k: string]: FactValue } = {};
  for (const dev of sys.listDir('/sys/block').sort()) {
    if (!sys.exists(`/sys/block/${dev}/device`)) continue;
    const sizeBytes = Number(sys.readText(`/sys/block/${dev}/size`) ?? 0) * 512;
    const disk: { [k: string]: FactValue } = {};
    const model = sys.readText(`/sys/block/${dev}/device/model`)?.trim();
    if (model) disk.model = model;
    const serial = sys.readText(`/sys/block/${dev}/device/serial`)?.trim();
    if (serial) disk.serial = serial;
    disk.size = bytesToHuman(sizeBytes);
    disk.size_bytes = sizeBytes;
    const rotational = sys.readText(`/sys/block/${dev}/queue/rotational`)?.trim();
    if (rotational !== undefined) disk.type = rotational === '1' ? 'hdd' : 'ssd';
    const vendor = sys.readText(`/sys/block/${dev}/device/vendor`)?.trim();
    if (vendor) disk.vendor = vendor;
    out[dev] = disk;
  }
  return out;
}

export function resolveFilesystems(sys: SystemReader): string {
  const names = (sys.readText('/proc/filesystems') ?? '').split('\n')
    .filter((l) => l.trim() && !l.startsWith('nodev'))
    .map((l) => l.trim())
    .filter((n) => n !== 'fuseblk');
  return [...new Set(names)].sort().join(',');
}

export function resolveUptime(sys: SystemReader): FactValue | undefined {
  const text = sys.readText('/proc/uptime');
  if (!text) return undefined;
  const seconds = Math.floor(Number(text.split(' ')[0]));
  const days = Math.floor(seconds / 86400);
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  let uptime: string;
  if (days >= 2) uptime = `${days} days`;
  else if (days === 1) uptime = '1 day';
  else if (hours >= 1) uptime = `${hours}:${String(minutes).padStart(2, '0')} hours`;
  else uptime = `${minutes} minutes`;
  return { days, hours, seconds, uptime };
}

export function resolveTimezone(sys: SystemReader): string {
  // Ruby's Time.now.zone: the abbreviation of the local zone. Read it from the
  // POSIX TZ footer of /etc/localtime (e.g. "CET-1CEST,M3.5.0,M10.5.0/3"), which
  // avoids loading ICU (100+ ms); fall back to Intl when there is no such file.
  const tz = sys.env('TZ');
  if (!tz) {
    const footer = tzifFooter(sys.readBytes?.('/etc/localtime'));
    if (footer !== undefined) {
      const m = /^(<[^>]+>|[A-Za-z]+)([-+]?\d+(?::\d+){0,2})(<[^>]+>|[A-Za-z]+)?/.exec(footer);
      if (m) {
        const std = m[1].replace(/[<>]/g, '');
        const stdOffsetMinutes = parseTzOffset(m[2]);
        const dst = m[3]?.replace(/[<>]/g, '');
        const nowOffset = -sys.now().getTimezoneOffset();
        return dst && nowOffset !== -stdOffsetMinutes ? dst : std;
      }
    }
    if (!sys.exists('/etc/localtime')) return 'UTC';
  }
  const parts = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }).formatToParts(sys.now());
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? 'UTC';
}

function parseTzOffset(text: string): number {
  const sign = text.startsWith('-') ? -1 : 1;
  const [h, m = '0'] = text.replace(/^[-+]/, '').split(':');
  return sign * (Number(h) * 60 + Number(m));
}

/** The POSIX TZ string at the end of a TZif (v2+) file, if any. */
function tzifFooter(bytes: Uint8Array | undefined): string | undefined {
  if (!bytes || bytes.length < 44 || String.fromCharCode(...bytes.subarray(0, 4)) !== 'TZif') return undefined;
  if (bytes[bytes.length - 1] !== 0x0a) return undefined;
  const end = bytes.length - 1;
  const start = bytes.lastIndexOf(0x0a, end - 1);
  if (start < 0) return undefined;
  return Buffer.from(bytes.subarray(start + 1, end)).toString('latin1');
}

export function resolveDmi(sys: SystemReader): FactValue | undefined {
  const base = '/sys/class/dmi/id';
  if (!sys.exists(base)) return undefined;
  const r = (f: string) => sys.readText(`${base}/${f}`)?.trim() || undefined;
  const clean = (o: { [k: string]: FactValue | undefined }) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [k: string]: FactValue };
  const dmi = clean({
    bios: clean({ release_date: r('bios_date'), vendor: r('bios_vendor'), version: r('bios_version') }),
    board: clean({ asset_tag: r('board_asset_tag'), manufacturer: r('board_vendor'), product: r('board_name'), serial_number: r('board_serial') }),
    chassis: clean({ asset_tag: r('chassis_asset_tag') }),
    manufacturer: r('sys_vendor'),
    product: clean({ name: r('product_name'), serial_number: r('product_serial'), uuid: r('product_uuid') }),
  });
  return dmi;
}
