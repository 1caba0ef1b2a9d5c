// Who is on the other end of a TLS connection: classifies the peer once per
// connection as authenticated (a client cert that chains to our CA, is within
// its validity and is not on the current CRL) or unauthenticated, and extracts
// certname, DNS SANs and the Puppet extensions that auth.conf rules test.
import type { TLSSocket } from 'node:tls';
import { nameField, readCertificate, readCrl, readGeneralNames } from '../x509/lite.js';
import { stat, readFile } from 'node:fs/promises';

export interface ClientIdentity {
  /** True only for a cert from our CA that is currently valid and not revoked. */
  readonly authenticated: boolean;
  /** CN of the client cert (also set for unauthenticated certs, for logging). */
  readonly certname: string | undefined;
  /** DNS names from the subjectAltName extension. */
  readonly dnsNames: readonly string[];
  /** Other subjectAltName entries by tk-auth's kind name (ip, rfc822-name, uri). */
  readonly altNames: Readonly<Partial<Record<'ip' | 'rfc822-name' | 'uri', readonly string[]>>>;
  /** Certificate extensions by dotted OID (subjectAltName excepted), values as text. */
  readonly extensions: Readonly<Record<string, string>>;
  /** Why the peer is not authenticated (no cert, foreign CA, revoked, expired). */
  readonly reason: string;
  /** Hex serial number of the client cert, lower-case without leading zeros. */
  readonly serial: string | undefined;
}

export const UNAUTHENTICATED: ClientIdentity = Object.freeze({
  authenticated: false,
  certname: undefined,
  dnsNames: Object.freeze([]) as readonly string[],
  altNames: Object.freeze({}),
  extensions: Object.freeze({}),
  reason: 'no client certificate',
  serial: undefined,
});

/** Serial numbers compare as lower-case hex without leading zeros. */
export function normalizeSerial(hex: string): string {
  const s = hex.toLowerCase().replace(/^0+/, '');
  return s === '' ? '0' : s;
}

/** Revoked serials per issuer DN, from one CRL file (may hold several CRLs). */
export interface RevocationList {
  isRevoked(issuer: string, serial: string): boolean;
}

export function parseCrlPem(pem: string): RevocationList {
  const byIssuer = new Map<string, Set<string>>();
  // Puppet writes "X509 CRL"; other tools write "CRL".
  for (const m of pem.matchAll(/-----BEGIN (X509 )?CRL-----([\s\S]+?)-----END \1?CRL-----/g)) {
    const crl = readCrl(Buffer.from(m[2]!.replace(/\s+/g, ''), 'base64'));
    const set = byIssuer.get(crl.issuer.text) ?? new Set<string>();
    for (const entry of crl.entries) set.add(normalizeSerial(entry.serialNumber));
    byIssuer.set(crl.issuer.text, set);
  }
  return { isRevoked: (issuer, serial) => byIssuer.get(issuer)?.has(normalizeSerial(serial)) ?? false };
}

/**
 * The current CRL, re-read when its file changes. The file is stat'ed at most
 * once per `checkIntervalMs` (0 = on every call), so a revocation is seen by
 * the next request without a watcher. A missing or unreadable CRL revokes
 * nothing but is reported through `onError` once per change.
 */
export class CrlCache {
  #path: string;
  #checkIntervalMs: number;
  #now: () => number;
  #onError: (err: Error) => void;
  #lastCheck = -Infinity;
  #signature = '';
  #list: RevocationList = { isRevoked: () => false };
  #generation = 0;
  #pending: Promise<void> | undefined;

  constructor(path: string, options: { checkIntervalMs?: number; now?: () => number; onError?: (err: Error) => void } = {}) {
    this.#path = path;
    this.#checkIntervalMs = options.checkIntervalMs ?? 1000;
    this.#now = options.now ?? Date.now;
    this.#onError = options.onError ?? (() => undefined);
  }

  /** Bumped each time a new CRL is loaded; identities cache against it. */
  get generation(): number {
    return this.#generation;
  }

  get list(): RevocationList {
    return this.#list;
  }

  /** Makes the next refresh() look at the file whatever the interval (the CRL was just rewritten). */
  invalidate(): void {
    this.#lastCheck = -Infinity;
  }

