// Facter's human-readable units: "22.19 GiB", "0 bytes", "2.10 GHz", "5.75%".

const binaryPrefixes = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

export function bytesToHuman(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  let exp = Math.floor(Math.log2(bytes) / 10);
  let value = Math.round(100 * (bytes / 1024 ** exp)) / 100;
  if (Math.abs(value - 1024) < Number.EPSILON) {
    exp += 1;
    value = 1;
  }
  return `${value.toFixed(2)} ${binaryPrefixes[exp - 1]}`;
}

export function hertzToHuman(hz: number): string | undefined {
  if (!hz) return undefined;
  const prefixes: Record<number, string> = { 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T' };
  const power = Math.floor(Math.log10(hz));
  const exp = power - (power % 3);
  const coefficient = power === 0 ? hz : hz / 10 ** exp;
  return `${(Math.round(coefficient * 100) / 100).toFixed(2)} ${prefixes[exp]}Hz`;
}

/** Used capacity as the memory facts print it: always two decimals. */
export function percent(used: number, total: number): string {
  return `${((used / total) * 100).toFixed(2)}%`;
}

/** Used capacity as the mountpoint facts print it: "100%", "0%", else two decimals. */
export function mountCapacity(used: number, total: number): string {
  if (used === total) return '100%';
  if (used > 0) return percent(used, total);
  return '0%';
}

export function bytesToMb(bytes: number): number {
  return bytes / (1024 * 1024);
}
