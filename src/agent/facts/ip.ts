// IPv4/IPv6 address arithmetic for the networking facts (netmask, network).

export function ipv4ToInt(addr: string): number {
  return addr.split('.').reduce((acc, part) => (acc << 8) + Number(part), 0) >>> 0;
}

export function intToIpv4(n: number): string {
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
}

export function ipv4Network(addr: string, netmask: string): string {
  return intToIpv4((ipv4ToInt(addr) & ipv4ToInt(netmask)) >>> 0);
}

export function ipv6ToBigInt(addr: string): bigint {
  const [head, tail] = addr.split('%')[0].split('::') as [string, string | undefined];
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const fill = tail !== undefined ? 8 - h.length - t.length : 0;
  const groups = [...h, ...Array(fill).fill('0'), ...t];
  return groups.reduce((acc, g) => (acc << 16n) + BigInt(parseInt(g || '0', 16)), 0n);
}

/** Formats an IPv6 address as Ruby's IPAddr#to_s does (RFC 5952 compression of the longest zero run). */
export function bigIntToIpv6(n: bigint): string {
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((n >> BigInt(i * 16)) & 0xffffn));
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i > 1) { bestStart = i; bestLen = j - i; }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  const left = hex.slice(0, bestStart).join(':');
  const right = hex.slice(bestStart + bestLen).join(':');
  return `${left}::${right}`;
}

export function ipv6Netmask(prefix: number): string {
  const mask = prefix === 0 ? 0n : ((1n << 128n) - 1n) ^ ((1n << BigInt(128 - prefix)) - 1n);
  return bigIntToIpv6(mask);
}

export function ipv6Network(addr: string, prefix: number): string {
  return bigIntToIpv6(ipv6ToBigInt(addr) & ipv6ToBigInt(ipv6Netmask(prefix)));
}

export function ipv6Scope(addr: string): string {
  const n = ipv6ToBigInt(addr);
  const top10 = n >> 118n;
  if (top10 === 0x3fan) return 'link';
  if (top10 === 0x3fbn) return 'site';
  if (n === 1n) return 'host';
  return 'global';
}
