// Builds the certificate signing request exactly as the Puppet 7 agent does
// (lib/puppet/ssl/certificate_request.rb): version 0, subject CN=<certname>,
// custom_attributes as PrintableString attributes, an extReq attribute holding
// extension_requests (UTF8String values, non-critical) then the SAN built from
// dns_alt_names (certname added, `DNS:` prefixed, sorted, de-duplicated),
// signed with SHA-256. For RSA keys the output is byte-identical to Puppet's.
import { createPublicKey, sign, type KeyObject } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import {
  bitString, contextConstructed, contextPrimitive, integer, nullValue, octetString, oid, sequence, setOf, sortedConcat, tlv,
  utf8String, type Der,
} from './der-writer.js';
import { resolveOid } from './oids.js';

export interface CsrOptions {
  certname: string;
  privateKey: KeyObject;
  /** dns_alt_names: a comma-separated string or a list; empty means no SAN is requested. */
  dnsAltNames?: string | readonly string[];
  /** custom_attributes of csr_attributes.yaml, in file order. */
  customAttributes?: Readonly<Record<string, unknown>>;
  /** extension_requests of csr_attributes.yaml, in file order. */
  extensionRequests?: Readonly<Record<string, unknown>>;
  /** custom_trusted_oid_mapping (name -> dotted OID). */
  customOids?: ReadonlyMap<string, string>;
}

export interface BuiltCsr {
  der: Buffer;
  pem: string;
}

const EXT_REQ = '1.2.840.113549.1.9.14';
const MS_EXT_REQ = '1.3.6.1.4.1.311.2.1.14';
const SAN = '2.5.29.17';
const PRIVATE_ATTRIBUTES = new Set(['extReq', EXT_REQ, 'msExtReq', MS_EXT_REQ]);
const PRIVATE_EXTENSIONS = new Set(['subjectAltName', SAN]);

/** The SAN entries Puppet requests: `DNS:`/`IP:` strings, sorted and unique. */
export function subjectAltNames(certname: string, dnsAltNames: string | readonly string[] | undefined): string[] {
  const raw = typeof dnsAltNames === 'string' ? dnsAltNames.split(/\s*,\s*/) : [...(dnsAltNames ?? [])];
  const names = raw.map((n) => n.trim()).filter((n) => n !== '');
  if (names.length === 0) return [];
  const prefixed = [...names, certname].map((n) => (n.startsWith('IP:') || n.startsWith('DNS:') ? n : `DNS:${n}`));
  return [...new Set(prefixed)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function buildCsr(options: CsrOptions): BuiltCsr {
  const { certname, privateKey } = options;
  const attributes: Der[] = [];
  for (const [name, value] of Object.entries(options.customAttributes ?? {})) {
    if (PRIVATE_ATTRIBUTES.has(name)) {
      throw new Error(`Cannot specify CSR attribute ${name}: conflicts with internally used CSR attribute`);
    }
    const id = lookup(name, options.customOids, 'attribute');
    if (id === EXT_REQ || id === MS_EXT_REQ) {
      throw new Error(`Cannot specify CSR attribute ${name}: conflicts with internally used CSR attribute`);
    }
    attributes.push(sequence(oid(id), setOf(printableStringOf(rubyString(value)))));
  }

  const extensions: Der[] = [];
  for (const [name, value] of Object.entries(options.extensionRequests ?? {})) {
    if (PRIVATE_EXTENSIONS.has(name)) {
      throw new Error(`Cannot specify CSR extension request ${name}: conflicts with internally used extension request`);
    }
    const id = lookup(name, options.customOids, 'extension request');
    if (id === SAN) throw new Error(`Cannot specify CSR extension request ${name}: conflicts with internally used extension request`);
    extensions.push(sequence(oid(id), octetString(utf8String(rubyString(value)))));
  }
  const sans = subjectAltNames(certname, options.dnsAltNames);
  if (sans.length > 0) extensions.push(sequence(oid(SAN), octetString(sequence(...sans.map(generalName)))));
  if (extensions.length > 0) attributes.push(sequence(oid(EXT_REQ), setOf(sequence(...extensions))));

  const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  const subject = sequence(setOf(sequence(oid('2.5.4.3'), utf8String(certname))));
  const info = sequence(integer(0), subject, spki, contextConstructed(0, sortedConcat(attributes)));
  const { algorithm, signature } = signInfo(info, privateKey);
  const der = sequence(info, algorithm, bitString(signature));
  return { der, pem: toPem('CERTIFICATE REQUEST', der) };
}

function lookup(name: string, custom: ReadonlyMap<string, string> | undefined, what: string): string {
  try {
    return resolveOid(name, custom);
  } catch (err) {
    throw new Error(`Cannot create CSR with ${what} ${name}: ${(err as Error).message}`, { cause: err });
  }
}

// Ruby's OpenSSL::ASN1::PrintableString does not check the character set:
// the UTF-8 bytes go out under the PrintableString tag.
function printableStringOf(value: string): Der {
  return tlv(0x13, Buffer.from(value, 'utf8'));
}

/** Ruby's `value.to_s` for the YAML scalars a csr_attributes file holds. */
function rubyString(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  throw new Error(`Cannot use ${JSON.stringify(value)} as a CSR attribute value: expected a string`);
}

function generalName(entry: string): Der {
  if (entry.startsWith('DNS:')) return contextPrimitive(2, Buffer.from(entry.slice(4), 'latin1'));
  const ip = entry.slice(3);
  return contextPrimitive(7, ipBytes(ip));
}

function ipBytes(ip: string): Buffer {
  if (isIPv4(ip)) return Buffer.from(ip.split('.').map(Number));
  if (!isIPv6(ip)) throw new Error(`Invalid IP address "${ip}" in dns_alt_names`);
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two hex groups first.
  const text = ip.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_m, a, b, c, d) =>
    `${((+a << 8) | +b).toString(16)}:${((+c << 8) | +d).toString(16)}`);
  const [head, tail] = text.split('::');
  const groups = (s: string | undefined) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const h = groups(head);
  const t = groups(tail);
  const all = tail === undefined ? h : [...h, ...new Array(8 - h.length - t.length).fill(0), ...t];
  const out = Buffer.alloc(16);
  all.forEach((g, i) => out.writeUInt16BE(g, i * 2));
  return out;
}

function signInfo(info: Buffer, key: KeyObject): { algorithm: Der; signature: Buffer } {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return { algorithm: sequence(oid('1.2.840.113549.1.1.11'), nullValue()), signature: sign('sha256', info, key) };
    case 'ec':
      return { algorithm: sequence(oid('1.2.840.10045.4.3.2')), signature: sign('sha256', info, key) };
    default:
      throw new Error(`Unsupported key '${key.asymmetricKeyType ?? 'unknown'}'`);
  }
}

export function toPem(label: string, der: Uint8Array): string {
  const lines = Buffer.from(der).toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
