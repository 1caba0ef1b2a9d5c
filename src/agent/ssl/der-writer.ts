// A minimal DER writer for what the agent builds itself: certificate signing
// requests. SET OF contents are sorted by their encodings, as DER (and
// OpenSSL, whose CSRs we must reproduce byte for byte) requires.

export type Der = Buffer;

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function tlv(tag: number, content: Uint8Array): Der {
  return Buffer.concat([Buffer.from([tag]), length(content.length), content]);
}

export function sequence(...items: Der[]): Der {
  return tlv(0x30, Buffer.concat(items));
}

/** The contents of a DER SET OF: encodings sorted as octet strings (shorter first on a common prefix). */
export function sortedConcat(items: readonly Der[]): Buffer {
  const sorted = [...items].sort((a, b) => {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
    return a.length - b.length;
  });
  return Buffer.concat(sorted);
}

export function setOf(...items: Der[]): Der {
  return tlv(0x31, sortedConcat(items));
}

/** Non-negative integer from a number. */
export function integer(value: number): Der {
  const bytes: number[] = [];
  let v = value;
  do {
    bytes.unshift(v & 0xff);
    v = Math.floor(v / 256);
  } while (v > 0);
  if (bytes[0] & 0x80) bytes.unshift(0);
  return tlv(0x02, Buffer.from(bytes));
}

export function oid(dotted: string): Der {
  const parts = dotted.split('.').map((p) => {
    if (!/^\d+$/.test(p)) throw new Error(`Invalid object identifier "${dotted}"`);
    return BigInt(p);
  });
  if (parts.length < 2) throw new Error(`Invalid object identifier "${dotted}"`);
  const out: number[] = [];
  const first = parts[0] * 40n + parts[1];
  for (const arc of [first, ...parts.slice(2)]) {
    const group: number[] = [];
    let v = arc;
    do {
      group.unshift(Number(v & 0x7fn));
      v >>= 7n;
    } while (v > 0n);
    for (let i = 0; i < group.length - 1; i++) group[i] |= 0x80;
    out.push(...group);
  }
  return tlv(0x06, Buffer.from(out));
}

export const nullValue = (): Der => Buffer.from([0x05, 0x00]);
export const utf8String = (s: string): Der => tlv(0x0c, Buffer.from(s, 'utf8'));
export const printableString = (s: string): Der => tlv(0x13, Buffer.from(s, 'latin1'));
export const ia5String = (s: string): Der => tlv(0x16, Buffer.from(s, 'latin1'));
export const octetString = (b: Uint8Array): Der => tlv(0x04, b);
export const bitString = (b: Uint8Array): Der => tlv(0x03, Buffer.concat([Buffer.from([0]), b]));
export const boolean = (v: boolean): Der => Buffer.from([0x01, 0x01, v ? 0xff : 0x00]);
/** [n] IMPLICIT, primitive. */
export const contextPrimitive = (n: number, content: Uint8Array): Der => tlv(0x80 | n, content);
/** [n] IMPLICIT, constructed (the content is already a list of encodings). */
export const contextConstructed = (n: number, content: Uint8Array): Der => tlv(0xa0 | n, content);