  /** Brings the cache up to date with the file; cheap when nothing changed. */
  async refresh(): Promise<void> {
    const now = this.#now();
    if (now - this.#lastCheck < this.#checkIntervalMs) return;
    this.#pending ??= this.#reload(now).finally(() => { this.#pending = undefined; });
    await this.#pending;
  }

  async #reload(now: number): Promise<void> {
    this.#lastCheck = now;
    let signature: string;
    try {
      const st = await stat(this.#path, { bigint: true });
      signature = `${st.ino}:${st.size}:${st.mtimeNs}`;
    } catch (err) {
      signature = 'missing';
      if (this.#signature !== signature) this.#onError(new Error(`Cannot read CRL "${this.#path}": ${(err as Error).message}`));
    }
    if (signature === this.#signature) return;
    this.#signature = signature;
    this.#generation++;
    if (signature === 'missing') {
      this.#list = { isRevoked: () => false };
      return;
    }
    try {
      this.#list = parseCrlPem(await readFile(this.#path, 'utf8'));
    } catch (err) {
      this.#onError(new Error(`Cannot parse CRL "${this.#path}": ${(err as Error).message}`));
    }
  }
}

/** A Puppet extension value is usually a DER UTF8String; show it as its text. */
function extensionText(value: Uint8Array): string {
  const bytes = new Uint8Array(value);
  const tag = bytes[0];
  // UTF8String, PrintableString, IA5String, with a short or long length form.
  if ((tag === 0x0c || tag === 0x13 || tag === 0x16) && bytes.length >= 2) {
    let len = bytes[1]!;
    let off = 2;
    if (len & 0x80) {
      const n = len & 0x7f;
      len = 0;
      for (let i = 0; i < n; i++) len = (len << 8) | bytes[2 + i]!;
      off = 2 + n;
    }
    if (off + len === bytes.length) return Buffer.from(bytes.subarray(off)).toString('utf8');
  }
  return Buffer.from(bytes).toString('utf8');
}

export interface CertificateFacts {
  certname: string | undefined;
  dnsNames: string[];
  altNames: Partial<Record<'ip' | 'rfc822-name' | 'uri', string[]>>;
  extensions: Record<string, string>;
  issuer: string;
  serial: string;
}

/** Reads what auth.conf needs from a DER certificate. */
export function certificateFacts(der: Uint8Array): CertificateFacts {
  const cert = readCertificate(der);
  const cnAttr = nameField(cert.subject, '2.5.4.3');
  const dnsNames: string[] = [];
  const altNames: CertificateFacts['altNames'] = {};
  const extensions: Record<string, string> = {};
  for (const ext of cert.extensions) {
    if (ext.oid !== '2.5.29.17') {
      extensions[ext.oid] = extensionText(ext.value);
      continue;
    }
    const san = readGeneralNames(ext.value);
    dnsNames.push(...san.dns);
    if (san.ip.length) (altNames.ip ??= []).push(...san.ip);
    if (san.email.length) (altNames['rfc822-name'] ??= []).push(...san.email);
    if (san.uri.length) (altNames.uri ??= []).push(...san.uri);
  }
  return { certname: cnAttr[0], dnsNames, altNames, extensions, issuer: cert.issuer.text, serial: normalizeSerial(cert.serialNumber) };
}

interface CachedIdentity {
  generation: number;
  identity: ClientIdentity;
  facts: CertificateFacts | undefined;
  chainReason: string | undefined;
}

/**
 * Classifies TLS peers. Chain verification is OpenSSL's (the server context
 * trusts only our CA, so `socket.authorized` is false for a foreign CA or an
 * expired cert); revocation is checked here against the CrlCache so a new CRL
 * applies to connections that are already open.
 */
export class IdentityClassifier {
  #crl: CrlCache | undefined;
  #cache = new WeakMap<TLSSocket, CachedIdentity>();

  constructor(crl: CrlCache | undefined) {
    this.#crl = crl;
  }

  async classify(socket: TLSSocket): Promise<ClientIdentity> {
    if (this.#crl) await this.#crl.refresh();
    const generation = this.#crl?.generation ?? 0;
    const cached = this.#cache.get(socket);
    if (cached && cached.generation === generation) return cached.identity;
    let facts = cached?.facts;
    let chainReason = cached?.chainReason;
    if (!cached) {
      const peer = socket.getPeerCertificate();
      if (!peer || !peer.raw) {
        this.#cache.set(socket, { generation, identity: UNAUTHENTICATED, facts: undefined, chainReason: 'no client certificate' });
        return UNAUTHENTICATED;
      }
      try {
        facts = certificateFacts(peer.raw);
      } catch (err) {
        chainReason = `unparsable client certificate: ${(err as Error).message}`;
      }
      if (!chainReason && !socket.authorized) chainReason = `client certificate not trusted (${String(socket.authorizationError ?? 'unknown')})`;
    }
    const identity = this.#build(facts, chainReason);
    this.#cache.set(socket, { generation, identity, facts, chainReason });
    return identity;
  }

  #build(facts: CertificateFacts | undefined, chainReason: string | undefined): ClientIdentity {
    if (!facts) return { ...UNAUTHENTICATED, reason: chainReason ?? 'no client certificate' };
    let reason = chainReason;
    if (!reason && this.#crl?.list.isRevoked(facts.issuer, facts.serial)) reason = 'client certificate revoked';
    if (!reason && !facts.certname) reason = 'client certificate has an empty CN';
    return Object.freeze({
      authenticated: reason === undefined,
      certname: facts.certname,
      dnsNames: Object.freeze([...facts.dnsNames]),
      altNames: Object.freeze({ ...facts.altNames }),
      extensions: Object.freeze({ ...facts.extensions }),
      reason: reason ?? 'authenticated',
      serial: facts.serial,
    });
  }
}
