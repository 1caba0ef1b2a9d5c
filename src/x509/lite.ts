// Certificates and CRLs read straight from their DER, without @peculiar/x509:
// the fields every server start, TLS connection and agent run needs (names,
// serials, validity, extensions, revoked serials, signatures). Loading the
// library costs hundreds of milliseconds and ~20 MB, so it is left to the CA
// work that builds certificates. Names print as @peculiar/x509 prints them
// (`CN=Puppet CA: puppet`), serials as its lower-case hex.
import { verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { readTlv, type Tlv } from './der.js';

/** One attribute of a distinguished name: dotted OID, the DER tag of its value, the value bytes. */
export interface NameAttribute {
  readonly oid: string;
  readonly tag: number;
  readonly value: Buffer;
  /** The value's whole DER (tag and length too). */
  readonly raw: Buffer;
}

export interface LiteName {
  /** The whole Name as encoded, for byte-wise comparison (issuer against subject). */
  readonly der: Buffer;
  readonly rdns: readonly (readonly NameAttribute[])[];
  /** `CN=a, O=b`, @peculiar/x509's Name#toString. */
  readonly text: string;
}

export interface LiteExtension {
  readonly oid: string;
  readonly critical: boolean;
  /** The DER inside the extension's OCTET STRING. */
  readonly value: Buffer;
}

/** What verifying a signature needs: the signed bytes, the algorithm OID and the signature. */
export interface Signed {
  readonly tbs: Buffer;
  readonly signatureAlgorithm: string;
  readonly signature: Buffer;
}

export interface LiteCertificate extends Signed {
  readonly der: Buffer;
  /** Lower-case hex of the serial's INTEGER bytes, without the 00 that only marks it positive. */
  readonly serialNumber: string;
  readonly issuer: LiteName;
  readonly subject: LiteName;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** DER of the SubjectPublicKeyInfo. */
  readonly spki: Buffer;
  readonly extensions: readonly LiteExtension[];
}

export interface LiteCrlEntry {
  readonly serialNumber: string;
  readonly revocationDate: Date;
  /** CRLReason code, when the entry has one. */
  readonly reason: number | undefined;
}

export interface LiteCrl extends Signed {
  readonly der: Buffer;
  readonly issuer: LiteName;
  readonly thisUpdate: Date;
  readonly nextUpdate: Date | undefined;
  readonly entries: readonly LiteCrlEntry[];
  readonly extensions: readonly LiteExtension[];
}

const TAG = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  oid: 0x06,
  enumerated: 0x0a,
  utf8String: 0x0c,
  printableString: 0x13,
  teletexString: 0x14,
  ia5String: 0x16,
  utcTime: 0x17,
  generalizedTime: 0x18,
  universalString: 0x1c,
  bmpString: 0x1e,
  sequence: 0x30,
  set: 0x31,
} as const;

/** Short names @peculiar/x509 prints for name attributes. */
const NAME_SHORT: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN', '2.5.4.7': 'L', '2.5.4.8': 'ST', '2.5.4.10': 'O', '2.5.4.11': 'OU', '2.5.4.6': 'C',
  '0.9.2342.19200300.100.1.25': 'DC', '1.2.840.113549.1.9.1': 'E', '2.5.4.42': 'G', '2.5.4.43': 'I', '2.5.4.4': 'SN', '2.5.4.12': 'T',
};

class DerError extends Error {
  override name = 'DerError';
}

function expect(buf: Buffer, offset: number, tag: number, what: string): Tlv {
  const tlv = readTlv(buf, offset);
  if (tlv.tag !== tag) throw new DerError(`Cannot read ${what}: expected DER tag 0x${tag.toString(16)}, found 0x${tlv.tag.toString(16)}`);
  return tlv;
}

/** A TLV with the offset of its tag byte. */
interface Node extends Tlv {
  readonly begin: number;
}

/** The TLVs directly inside a constructed value. */
function children(buf: Buffer, parent: Tlv): Node[] {
  const out: Node[] = [];
  for (let at = parent.start; at < parent.end;) {
    const tlv = readTlv(buf, at);
    if (tlv.end > parent.end) throw new DerError('DER value overruns its container');
    out.push({ ...tlv, begin: at });
    at = tlv.end;
  }
  return out;
}

