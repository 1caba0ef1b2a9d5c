// The certificate authority over a CA directory in puppetserver's layout:
// CSR submission with puppetserver's checks and autosign, signing, revocation,
// status queries, cleaning, and the CA's own first-start setup. The HTTP
// server's /puppet-ca/v1 handlers and the `bunraku ca` CLI both call this.
import { readFile, readdir, stat, unlink, mkdir, appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createPublicKey } from 'node:crypto';
import { webcrypto, x509 } from '../x509/crypto.js';
import { certnameProblem, isValidCertname } from '../x509/certname.js';
import { parseCsr, type ParsedCsr } from '../x509/csr.js';
import { parseCertificate, parseCertificates, parseCrls, formatSerialHex, type ParsedCertificate, type ParsedCrl } from '../x509/cert.js';
import { generateRsaKeyPair, importRsaSigningKey, weakKeyProblem } from '../x509/keys.js';
import { OID, resolveOid } from '../x509/oids.js';
import type { AltNames, RawExtension } from '../x509/extensions.js';
import { formatPuppetTime } from '../x509/time.js';
import { derUtf8String } from '../x509/der.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { CaError } from './errors.js';
import { allowedExtension, validateCsrForSigning, validateSubject } from './csr-policy.js';
import { caPaths, csrPath, signedPath, type CaPaths } from './paths.js';
import { autosignAllows, DEFAULT_AUTOSIGN_TIMEOUT_MS, type AutosignSetting } from './autosign.js';
import { KeyedLocks, SerialAllocator, SerialQueue } from './queue.js';
import { StatusCache, type CachedStatus } from './status-cache.js';
import { withCaLock } from './lock.js';
import { certificateStatus, csrStatus, type CertificateState, type CertificateStatus } from './status.js';
import {
  crlNextUpdate, agentExtensions, createCrl, createRootCaCertificate, hostExtensions,
  revokeInCrl, signCertificate, validityWindow, wholeSeconds, type Signer,
} from './issue.js';

/** Puppet's ca_ttl default: 5 years. */
export const DEFAULT_CA_TTL_SECONDS = 5 * 365 * 24 * 60 * 60;
/** puppetserver's upper bound for ca_ttl: 50 years. */
export const MAX_CA_TTL_SECONDS = 1_576_800_000;
export const DEFAULT_KEYLENGTH = 4096;

export interface CaOptions {
  /** The CA directory (Puppet's `cadir`). */
  cadir: string;
  /** Lifetime of issued certs (`ca_ttl`), seconds. */
  caTtlSeconds?: number;
  /** RSA bits of keys this CA generates (`keylength`). */
  keylength?: number;
  /** `allow_duplicate_certs`: a new CSR replaces an existing cert or CSR. */
  allowDuplicateCerts?: boolean;
  /** ca.conf `allow-subject-alt-names`. */
  allowSubjectAltNames?: boolean;
  /** ca.conf `allow-authorization-extensions`. */
  allowAuthorizationExtensions?: boolean;
  /** The `autosign` setting. */
  autosign?: AutosignSetting;
  /** Kill an autosign executable after this long. */
  autosignTimeoutMs?: number;
  /** Current time; tests pass a fixed clock. */
  clock?: () => Date;
  /** Receives a line for each action and each refused request. */
  log?: (message: string) => void;
}

export interface HostCertOptions {
  certname: string;
  /** `dns_alt_names`: bare names are DNS, `IP:`/`DNS:` prefixes are honoured. The certname is always appended. */
  dnsAltNames?: readonly string[];
  /** DNS names used when `dnsAltNames` is empty; puppetserver's server cert uses `puppet` (the default). */
  defaultDnsNames?: readonly string[];
  /** Mark the cert with pp_cli_auth="true" (the server's own cert). */
  ppCliAuth?: boolean;
  /** csr_attributes `extension_requests`: Puppet short names (pp_role) or dotted OIDs -> value. */
  extensionRequests?: Readonly<Record<string, string>>;
  /** Reuse this private key instead of generating one. */
  privateKeyPem?: string;
  /** Override ca_ttl for this cert. */
  ttlSeconds?: number;
}

export interface HostCredentials {
  certname: string;
  certPem: string;
  privateKeyPem: string;
  publicKeyPem: string;
  serial: bigint;
}

export interface SubmitResult {
  /** True when autosign approved and the cert was issued. */
  signed: boolean;
}

export interface CleanResult {
  cleaned: string[];
  /** Names without a cert: puppetserver reports these and goes on. */
  missing: string[];
  /** puppetserver's reply text for PUT /clean. */
  message: string;
}

export interface Expirations {
  'ca-certs': Record<string, string>;
  crls: Record<string, string>;
}

