// Reading the extensions Puppet cares about from certificates and CSRs:
// subject alternative names and Puppet's authorization extensions, in the
// shapes the certificate_status API reports them.
import { x509 } from './crypto.js';
import { bufferSource, decodeDerString } from './der.js';
import { OID, PP_AUTH_CERT_EXT, isUnderArc, shortNameOf } from './oids.js';

/** One extension: dotted OID, criticality and the DER bytes inside its OCTET STRING. */
export interface RawExtension {
  oid: string;
  critical: boolean;
  value: Uint8Array;
}

export function toRawExtension(ext: x509.Extension): RawExtension {
  return { oid: ext.type, critical: ext.critical, value: new Uint8Array(ext.value) };
}

export interface AltNames {
  dns: string[];
  ip: string[];
  /** Entries of any other type, as `type:value`; puppetserver refuses to sign these. */
  other: string[];
}

/** The SAN entries of an extension list, in extension order. */
export function altNamesOf(extensions: readonly RawExtension[]): AltNames {
  const out: AltNames = { dns: [], ip: [], other: [] };
  for (const ext of extensions) {
    if (ext.oid !== OID.subjectAltName) continue;
    const san = new x509.SubjectAlternativeNameExtension(
      new x509.Extension(OID.subjectAltName, ext.critical, bufferSource(ext.value)).rawData,
    );
    for (const name of san.names.items) {
      if (name.type === 'dns') out.dns.push(name.value);
      else if (name.type === 'ip') out.ip.push(name.value);
      else out.other.push(`${name.type}:${name.value}`);
    }
  }
  return out;
}

/** `["DNS:a", ...]`, the certificate_status `dns_alt_names` field. */
export function dnsAltNameStrings(names: AltNames): string[] {
  return names.dns.map((n) => `DNS:${n}`);
}

/** IP entries first, then DNS: the certificate_status `subject_alt_names` field. */
export function subjectAltNameStrings(names: AltNames): string[] {
  return [...names.ip.map((n) => `IP:${n}`), ...names.dns.map((n) => `DNS:${n}`)];
}

/** The value of a Puppet extension as text: the decoded string, or hex when it is not a string. */
export function extensionText(ext: RawExtension): string {
  return decodeDerString(ext.value) ?? Buffer.from(ext.value).toString('hex');
}

/** ppAuthCertExt extensions as `{short name or OID: value}` (certificate_status `authorization_extensions`). */
export function authorizationExtensions(extensions: readonly RawExtension[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const ext of extensions) {
    if (!isUnderArc(PP_AUTH_CERT_EXT, ext.oid)) continue;
    out[shortNameOf(ext.oid) ?? ext.oid] = extensionText(ext);
  }
  return out;
}