function oidText(bytes: Buffer): string {
  const parts: number[] = [];
  let value = 0;
  for (let i = 0; i < bytes.length; i++) {
    value = value * 128 + (bytes[i]! & 0x7f);
    if (!(bytes[i]! & 0x80)) {
      if (parts.length === 0) {
        const first = value < 40 ? 0 : value < 80 ? 1 : 2;
        parts.push(first, value - first * 40);
      } else parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

/** A serial as @peculiar/x509 prints it: the INTEGER bytes in hex, minus a sign-only leading 00. */
function serialHex(bytes: Buffer): string {
  return (bytes.length > 1 && bytes[0] === 0 && bytes[1]! > 0x7f ? bytes.subarray(1) : bytes).toString('hex');
}

function readTime(buf: Buffer, tlv: Tlv): Date {
  const text = buf.subarray(tlv.start, tlv.end).toString('latin1');
  let m: RegExpExecArray | null;
  if (tlv.tag === TAG.utcTime && (m = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(text))) {
    const yy = Number(m[1]);
    return new Date(Date.UTC(yy < 50 ? 2000 + yy : 1900 + yy, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)));
  }
  if (tlv.tag === TAG.generalizedTime && (m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d+))?Z$/.exec(text))) {
    const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
    return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), ms));
  }
  throw new DerError(`Cannot read a time from "${text}"`);
}

/** The text of a string-valued attribute, as @peculiar/x509 decodes it; undefined for other types. */
function attributeString(tag: number, value: Buffer): string | undefined {
  switch (tag) {
    case TAG.utf8String:
      return value.toString('utf8');
    case TAG.printableString:
    case TAG.teletexString:
    case TAG.ia5String:
      return value.toString('latin1');
    case TAG.bmpString:
      return Buffer.from(value).swap16().toString('utf16le');
    case TAG.universalString: {
      let s = '';
      for (let i = 0; i + 3 < value.length; i += 4) s += String.fromCodePoint(value.readUInt32BE(i));
      return s;
    }
    default:
      return undefined;
  }
}