const DELTA_CRL_INDICATOR = '2.5.29.27';
/** Pending CSRs examined at once when the CA opens. */
const RECOVERY_CONCURRENCY = 8;

/** Hex key id of a certificate's Subject Key Identifier, or of its key when the extension is absent. */
function subjectKeyId(cert: ParsedCertificate): string | undefined {
  const ext = cert.cert.extensions.find((e) => e.type === OID.subjectKeyIdentifier);
  return ext ? new x509.SubjectKeyIdentifierExtension(ext.rawData).keyId : undefined;
}

const TEMP_FILE = /^\..+\.(\d+)\.[0-9a-f]{12}\.tmp$/;

function positiveSeconds(value: number, what: string): number {
  if (!Number.isInteger(value) || value <= 0) throw new CaError(400, `${what} must be a positive whole number of seconds, not "${value}"`, 'bad-request');
  return value;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}

function spkiOfPublicKeyPem(pem: string): Buffer {
  return createPublicKey(pem).export({ type: 'spki', format: 'der' });
}

export class CertificateAuthority {
  readonly paths: CaPaths;
  /** Work on one certname never interleaves; different names run in parallel. */
  private readonly names = new KeyedLocks();
  /** CRL rewrites and CA setup: one at a time, and under the directory lock. */
  private readonly global = new SerialQueue();
  private readonly serials = new SerialAllocator((count) => this.reserveSerials(count));
  private readonly statusCache = new StatusCache();
  private readonly clock: () => Date;
  private readonly log: (message: string) => void;
  private readonly caTtlSeconds: number;
  private readonly keylength: number;
  private signer: Signer | undefined;
  private readonly crlListeners: (() => void)[] = [];

  private constructor(private readonly options: CaOptions) {
    this.paths = caPaths(options.cadir);
    this.clock = options.clock ?? (() => new Date());
    this.log = options.log ?? (() => undefined);
    this.caTtlSeconds = positiveSeconds(options.caTtlSeconds ?? DEFAULT_CA_TTL_SECONDS, 'ca_ttl');
    if (this.caTtlSeconds > MAX_CA_TTL_SECONDS) throw new CaError(400, `Config setting ca_ttl must have a value below ${MAX_CA_TTL_SECONDS}`, 'bad-request');
    this.keylength = options.keylength ?? DEFAULT_KEYLENGTH;
  }

  /**
   * Opens the CA directory: creates requests/ and signed/, removes temp files
   * left by a crashed writer, loads the CA key and cert if they exist, and
   * finishes work a crash interrupted (CSRs that autosign allows are signed).
   */
  static async open(options: CaOptions): Promise<CertificateAuthority> {
    const ca = new CertificateAuthority(options);
    await mkdir(ca.paths.csrdir, { recursive: true });
    await mkdir(ca.paths.signeddir, { recursive: true });
    await ca.removeStaleTempFiles();
    const present = await ca.requiredFilesPresent();
    if (present.missing.length === 0) {
      await ca.loadSigner();
      await ca.recoverPendingRequests();
    }
    return ca;
  }

  /** True once the CA key and cert are loaded. */
  get initialized(): boolean {
    return this.signer !== undefined;
  }

  /** The signing CA certificate (the first of the bundle). */
  get caCertificate(): ParsedCertificate {
    return this.requireSigner().cert;
  }

  /**
   * Creates the CA on first start (puppetserver's `initialize!`): key pair,
   * self-signed cert `caName` (e.g. "Puppet CA: <certname>"), empty CRL,
   * serial, inventory. Returns false when the CA already existed. Refuses a
   * directory holding only part of the CA files.
   */
  async ensureCa(params: { caName: string }): Promise<boolean> {
    return this.exclusive(async () => {
      const present = await this.requiredFilesPresent();
      if (present.missing.length === 0) {
        if (!this.signer) await this.loadSigner();
        return false;
      }
      if (present.found.length > 0) {
        throw new CaError(500, `Cannot initialize CA with partial state; need all files or none.\nFound:\n${present.found.join('\n')}\nMissing:\n${present.missing.join('\n')}\n`, 'ca-state');
      }
      await this.generateCa(params.caName);
      this.log(`Created the CA "${params.caName}" in ${this.paths.cadir}`);
      return true;
    });
  }

  // ---------------------------------------------------------------- reads

  /** The CA certificate file (a bundle when the CA is an intermediate). */
  async caCertPem(): Promise<string> {
    return readFile(this.paths.cacert, 'utf8');
  }

  /** The CRL chain file and its modification time (for If-Modified-Since). */
  async crl(): Promise<{ pem: string; mtime: Date }> {
    // stat before reading: if a revocation lands in between, the content is
    // newer than the reported mtime (harmless), never older (a missed update).
    const info = await stat(this.paths.cacrl);
    const pem = await readFile(this.paths.cacrl, 'utf8');
    return { pem, mtime: info.mtime };
  }

