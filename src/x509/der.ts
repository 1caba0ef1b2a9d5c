// The few DER encodings Puppet's certificates need that @peculiar/x509 has no
// class for: string-valued private extensions (pp_* values, Netscape Comment),
// the CRL Number integer, and splicing the contents of two SEQUENCEs. Anything
// structural (certificates, CSRs, CRLs, names) goes through @peculiar/x509.

/** ASN.1 universal tags used here. */
export const DerTag = {
  integer: 0x02,
  octetString: 0x04,
  utf8String: 0x0c,
  printableString: 0x13,
  t61String: 0x14,
  ia5String: 0x16,
  universalString: 0x1c,
  bmpString: 0x1e,
  sequence: 0x30,
} as const;

export interface Tlv {
  tag: number;
  /** Offset of the first content byte. */
  start: number;
  /** Offset one past the last content byte. */
  end: number;
}

/** Reads one tag-length-value at `offset`; throws on truncated or indefinite-length input. */
export function readTlv(buf: Uint8Array, offset = 0): Tlv {
  if (offset + 2 > buf.length) throw new Error('DER value is truncated');
  const tag = buf[offset];
  let len = buf[offset + 1];
  let start = offset + 2;
  if (len & 0x80) {
    const count = len & 0x7f;
    if (count === 0 || count > 4) throw new Error('DER length form is not supported');
    if (start + count > buf.length) throw new Error('DER length is truncated');
    len = 0;
    for (let i = 0; i < count; i++) len = len * 256 + buf[start + i];
    start += count;
  }
  const end = start + len;
  if (end > buf.length) throw new Error('DER value is truncated');
  return { tag, start, end };
}

function encodeLength(len: number): Uint8Array {
  if (len < 0x80) return Uint8Array.of(len);
  const bytes: number[] = [];
  for (let n = len; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

/** Encodes one tag-length-value. */
export function encodeTlv(tag: number, content: Uint8Array): Uint8Array<ArrayBuffer> {
  const len = encodeLength(content.length);
  const out = new Uint8Array(1 + len.length + content.length);
  out[0] = tag;
  out.set(len, 1);
  out.set(content, 1 + len.length);
  return out;
}

export function derUtf8String(text: string): Uint8Array<ArrayBuffer> {
  return encodeTlv(DerTag.utf8String, new TextEncoder().encode(text));
}

export function derIa5String(text: string): Uint8Array<ArrayBuffer> {
  return encodeTlv(DerTag.ia5String, new TextEncoder().encode(text));
}

/** A non-negative INTEGER in minimal two's-complement form. */
export function derInteger(value: bigint): Uint8Array<ArrayBuffer> {
  if (value < 0n) throw new Error(`Cannot encode negative integer ${value}`);
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  if (parseInt(hex.slice(0, 2), 16) & 0x80) hex = `00${hex}`;
  return encodeTlv(DerTag.integer, Uint8Array.from(Buffer.from(hex, 'hex')));
}

/** Reads a DER INTEGER as a non-negative bigint. */
export function readDerInteger(buf: Uint8Array): bigint {
  const tlv = readTlv(buf);
  if (tlv.tag !== DerTag.integer) throw new Error('DER value is not an INTEGER');
  const hex = Buffer.from(buf.subarray(tlv.start, tlv.end)).toString('hex');
  return hex === '' ? 0n : BigInt(`0x${hex}`);
}

/**
 * Decodes a DER value that holds one ASN.1 character string (UTF8String,
 * PrintableString, IA5String, ...) as Puppet and puppetserver do for
 * extension values; returns undefined when the value is not a string.
 */
export function decodeDerString(buf: Uint8Array): string | undefined {
  let tlv: Tlv;
  try {
    tlv = readTlv(buf);
  } catch {
    return undefined;
  }
  if (tlv.end !== buf.length) return undefined;
  const content = Buffer.from(buf.subarray(tlv.start, tlv.end));
  switch (tlv.tag) {
    case DerTag.utf8String:
      return content.toString('utf8');
    case DerTag.printableString:
    case DerTag.ia5String:
    case DerTag.t61String:
      return content.toString('latin1');
    case DerTag.bmpString:
      return content.swap16().toString('utf16le');
    default:
      return undefined;
  }
}

/** A SEQUENCE holding the contents of several SEQUENCEs, in order. */
export function mergeSequences(...sequences: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const parts = sequences.map((seq) => {
    const tlv = readTlv(seq);
    if (tlv.tag !== DerTag.sequence) throw new Error('DER value is not a SEQUENCE');
    return seq.subarray(tlv.start, tlv.end);
  });
  return encodeTlv(DerTag.sequence, Uint8Array.from(Buffer.concat(parts)));
}

/** A copy of `bytes` backed by a plain ArrayBuffer, which WebCrypto and @peculiar/x509 typings require. */
export function bufferSource(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(bytes);
}