function escapeNameValue(text: string): string {
  return text
    .replace(/([,+"\\<>;])/g, '\\$1')
    .replace(/^([ #])/, '\\$1')
    .replace(/([ ]$)/, '\\$1')
    .replace(/([\r\n\t])/, (c) => `\\${Buffer.from(c, 'utf8').toString('hex').toUpperCase()}`);
}

function readName(buf: Buffer, tlv: Node): LiteName {
  if (tlv.tag !== TAG.sequence) throw new DerError('Cannot read a name: not a SEQUENCE');
  const rdns: NameAttribute[][] = [];
  for (const set of children(buf, tlv)) {
    if (set.tag !== TAG.set) throw new DerError('Cannot read a name: RDN is not a SET');
    const attrs: NameAttribute[] = [];
    for (const atv of children(buf, set)) {
      const [type, value] = children(buf, atv);
      if (!type || !value || type.tag !== TAG.oid) throw new DerError('Cannot read a name attribute');
      attrs.push({
        oid: oidText(buf.subarray(type.start, type.end)), tag: value.tag, value: buf.subarray(value.start, value.end), raw: buf.subarray(value.begin, value.end),
      });
    }
    rdns.push(attrs);
  }
  const text = rdns.map((rdn) => rdn.map((a) => {
    const s = attributeString(a.tag, a.value);
    return `${NAME_SHORT[a.oid] ?? a.oid}=${s === undefined ? `#${a.raw.toString('hex')}` : escapeNameValue(s)}`;
  }).join('+')).join(', ');
  return { der: buf.subarray(tlv.begin, tlv.end), rdns, text };
}

/** Values of attribute `oid` (e.g. CN = 2.5.4.3) in a name, in order. */
export function nameField(name: LiteName, oid: string): string[] {
  const out: string[] = [];
  for (const rdn of name.rdns) for (const a of rdn) if (a.oid === oid) out.push(attributeString(a.tag, a.value) ?? a.value.toString('hex'));
  return out;
}

function readExtensions(buf: Buffer, seq: Tlv): LiteExtension[] {
  if (seq.tag !== TAG.sequence) throw new DerError('Cannot read extensions: not a SEQUENCE');
  return children(buf, seq).map((ext) => {
    const parts = children(buf, ext);
    const id = parts[0];
    if (!id || id.tag !== TAG.oid) throw new DerError('Cannot read an extension: no OID');
    let i = 1;
    let critical = false;
    if (parts[i]?.tag === TAG.boolean) {
      critical = buf[parts[i]!.start] !== 0;
      i++;
    }
    const value = parts[i];
    if (!value || value.tag !== TAG.octetString) throw new DerError('Cannot read an extension: no OCTET STRING value');
    return { oid: oidText(buf.subarray(id.start, id.end)), critical, value: buf.subarray(value.start, value.end) };
  });
}

/** tbs bytes, signature algorithm and signature of a signed SEQUENCE (certificate or CRL). */
function readSigned(buf: Buffer, what: string): { tbs: Node; signatureAlgorithm: string; signature: Buffer } {
  const outer = expect(buf, 0, TAG.sequence, what);
  const [tbs, alg, sig] = children(buf, outer);
  if (!tbs || !alg || !sig || tbs.tag !== TAG.sequence || alg.tag !== TAG.sequence || sig.tag !== TAG.bitString) {
    throw new DerError(`Cannot read ${what}: not a signed SEQUENCE`);
  }
  const algOid = children(buf, alg)[0];
  if (!algOid || algOid.tag !== TAG.oid) throw new DerError(`Cannot read ${what}: no signature algorithm`);
  return {
    tbs,
    signatureAlgorithm: oidText(buf.subarray(algOid.start, algOid.end)),
    signature: buf.subarray(sig.start + 1, sig.end),
  };
}

/** Reads an X.509 certificate from DER; throws a DerError when it is not one. */
export function readCertificate(input: Uint8Array): LiteCertificate {
  const der = Buffer.from(input);
  const signed = readSigned(der, 'a certificate');
  const fields = children(der, signed.tbs);
  let i = fields[0]?.tag === 0xa0 ? 1 : 0;
  const serial = fields[i++];
  i++; // signature AlgorithmIdentifier, repeated inside the tbs
  const issuer = fields[i++];
  const validity = fields[i++];
  const subject = fields[i++];
  const spki = fields[i++];
  if (!serial || serial.tag !== TAG.integer || !issuer || !validity || !subject || !spki) throw new DerError('Cannot read a certificate: fields missing');
  const [notBefore, notAfter] = children(der, validity);
  if (!notBefore || !notAfter) throw new DerError('Cannot read a certificate: validity missing');
  let extensions: LiteExtension[] = [];
  for (; i < fields.length; i++) {
    if (fields[i]!.tag === 0xa3) extensions = readExtensions(der, readTlv(der, fields[i]!.start));
  }
  return {
    der,
    tbs: der.subarray(signed.tbs.begin, signed.tbs.end),
    signatureAlgorithm: signed.signatureAlgorithm,
    signature: signed.signature,
    serialNumber: serialHex(der.subarray(serial.start, serial.end)),
    issuer: readName(der, issuer),
    subject: readName(der, subject),
    notBefore: readTime(der, notBefore),
    notAfter: readTime(der, notAfter),
    spki: der.subarray(spki.begin, spki.end),
    extensions,
  };
}

const REASON_CODE = '2.5.29.21';

/** Reads an X.509 CRL from DER; throws a DerError when it is not one. */
export function readCrl(input: Uint8Array): LiteCrl {
  const der = Buffer.from(input);
  const signed = readSigned(der, 'a CRL');
  const fields = children(der, signed.tbs);
  let i = fields[0]?.tag === TAG.integer ? 1 : 0;
  i++; // signature AlgorithmIdentifier
  const issuer = fields[i++];
  const thisUpdate = fields[i++];
  if (!issuer || !thisUpdate) throw new DerError('Cannot read a CRL: fields missing');
  let nextUpdate: Date | undefined;
  if (fields[i] && (fields[i]!.tag === TAG.utcTime || fields[i]!.tag === TAG.generalizedTime)) nextUpdate = readTime(der, fields[i++]!);
  const entries: LiteCrlEntry[] = [];
  if (fields[i]?.tag === TAG.sequence) {
    for (const entry of children(der, fields[i++]!)) {
      const [serial, date, exts] = children(der, entry);
      if (!serial || serial.tag !== TAG.integer || !date) throw new DerError('Cannot read a CRL entry');
      let reason: number | undefined;
      if (exts) {
        const code = readExtensions(der, exts).find((e) => e.oid === REASON_CODE);
        if (code && code.value[0] === TAG.enumerated) reason = code.value[code.value.length - 1];
      }
      entries.push({ serialNumber: serialHex(der.subarray(serial.start, serial.end)), revocationDate: readTime(der, date), reason });
    }
  }
  let extensions: LiteExtension[] = [];
  if (fields[i]?.tag === 0xa0) extensions = readExtensions(der, readTlv(der, fields[i]!.start));
  return {
    der,
    tbs: der.subarray(signed.tbs.begin, signed.tbs.end),
    signatureAlgorithm: signed.signatureAlgorithm,
    signature: signed.signature,
    issuer: readName(der, issuer),
    thisUpdate: readTime(der, thisUpdate),
    nextUpdate,
    entries,
    extensions,
  };
}

/** Node's digest name for a signature algorithm OID; null for algorithms without one (Ed25519). */
const SIGNATURE_DIGESTS: Readonly<Record<string, string | null>> = {
  '1.2.840.113549.1.1.4': 'md5',
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.113549.1.1.14': 'sha224',
  '1.2.840.10045.4.1': 'sha1',
  '1.2.840.10045.4.3.1': 'sha224',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
  '1.3.101.112': null,
};

/**
 * Checks the signature of a certificate or CRL with the issuer's public key.
 * Returns undefined for an algorithm this reader does not know (RSA-PSS, ...),
 * so the caller can fall back to the full library.
 */
export function verifySigned(signed: Signed, publicKey: KeyObject): boolean | undefined {
  if (!Object.hasOwn(SIGNATURE_DIGESTS, signed.signatureAlgorithm)) return undefined;
  try {
    return cryptoVerify(SIGNATURE_DIGESTS[signed.signatureAlgorithm] ?? null, signed.tbs, publicKey, signed.signature);
  } catch {
    return false;
  }
}

export interface GeneralNames {
  dns: string[];
  ip: string[];
  email: string[];
  uri: string[];
  /** Entries of other kinds (directory names, other names, registered ids), as their context tag number. */
  other: number[];
}

/** Text of an iPAddress entry as @peculiar/x509 prints it (IPv6 with the longest zero run as "::"). */
function ipText(bytes: Buffer): string {
  if (bytes.length === 4) return [...bytes].join('.');
  if (bytes.length !== 16) return bytes.toString('hex');
  const parts: string[] = [];
  for (let i = 0; i < 16; i += 2) parts.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (parts[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && parts[j] === '0') j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (bestLen > 1) return `${parts.slice(0, bestStart).join(':')}::${parts.slice(bestStart + bestLen).join(':')}`;
  return parts.join(':');
}

/** The entries of a subjectAltName extension value (GeneralNames). */
export function readGeneralNames(value: Uint8Array): GeneralNames {
  const buf = Buffer.from(value);
  const out: GeneralNames = { dns: [], ip: [], email: [], uri: [], other: [] };
  const seq = expect(buf, 0, TAG.sequence, 'subject alternative names');
  for (const name of children(buf, seq)) {
    const content = buf.subarray(name.start, name.end);
    switch (name.tag) {
      case 0x82:
        out.dns.push(content.toString('latin1'));
        break;
      case 0x87:
        out.ip.push(ipText(content));
        break;
      case 0x81:
        out.email.push(content.toString('latin1'));
        break;
      case 0x86:
        out.uri.push(content.toString('latin1'));
        break;
      default:
        out.other.push(name.tag & 0x1f);
    }
  }
  return out;
}

export { DerError };