  /** GET certificate/:subject. `ca` is the CA bundle; 404 "Could not find certificate <name>". */
  async certificatePem(name: string): Promise<string> {
    if (name === 'ca') return this.caCertPem();
    const pem = isValidCertname(name) ? await readFile(signedPath(this.paths, name), 'utf8').catch(() => undefined) : undefined;
    if (pem === undefined) throw new CaError(404, `Could not find certificate ${name}`, 'not-found');
    return pem;
  }

  /** GET certificate_request/:subject; 404 "Could not find certificate_request <name>". */
  async csrPem(name: string): Promise<string> {
    const pem = isValidCertname(name) ? await readFile(csrPath(this.paths, name), 'utf8').catch(() => undefined) : undefined;
    if (pem === undefined) throw new CaError(404, `Could not find certificate_request ${name}`, 'not-found');
    return pem;
  }

  /** GET certificate_status/:subject: the signed cert wins over a pending CSR. */
  async status(name: string): Promise<CertificateStatus> {
    if (isValidCertname(name)) {
      const found = (await this.cachedSigned(name)) ?? (await this.cachedCsr(name));
      if (found) return found.serial === undefined ? found.status : this.withRevocation(found, await this.revokedSerials());
    }
    throw new CaError(404, 'Resource not found.', 'not-found');
  }

  /** GET certificate_statuses: CSRs first, then certs, each sorted by name; optionally one state only. */
  async statuses(state?: CertificateState): Promise<CertificateStatus[]> {
    const out: CertificateStatus[] = [];
    if (state === undefined || state === 'requested') {
      for (const name of await this.listNames(this.paths.csrdir)) {
        const found = await this.cachedCsr(name).catch(() => undefined);
        if (found) out.push(found.status);
      }
    }
    if (state !== 'requested') {
      const revoked = await this.revokedSerials();
      for (const name of await this.listNames(this.paths.signeddir)) {
        const found = await this.cachedSigned(name).catch(() => undefined);
        if (!found) continue;
        const status = this.withRevocation(found, revoked);
        if (state === undefined || status.state === state) out.push(status);
      }
    }
    return out;
  }

  private cachedSigned(name: string): Promise<CachedStatus | undefined> {
    return this.statusCache.get(signedPath(this.paths, name), (pem) => {
      const cert = parseCertificate(pem);
      return { status: certificateStatus(name, cert, false), serial: cert.serial };
    });
  }

  private cachedCsr(name: string): Promise<CachedStatus | undefined> {
    return this.statusCache.get(csrPath(this.paths, name), (pem) => ({ status: csrStatus(name, parseCsr(pem)) }));
  }

  private withRevocation(found: CachedStatus, revoked: ReadonlySet<bigint>): CertificateStatus {
    return found.serial !== undefined && revoked.has(found.serial) ? { ...found.status, state: 'revoked' } : found.status;
  }

  /** GET expirations: not-after of each CA cert and next-update of each CRL, keyed by CN. */
  async expirations(): Promise<Expirations> {
    const out: Expirations = { 'ca-certs': {}, crls: {} };
    for (const cert of parseCertificates(await this.caCertPem())) out['ca-certs'][cert.subjectCn ?? ''] = formatPuppetTime(cert.notAfter);
    for (const crl of parseCrls((await this.crl()).pem)) {
      if (crl.nextUpdate) out.crls[crl.issuerCn ?? ''] = formatPuppetTime(crl.nextUpdate);
    }
    return out;
  }

  // ---------------------------------------------------------------- changes

  /**
   * PUT certificate_request/:subject, puppetserver's steps in order:
   * duplicate policy, subject checks, save the CSR, then if autosign
   * approves: SAN/authorization/extension policy, signature, sign, and
   * remove the CSR. Every refusal is a 400 CaError with puppetserver's text.
   */
  async submitCsr(name: string, pem: string): Promise<SubmitResult> {
    let csr: ParsedCsr;
    try {
      csr = parseCsr(pem);
    } catch (err) {
      throw new CaError(400, `Cannot parse CSR for "${name}": ${(err as Error).message}`, 'invalid-csr');
    }
    const cn = csr.commonName ?? '';
    const weak = weakKeyProblem(csr.publicKey);
    if (weak) throw new CaError(400, `CSR for "${name}" refused: ${weak}`, 'invalid-csr');
    await this.names.run(name, async () => {
      // Names are checked before any path is built from them; an invalid CN
      // skips the duplicate check and fails the subject check below.
      if (isValidCertname(cn)) await this.checkDuplicatePolicy(cn);
      validateSubject(name, cn);
      await writeFileAtomic(csrPath(this.paths, name), csr.pem, { mode: 0o644 });
    });
    // Outside the lock: a slow policy executable must not hold up other requests.
    const approved = await autosignAllows(this.options.autosign ?? false, name, csr.pem, this.autosignContext());
    if (!approved) {
      this.log(`Saved the certificate request for ${name}; waiting for it to be signed`);
      return { signed: false };
    }
    return this.names.run(name, async () => {
      // Re-read: between the two steps the CLI may have signed or removed it.
      const pending = await this.readCsr(name);
      if (!pending || !pending.der.equals(csr.der)) return { signed: false };
      await this.validateForSigning(name, pending, 400);
      await this.issueFromCsr(name, pending, this.caTtlSeconds);
      return { signed: true };
    });
  }

