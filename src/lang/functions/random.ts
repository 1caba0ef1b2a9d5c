// Ruby's Random (MT19937 seeded by init_by_array from an Integer seed) as far
// as fqdn_rand needs it: Random.new(seed).rand(max) for max below 2^32.
import { createHash } from 'node:crypto';

class MersenneTwister {
  private readonly mt = new Uint32Array(624);
  private mti = 625;

  constructor(key: readonly number[]) {
    if (key.length <= 1) this.initGenrand(key[0] ?? 0);
    else this.initByArray(key);
  }

  private initGenrand(s: number): void {
    const mt = this.mt;
    mt[0] = s >>> 0;
    for (let i = 1; i < 624; i++) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
    this.mti = 624;
  }

  private initByArray(key: readonly number[]): void {
    const mt = this.mt;
    this.initGenrand(19650218);
    let i = 1;
    let j = 0;
    for (let k = Math.max(624, key.length); k > 0; k--) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = ((mt[i] ^ Math.imul(prev, 1664525)) + key[j] + j) >>> 0;
      i++;
      j++;
      if (i >= 624) {
        mt[0] = mt[623];
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = 623; k > 0; k--) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = ((mt[i] ^ Math.imul(prev, 1566083941)) - i) >>> 0;
      i++;
      if (i >= 624) {
        mt[0] = mt[623];
        i = 1;
      }
    }
    mt[0] = 0x80000000;
  }

  genrandInt32(): number {
    const mt = this.mt;
    if (this.mti >= 624) {
      for (let kk = 0; kk < 624; kk++) {
        const y = (mt[kk] & 0x80000000) | (mt[(kk + 1) % 624] & 0x7fffffff);
        mt[kk] = (mt[(kk + 397) % 624] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0)) >>> 0;
      }
      this.mti = 0;
    }
    let y = mt[this.mti++];
    y ^= y >>> 11;
    y = (y ^ ((y << 7) & 0x9d2c5680)) >>> 0;
    y = (y ^ ((y << 15) & 0xefc60000)) >>> 0;
    y ^= y >>> 18;
    return y >>> 0;
  }
}

/** Ruby's `Random.new(seed).rand(max)` for a non-negative seed and 0 < max <= 2^32. */
export function rubyRandomInt(seed: bigint, max: number): number {
  const key: number[] = [];
  for (let s = seed; s > 0n; s >>= 32n) key.push(Number(s & 0xffffffffn));
  if (key.length === 0) key.push(0);
  // Ruby drops a top word of exactly 1 (its "leading-zero guard")
  if (key.length > 1 && key[key.length - 1] === 1) key.pop();
  const mt = new MersenneTwister(key);
  const limit = max - 1;
  if (limit <= 0) return 0;
  let mask = limit;
  for (let shift = 1; shift <= 16; shift <<= 1) mask |= mask >>> shift;
  mask >>>= 0;
  for (;;) {
    const v = (mt.genrandInt32() & mask) >>> 0;
    if (v <= limit) return v;
  }
}

/** Puppet's fqdn_rand: MD5 of "fqdn:max:seed" as the Random seed. */
export function fqdnRand(fqdn: string, max: number, seed: string): number {
  const digest = createHash('md5').update([fqdn, String(max), seed].join(':')).digest('hex');
  return rubyRandomInt(BigInt(`0x${digest}`), max);
}