  /** DELETE certificate_request/:subject: 404 when there is none. */
  async deleteCsr(name: string): Promise<void> {
    await this.names.run(name, async () => {
      const path = isValidCertname(name) ? csrPath(this.paths, name) : undefined;
      if (!path || !(await exists(path))) {
        throw new CaError(404, `No certificate request for ${name} at expected path ${join(this.paths.csrdir, `${name}.pem`)}`, 'not-found');
      }
      await unlink(path);
      this.log(`Deleted certificate request for ${name}`);
    });
  }

  /**
   * PUT certificate_status/:subject {"desired_state":"signed"}: 404 when
   * nothing by that name exists, 409 without a CSR or when the CSR fails
   * validation. `certTtlSeconds` overrides ca_ttl.
   */
  async sign(name: string, options: { certTtlSeconds?: number } = {}): Promise<CertificateStatus> {
    const ttl = options.certTtlSeconds === undefined ? this.caTtlSeconds : positiveSeconds(options.certTtlSeconds, 'cert_ttl');
    return this.names.run(name, async () => {
      await this.requireSubject(name);
      const csr = await this.readCsr(name);
      if (!csr) throw new CaError(409, `Cannot sign certificate for host ${name} without a certificate request`, 'conflict');
      await this.validateForSigning(name, csr, 409);
      const cert = await this.issueFromCsr(name, csr, ttl);
      return certificateStatus(name, cert, false);
    });
  }

  /** PUT certificate_status/:subject {"desired_state":"revoked"}: 404 / 409 as puppetserver; revoking twice changes nothing. */
  async revoke(name: string): Promise<void> {
    await this.names.run(name, async () => {
      await this.requireSubject(name);
      if (!(await exists(signedPath(this.paths, name)))) {
        throw new CaError(409, `Cannot revoke certificate for host ${name} without a signed certificate`, 'conflict');
      }
      await this.exclusive(() => this.revokeNames([name]));
    });
  }

  /** DELETE certificate_status/:subject: removes the cert and the CSR without revoking; 404 when neither exists. */
  async deleteStatus(name: string): Promise<void> {
    await this.names.run(name, async () => {
      await this.requireSubject(name, 'Resource not found.');
      await unlink(signedPath(this.paths, name)).catch(() => undefined);
      await unlink(csrPath(this.paths, name)).catch(() => undefined);
      this.log(`Deleted the certificate and request files of ${name}`);
    });
  }

  /** PUT clean: revoke, then delete, each named cert; names without a cert are reported, not fatal. */
  async clean(names: readonly string[]): Promise<CleanResult> {
    return this.names.runAll(names.filter(isValidCertname), async () => {
      const existing: string[] = [];
      const missing: string[] = [];
      for (const name of names) {
        if (isValidCertname(name) && (await exists(signedPath(this.paths, name)))) existing.push(name);
        else missing.push(name);
      }
      await this.exclusive(() => this.revokeNames(existing));
      for (const name of existing) await unlink(signedPath(this.paths, name));
      if (existing.length) this.log(`Cleaned ${existing.join(', ')}`);
      const message = missing.length
        ? `The following certs do not exist and cannot be revoked: [${missing.map((n) => JSON.stringify(n)).join(' ')}]`
        : 'Successfully cleaned all certs.';
      return { cleaned: existing, missing, message };
    });
  }

  /**
   * PUT certificate_revocation_list (puppetserver's `update-crls`): CRLs of
   * other CAs in the chain are replaced by newer submitted ones with the same
   * authority key id; this CA's own CRL is never replaced. Returns the reply
   * text; refusals are 400 CaErrors with puppetserver's messages.
   */
  async updateCrls(pem: string): Promise<string> {
    let incoming: ParsedCrl[];
    try {
      incoming = parseCrls(pem);
    } catch (err) {
      throw new CaError(400, `Cannot parse the submitted CRLs: ${(err as Error).message}`, 'bad-request');
    }
    if (incoming.length === 0) throw new CaError(400, 'No valid CRLs submitted.', 'bad-request');
    if (incoming.some((c) => c.extensions.some((e) => e.oid === DELTA_CRL_INDICATOR))) throw new CaError(400, 'Cannot support delta CRL.', 'bad-request');
    if (incoming.some((c) => c.authorityKeyId === undefined)) {
      throw new CaError(400, 'One or more submitted CRLs do not have an authority key identifier.', 'bad-request');
    }
    return this.exclusive(async () => {
      const signer = this.requireSigner();
      const bundle = parseCertificates(await this.caCertPem());
      const ourKeyId = subjectKeyId(signer.cert);
      const chain = parseCrls(await readFile(this.paths.cacrl, 'utf8'));
      const updated: ParsedCrl[] = [];
      for (const current of chain) {
        if (current.authorityKeyId === ourKeyId) {
          updated.push(current);
          continue;
        }
        const candidates = incoming.filter((c) => c.authorityKeyId === current.authorityKeyId);
        const top = candidates.reduce<bigint>((m, c) => (c.number > m ? c.number : m), -1n);
        const newest = [...new Map(candidates.filter((c) => c.number === top).map((c) => [c.der.toString('hex'), c])).values()];
        if (newest.length > 1) throw new CaError(400, 'Could not determine newest CRL.', 'bad-request');
        const replacement = newest[0] && newest[0].number > current.number ? newest[0] : current;
        if (replacement !== current) this.log(`Updating CRL for issuer ${current.issuerCn ?? current.authorityKeyId}`);
        else if (newest[0]) this.log(`Received CRLs for issuer ${current.issuerCn ?? current.authorityKeyId} but none were newer than the existing CRL; keeping the existing CRL.`);
        updated.push(replacement);
      }
      for (const crl of updated) {
        const issuer = bundle.find((c) => subjectKeyId(c) === crl.authorityKeyId);
        if (!issuer || !(await crl.crl.verify({ publicKey: issuer.cert.publicKey }).catch(() => false))) {
          throw new CaError(400, `Invalid certs and/or CRLs: the CRL of "${crl.issuerCn ?? ''}" is not signed by a CA certificate of this CA's chain`, 'bad-request');
        }
      }
      await writeFileAtomic(this.paths.cacrl, updated.map((c) => c.pem).join(''), { mode: 0o644 });
      this.crlWritten();
      return 'Successfully updated CRLs.';
    });
  }

  /**
   * Issues a cert for a host from a key made here (the server's own cert at
   * first start, or `bunraku ca generate`). Writes signed/<certname>.pem and
   * the inventory; returns the PEMs for the caller to place in its ssldir.
   */
  async issueHostCert(options: HostCertOptions): Promise<HostCredentials> {
    const problem = certnameProblem(options.certname);
    if (problem) throw new CaError(400, `Cannot issue a certificate for "${options.certname}": ${problem}`, 'invalid-subject-name');
    const ttl = options.ttlSeconds === undefined ? this.caTtlSeconds : positiveSeconds(options.ttlSeconds, 'ttl');
    const keys = options.privateKeyPem
      ? { privateKeyPem: options.privateKeyPem, publicKeyPem: createPublicKey(options.privateKeyPem).export({ type: 'spki', format: 'pem' }) as string }
      : await generateRsaKeyPair(this.keylength);
    const altNames = parseAltNameList(options.dnsAltNames ?? []);
    // csr_attributes extension requests carry their values as UTF8String.
    const requests: RawExtension[] = Object.entries(options.extensionRequests ?? {}).map(([name, value]) => {
      const oid = resolveOid(name);
      if (!oid) throw new CaError(400, `Cannot issue a certificate for "${options.certname}": "${name}" is neither a Puppet short name nor an OID`, 'disallowed-extension');
      return { oid, critical: false, value: derUtf8String(value) };
    });
    const disallowed = requests.filter((r) => !allowedExtension(r.oid)).map((r) => r.oid);
    if (disallowed.length) throw new CaError(400, `Found extensions that are not permitted: ${disallowed.join(', ')}`, 'disallowed-extension');
    return this.names.run(options.certname, async () => {
      const signer = this.requireSigner();
      const spki = spkiOfPublicKeyPem(keys.publicKeyPem);
      const serial = await this.takeSerial();
      const { notBefore, notAfter } = validityWindow(this.clock(), ttl);
      const cert = await signCertificate({
        signer, serial, subjectCn: options.certname, spki, notBefore, notAfter,
        extensions: await hostExtensions(options.certname, spki, altNames, requests, signer, options.ppCliAuth ?? false, options.defaultDnsNames),
      });
      await this.recordIssued(options.certname, cert);
      this.log(`Issued certificate for ${options.certname} (serial ${cert.serial})`);
      return { certname: options.certname, certPem: cert.pem, privateKeyPem: keys.privateKeyPem, publicKeyPem: keys.publicKeyPem, serial: cert.serial };
    });
  }

  // ---------------------------------------------------------------- internals

  /** One at a time in this process, and under the directory lock against other processes (the CLI next to the server). */
  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    return this.global.run(() => withCaLock(this.paths.cadir, task));
  }

  private requireSigner(): Signer {
    if (!this.signer) throw new CaError(500, `The CA in "${this.paths.cadir}" is not set up: ca_crt.pem, ca_key.pem, ca_crl.pem, serial and inventory.txt are needed`, 'ca-state');
    return this.signer;
  }

  private autosignContext() {
    return { timeoutMs: this.options.autosignTimeoutMs ?? DEFAULT_AUTOSIGN_TIMEOUT_MS, log: this.log };
  }

  private async requiredFilesPresent(): Promise<{ found: string[]; missing: string[] }> {
    const required = [this.paths.cacert, this.paths.cacrl, this.paths.cakey, this.paths.inventory, this.paths.serial];
    const found: string[] = [];
    const missing: string[] = [];
    for (const path of required) ((await exists(path)) ? found : missing).push(path);
    return { found, missing };
  }

  private async loadSigner(): Promise<void> {
    const bundle = parseCertificates(await readFile(this.paths.cacert, 'utf8'));
    if (bundle.length === 0) throw new CaError(500, `Cannot load the CA: ${this.paths.cacert} holds no certificate`, 'ca-state');
    const keyPem = await readFile(this.paths.cakey, 'utf8');
    const key = await importRsaSigningKey(keyPem);
    // As puppetserver's pem->ca-cert: the signing cert is the one matching the key.
    const keySpki = spkiOfPublicKeyPem(keyPem);
    const cert = bundle.find((c) => c.spki.equals(keySpki));
    if (!cert) throw new CaError(500, `Cannot load the CA: the key in ${this.paths.cakey} matches no certificate in ${this.paths.cacert}`, 'ca-state');
    this.signer = { cert, key };
  }

  private async generateCa(caName: string): Promise<void> {
    const keys = await generateRsaKeyPair(this.keylength);
    const spki = spkiOfPublicKeyPem(keys.publicKeyPem);
    const privateKey = await importRsaSigningKey(keys.privateKeyPem);
    const publicKey = await webcrypto.subtle.importKey('spki', spki, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, true, ['verify']) as CryptoKey;
    // Serials start at 1 and the CA cert takes it. (The directory lock is held
    // here, so the serial allocator, which takes it too, is not used.)
    const serial = 1n;
    await writeFileAtomic(this.paths.serial, formatSerialHex(serial + 1n), { mode: 0o644 });
    const { notBefore, notAfter } = validityWindow(this.clock(), this.caTtlSeconds);
    const cert = await createRootCaCertificate({ caName, keys: { privateKey, publicKey }, spki, serial, notBefore, notAfter });
    const signer: Signer = { cert, key: privateKey };
    const now = wholeSeconds(this.clock());
    const crl = await createCrl({ signer, number: 0n, thisUpdate: now, nextUpdate: crlNextUpdate(now), entries: [] });
    await writeFileAtomic(this.paths.inventory, '', { mode: 0o644 });
    await appendFile(this.paths.inventory, inventoryLine(cert));
    await writeFileAtomic(this.paths.capub, keys.publicKeyPem, { mode: 0o644 });
    await writeFileAtomic(this.paths.cakey, keys.privateKeyPem, { mode: 0o640 });
    await writeFileAtomic(this.paths.infraInventory, '', { mode: 0o644 });
    await writeFileAtomic(this.paths.infraSerials, '', { mode: 0o644 });
    await writeFileAtomic(this.paths.infraCrl, crl.pem, { mode: 0o644 });
    await writeFileAtomic(this.paths.cacrl, crl.pem, { mode: 0o644 });
    // ca_crt.pem last: its presence with the others marks a complete CA.
    await writeFileAtomic(this.paths.cacert, cert.pem, { mode: 0o644 });
    this.signer = signer;
  }

  /** Calls `listener` each time this CA rewrites its CRL (a revocation or an update of the chain's CRLs). */
  onCrlChange(listener: () => void): void {
    this.crlListeners.push(listener);
  }

  private crlWritten(): void {
    for (const listener of this.crlListeners) listener();
  }

  /** The next serial; it is on disk as used before it is returned, so it is never handed out twice. */
  private takeSerial(): Promise<bigint> {
    return this.serials.next();
  }

  /** Advances the serial file by `count` and returns the first reserved serial. */
  private reserveSerials(count: number): Promise<bigint> {
    return withCaLock(this.paths.cadir, async () => {
      const text = (await readFile(this.paths.serial, 'utf8')).trim();
      if (!/^[0-9a-fA-F]+$/.test(text)) throw new CaError(500, `Cannot read the serial file ${this.paths.serial}: "${text}" is not a hex number`, 'ca-state');
      const first = BigInt(`0x${text}`);
      await writeFileAtomic(this.paths.serial, formatSerialHex(first + BigInt(count)), { mode: 0o644 });
      return first;
    });
  }

  private async recordIssued(name: string, cert: ParsedCertificate): Promise<void> {
    // Inventory first, as puppetserver does; a crash before the cert is
    // written leaves a line for a serial that was never handed out, which
    // is harmless, while the serial itself is never reused.
    await appendFile(this.paths.inventory, inventoryLine(cert), { mode: 0o644 });
    await writeFileAtomic(signedPath(this.paths, name), cert.pem, { mode: 0o644 });
  }

  private async issueFromCsr(name: string, csr: ParsedCsr, ttlSeconds: number): Promise<ParsedCertificate> {
    const signer = this.requireSigner();
    const serial = await this.takeSerial();
    const { notBefore, notAfter } = validityWindow(this.clock(), ttlSeconds);
    const cert = await signCertificate({
      signer, serial, subjectCn: name, spki: csr.spki, notBefore, notAfter,
      extensions: await agentExtensions(name, csr, signer),
    });
    await this.recordIssued(name, cert);
    await unlink(csrPath(this.paths, name)).catch(() => undefined);
    this.log(`Signed certificate request for ${name} (serial ${cert.serial})`);
    return cert;
  }

  private async checkDuplicatePolicy(cn: string): Promise<void> {
    const cert = await this.readSigned(cn);
    const hasCsr = cert ? false : await exists(csrPath(this.paths, cn));
    if (!cert && !hasCsr) return;
    const state = cert ? ((await this.isRevoked(cert.serial)) ? 'revoked' : 'signed') : 'requested';
    if (this.options.allowDuplicateCerts) {
      this.log(`${cn} already has a ${state} certificate; new certificate will overwrite it`);
      return;
    }
    throw new CaError(400, `${cn} already has a ${state} certificate; ignoring certificate request`, 'duplicate-cert');
  }

  /** puppetserver's `validate-csr`, logging refusals. */
  private async validateForSigning(name: string, csr: ParsedCsr, status: 400 | 409): Promise<void> {
    try {
      await validateCsrForSigning(name, csr, {
        allowSubjectAltNames: this.options.allowSubjectAltNames ?? false,
        allowAuthorizationExtensions: this.options.allowAuthorizationExtensions ?? false,
      }, status);
    } catch (err) {
      if (err instanceof CaError) this.log(`Refused to sign ${name}: ${err.message}`);
      throw err;
    }
  }

  /** 404 unless a cert or a CSR exists for `name` (liberator's `exists?`). */
  private async requireSubject(name: string, message = 'Invalid certificate subject.'): Promise<void> {
    if (isValidCertname(name) && ((await exists(signedPath(this.paths, name))) || (await exists(csrPath(this.paths, name))))) return;
    throw new CaError(404, message, 'not-found');
  }

  private async revokeNames(names: readonly string[]): Promise<void> {
    if (names.length === 0) return;
    const signer = this.requireSigner();
    const chain = parseCrls(await readFile(this.paths.cacrl, 'utf8'));
    const ours = chain.findIndex((c) => c.issuerDer.equals(signer.cert.subjectDer));
    if (ours < 0) throw new CaError(500, `Cannot revoke: ${this.paths.cacrl} holds no CRL issued by "${signer.cert.subjectCn}"`, 'ca-state');
    const already = new Set(chain[ours].entries.map((e) => e.serial));
    const serials: bigint[] = [];
    for (const name of names) {
      const cert = await this.readSigned(name);
      if (cert && !already.has(cert.serial) && !serials.includes(cert.serial)) serials.push(cert.serial);
    }
    if (serials.length === 0) {
      this.log('No revoke action needed. The certs are already in the CRL.');
      return;
    }
    const updated = await revokeInCrl(chain[ours], serials, signer, this.clock());
    const newChain: ParsedCrl[] = [...chain];
    newChain[ours] = updated;
    await writeFileAtomic(this.paths.cacrl, newChain.map((c) => c.pem).join(''), { mode: 0o644 });
    this.crlWritten();
    this.log(`Revoked ${names.join(', ')} (serial ${serials.join(', ')}); CRL number is now ${updated.number}`);
  }

  private async revokedSerials(): Promise<Set<bigint>> {
    const signer = this.signer;
    const chain = parseCrls(await readFile(this.paths.cacrl, 'utf8').catch(() => ''));
    const subject = signer?.cert.subjectDer;
    const ours = chain.find((c) => subject && c.issuerDer.equals(subject)) ?? chain[0];
    return new Set(ours?.entries.map((e) => e.serial) ?? []);
  }

  private async isRevoked(serial: bigint): Promise<boolean> {
    return (await this.revokedSerials()).has(serial);
  }

  private async readSigned(name: string): Promise<ParsedCertificate | undefined> {
    const pem = await readFile(signedPath(this.paths, name), 'utf8').catch(() => undefined);
    return pem === undefined ? undefined : parseCertificate(pem);
  }

  private async readCsr(name: string): Promise<ParsedCsr | undefined> {
    const pem = await readFile(csrPath(this.paths, name), 'utf8').catch(() => undefined);
    return pem === undefined ? undefined : parseCsr(pem);
  }

  /** Certnames of the `<name>.pem` files in a directory, sorted; files with invalid names are ignored. */
  private async listNames(dir: string): Promise<string[]> {
    const entries = await readdir(dir).catch(() => [] as string[]);
    return entries.filter((f) => f.endsWith('.pem')).map((f) => f.slice(0, -4)).filter(isValidCertname).sort();
  }

  private async removeStaleTempFiles(): Promise<void> {
    for (const dir of [this.paths.cadir, this.paths.csrdir, this.paths.signeddir]) {
      for (const file of await readdir(dir).catch(() => [] as string[])) {
        const m = TEMP_FILE.exec(file);
        if (!m) continue;
        const pid = Number(m[1]);
        // A live writer's temp file is its business; only orphans go.
        if (pid !== process.pid && processAlive(pid)) continue;
        await unlink(join(dir, file)).catch(() => undefined);
        this.log(`Removed ${join(dir, file)} left behind by an interrupted write`);
      }
    }
  }

  /** Finishes work a crash interrupted: CSRs whose cert was already written are removed; others are signed if autosign allows. */
  private async recoverPendingRequests(): Promise<void> {
    // A few at a time: a slow autosign executable must not make start-up
    // take (pending CSRs x timeout).
    const names = await this.listNames(this.paths.csrdir);
    const workers = Array.from({ length: Math.min(RECOVERY_CONCURRENCY, names.length) }, async () => {
      for (let name = names.shift(); name !== undefined; name = names.shift()) await this.recoverOne(name);
    });
    await Promise.all(workers);
  }

  private async recoverOne(name: string): Promise<void> {
    // One pending CSR: tidy it if its cert was written before a crash, else sign it if autosign allows.
    const csr = await this.readCsr(name).catch(() => undefined);
    if (!csr) return;
    const cert = await this.readSigned(name).catch(() => undefined);
    // Without allow_duplicate_certs a CSR never sits next to a cert unless a
    // crash came between writing the cert and removing the CSR. (With it, the
    // CSR may be a genuine re-request, and is left alone.)
    if (cert && !this.options.allowDuplicateCerts) {
      if (cert.spki.equals(csr.spki)) {
        await this.names.run(name, () => unlink(csrPath(this.paths, name)).catch(() => undefined));
        this.log(`Removed the request of ${name}: its certificate had been issued before an interruption`);
      }
      return;
    }
    if (!(await autosignAllows(this.options.autosign ?? false, name, csr.pem, this.autosignContext()))) return;
    await this.names.run(name, async () => {
      const pending = await this.readCsr(name).catch(() => undefined);
      if (!pending || !pending.der.equals(csr.der)) return;
      try {
        await this.validateForSigning(name, pending, 400);
      } catch {
        return;
      }
      await this.issueFromCsr(name, pending, this.caTtlSeconds);
    });
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** `dns_alt_names` entries: `IP:` and `DNS:` prefixes honoured, bare names are DNS. */
export function parseAltNameList(entries: readonly string[]): AltNames {
  const out: AltNames = { dns: [], ip: [], other: [] };
  for (const raw of entries) {
    const entry = raw.trim();
    if (entry === '') continue;
    if (entry.startsWith('IP:')) out.ip.push(entry.slice(3));
    else out.dns.push(entry.replace(/^DNS:/, ''));
  }
  return out;
}

/** One inventory.txt line: `0x<serial> <not before> <not after> /CN=<name>`. */
export function inventoryLine(cert: ParsedCertificate): string {
  return `0x${formatSerialHex(cert.serial)} ${formatPuppetTime(cert.notBefore)} ${formatPuppetTime(cert.notAfter)} /CN=${cert.subjectCn ?? ''}\n`;
}
