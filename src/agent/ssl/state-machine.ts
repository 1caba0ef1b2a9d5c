// The agent's SSL bootstrap as an explicit state machine, state for state as
// Puppet 7's lib/puppet/ssl/state_machine.rb (http-api.md §6):
//   NeedLock -> NeedCACerts -> NeedCRLs -> NeedKey -> NeedSubmitCSR -> NeedCert -> Done
// with Wait, Error and LockFailure on the side. Each state owns an immutable
// SSL context and hands the next state a new one; network requests use the
// context of the state making them (insecure -> CA -> CA+CRL). Where Puppet
// calls exit(1), the machine throws SslExit so the caller decides.
import { generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import type { HttpClient } from '../http/client.js';
import { CaService } from '../http/ca-service.js';
import { CertVerifyError, ConnectionError, HttpError, HttpResponseError } from '../http/errors.js';
import type { AgentLog } from '../http/log.js';
import type { ServiceSite } from '../http/service.js';
import { CertStore } from './cert-store.js';
import { buildCsr } from './csr.js';
import { loadCsrAttributes } from './csr-attributes.js';
import type { Lock } from './lock.js';
import { revocationMode, type AgentSslSettings } from './settings.js';
import {
  createClientContext, createInsecureContext, createRootContext, SslError, type RevocationMode, type SslContext,
} from './ssl-context.js';
import { CertificateParseError, hexDigest, parseCertificate, parseCertificates, parseCrls, puppetDigest } from './x509-objects.js';

/** The machine stopped where Puppet exits the process; `code` is the exit status. */
export class SslExit extends Error {
  override name = 'SslExit';
  readonly code: number;
  constructor(message: string, code = 1) {
    super(message);
    this.code = code;
  }
}

/** The bootstrap failed (onetime Error, or LockFailure); the message was logged. */
export class SslBootstrapError extends Error {
  override name = 'SslBootstrapError';
}

export interface SslMachineDeps {
  readonly settings: AgentSslSettings;
  readonly client: HttpClient;
  readonly log: AgentLog;
  readonly lock: Lock;
  readonly store?: CertStore;
  /** Where Puppet `puts` a message (stdout when not daemonized). */
  readonly stdout?: (line: string) => void;
  /** Wall clock, ms since the epoch. */
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Key generation, replaceable in tests to avoid 4096-bit keys. */
  readonly generateKey?: (settings: AgentSslSettings) => Promise<KeyObject>;
}

export type StateName = 'NeedLock' | 'NeedCACerts' | 'NeedCRLs' | 'NeedKey' | 'NeedSubmitCSR' | 'NeedCert' | 'Wait' | 'Error' | 'LockFailure' | 'Done';

abstract class State {
  abstract readonly name: StateName;
  constructor(readonly machine: SslStateMachine, readonly ssl: SslContext | undefined) {}
  abstract next(): Promise<State>;

  protected toError(message: string, cause: unknown): ErrorState {
    return new ErrorState(this.machine, message, cause);
  }
}

class NeedLock extends State {
  readonly name = 'NeedLock';
  constructor(machine: SslStateMachine) {
    super(machine, undefined);
  }

  async next(): Promise<State> {
    const m = this.machine;
    if (await m.deps.lock.lock()) return new NeedCACerts(m);
    const waitforlock = m.settings.waitforlock ?? 0;
    if (waitforlock < 1) {
      return new LockFailure(m, 'Another puppet instance is already running and the waitforlock setting is set to 0; exiting');
    }
    if (m.now() >= m.waitlockDeadline) {
      return new LockFailure(m, 'Another puppet instance is already running and the maxwaitforlock timeout has been exceeded; exiting');
    }
    m.log.info('Another puppet instance is already running; waiting for it to finish');
    m.log.info(`Will try again in ${waitforlock} seconds.`);
    await m.sleep(waitforlock * 1000);
    return this;
  }
}

class NeedCACerts extends State {
  readonly name = 'NeedCACerts';
  constructor(machine: SslStateMachine) {
    super(machine, createInsecureContext());
  }

  async next(): Promise<State> {
    const m = this.machine;
    m.log.debug('Loading CA certs');
    try {
      let cacerts = await m.store.loadCaCerts();
      if (cacerts) return new NeedCRLs(m, createRootContext({ cacerts, revocation: false }));
      const pem = await m.ca(this.ssl!).getCaCert();
      const expected = m.settings.ca_fingerprint;
      if (expected) {
        const actual = hexDigest(pem);
        const want = (expected.replace(/:/g, '').match(/../g) ?? []).join(':').toUpperCase();
        if (actual !== want) {
          return new ErrorState(m, `CA bundle with digest (SHA256) ${actual} did not match expected digest ${want}`, undefined);
        }
        m.log.info(`Verified CA bundle with digest (SHA256) ${actual}`);
      }
      cacerts = parseCertificates(pem);
      const next = createRootContext({ cacerts, revocation: false });
      await m.store.saveCaCerts(cacerts);
      return new NeedCRLs(m, next);
    } catch (err) {
      if (err instanceof CertificateParseError) return this.toError(err.message, err);
      if (err instanceof HttpResponseError) {
        if (err.status === 404) return this.toError('CA certificate is missing from the server', err);
        return this.toError(`Could not download CA certificate: ${err.reason}`, err);
      }
      throw err;
    }
  }
}

class NeedCRLs extends State {
  readonly name = 'NeedCRLs';

  async next(): Promise<State> {
    const m = this.machine;
    const ssl = this.ssl!;
    m.log.debug('Loading CRLs');
    try {
      const mode = m.revocation;
      if (mode === false) {
        m.log.info('Certificate revocation is disabled, skipping CRL download');
        return new NeedKey(m, createRootContext({ cacerts: ssl.cacerts, crls: [], revocation: false }));
      }
      const crls = await m.store.loadCrls();
      if (!crls) return new NeedKey(m, await this.#download(ssl, undefined));
      let next = createRootContext({ cacerts: ssl.cacerts, crls, revocation: mode });
      const ttl = m.settings.crl_refresh_interval;
      if (ttl !== undefined && ttl !== null) {
        const lastUpdate = await m.store.crlLastUpdate();
        const now = m.now();
        if (lastUpdate === undefined || Math.floor(now / 1000) > Math.floor(lastUpdate.getTime() / 1000) + ttl) {
          // Set the time first, then refresh on a best-effort basis.
          await m.store.setCrlLastUpdate(new Date(now));
          next = await this.#refresh(next, lastUpdate);
        }
      }
      return new NeedKey(m, next);
    } catch (err) {
      if (err instanceof CertificateParseError) return this.toError(err.message, err);
      if (err instanceof HttpResponseError) {
        if (err.status === 404) return this.toError('CRL is missing from the server', err);
        return this.toError(`Could not download CRLs: ${err.reason}`, err);
      }
      throw err;
    }
  }

  async #refresh(current: SslContext, lastUpdate: Date | undefined): Promise<SslContext> {
    const m = this.machine;
    m.log.info('Refreshing CRL');
    try {
      return (await this.#download(current, lastUpdate)) ?? current;
    } catch (err) {
      if (err instanceof NotModified) {
        m.log.info('CRL is unmodified, using existing CRL');
      } else if (err instanceof HttpResponseError) {
        m.log.info(`Failed to refresh CRL, using existing CRL: ${err.reason}`);
      } else if (err instanceof HttpError) {
        m.log.warning(`Failed to refresh CRL, using existing CRL: ${err.message}`);
      } else {
        throw err;
      }
      return current;
    }
  }

  // Downloads with revocation off in the connection (this.ssl is the CA-only
  // context): we may have no CRL yet, or one for an older CA.
  async #download(ssl: SslContext, lastUpdate: Date | undefined): Promise<SslContext> {
    const m = this.machine;
    const pem = await m.ca(this.ssl!).getCrl({ ifModifiedSince: lastUpdate });
    if (pem === undefined) throw new NotModified();
    const crls = parseCrls(pem);
    const next = createRootContext({ cacerts: ssl.cacerts, crls, revocation: m.revocation });
    await m.store.saveCrls(crls);
    return next;
  }
}

class NotModified extends Error {}

class NeedKey extends State {
  readonly name = 'NeedKey';

  async next(): Promise<State> {
    const m = this.machine;
    const ssl = this.ssl!;
    const certname = m.settings.certname;
    m.log.debug('Loading/generating private key');
    const password = await m.store.loadPrivateKeyPassword();
    let key = await m.store.loadPrivateKey(certname, password);
    if (key) {
      const cert = await m.store.loadClientCert(certname);
      if (cert) {
        const next = await createClientContext({
          cacerts: ssl.cacerts, crls: ssl.crls, privateKey: key, clientCert: cert, revocation: ssl.revocation,
          now: m.now(), warn: (msg) => m.log.warning(msg),
        });
        return new Done(m, next);
      }
    } else {
      if ((m.settings.key_type ?? 'rsa') === 'ec') {
        m.log.info(`Creating a new EC SSL key for ${certname} using curve ${m.settings.named_curve ?? 'prime256v1'}`);
      } else {
        m.log.info(`Creating a new RSA SSL key for ${certname}`);
      }
      key = await m.generateKey();
      await m.store.savePrivateKey(certname, key, password);
    }
    return new NeedSubmitCSR(m, ssl, key);
  }
}

abstract class KeyState extends State {
  constructor(machine: SslStateMachine, ssl: SslContext, readonly privateKey: KeyObject) {
    super(machine, ssl);
  }
}

class NeedSubmitCSR extends KeyState {
  readonly name = 'NeedSubmitCSR';

  async next(): Promise<State> {
    const m = this.machine;
    const certname = m.settings.certname;
    m.log.debug('Generating and submitting a CSR');
    m.log.info(`csr_attributes file loading from ${m.settings.csr_attributes}`);
    const attributes = await loadCsrAttributes(m.settings.csr_attributes);
    m.log.info(`Creating a new SSL certificate request for ${certname}`);
    const csr = buildCsr({
      certname, privateKey: this.privateKey, dnsAltNames: m.settings.dns_alt_names,
      customAttributes: attributes?.customAttributes, extensionRequests: attributes?.extensionRequests,
    });
    m.log.info(`Certificate Request fingerprint (SHA256): ${hexDigest(csr.der)}`);
    try {
      await m.ca(this.ssl!).putCsr(certname, csr.pem);
      await m.store.saveRequest(certname, csr.pem);
      return new NeedCert(m, this.ssl!, this.privateKey);
    } catch (err) {
      if (err instanceof HttpResponseError) {
        // 400: already requested, signed or revoked; fetching the cert tells which.
        if (err.status === 400) return new NeedCert(m, this.ssl!, this.privateKey);
        return this.toError(`Failed to submit the CSR, HTTP response was ${err.status}`, err);
      }
      throw err;
    }
  }
}

class NeedCert extends KeyState {
  readonly name = 'NeedCert';

  async next(): Promise<State> {
    const m = this.machine;
    const ssl = this.ssl!;
    const certname = m.settings.certname;
    m.log.debug('Downloading client certificate');
    const ca = m.ca(ssl);
    try {
      const cert = parseCertificate(await ca.getCertificate(certname));
      m.log.info(`Downloaded certificate for ${certname} from ${ca.url.href}`);
      // Verify before saving: a mismatched or revoked cert never reaches disk.
      const next = await createClientContext({
        cacerts: ssl.cacerts, crls: ssl.crls, privateKey: this.privateKey, clientCert: cert, revocation: ssl.revocation,
        now: m.now(), warn: (msg) => m.log.warning(msg),
      });
      await m.store.saveClientCert(certname, cert);
      await m.store.deleteRequest(certname);
      return new Done(m, next);
    } catch (err) {
      if (err instanceof SslError) return this.toError(err.message, err);
      if (err instanceof CertificateParseError) return this.toError(`Failed to parse certificate: ${err.message}`, err);
      if (err instanceof HttpResponseError) {
        if (err.status === 404) {
          m.log.info(`Certificate for ${certname} has not been signed yet`);
          m.puts(`Couldn't fetch certificate from CA server; you might still need to sign this agent's certificate (${certname}).`);
          return new Wait(m);
        }
        return this.toError(`Failed to retrieve certificate for ${certname}: ${err.reason}`, err);
      }
      throw err;
    }
  }
}

class Wait extends State {
  readonly name = 'Wait';
  constructor(machine: SslStateMachine) {
    super(machine, undefined);
  }

  async next(): Promise<State> {
    const m = this.machine;
    const time = m.settings.waitforcert;
    if (time < 1) {
      m.logError('Exiting now because the waitforcert setting is set to 0.');
      throw new SslExit('Exiting now because the waitforcert setting is set to 0.');
    }
    if (m.now() > m.waitDeadline) {
      const message = `Couldn't fetch certificate from CA server; you might still need to sign this agent's certificate (${m.settings.certname}). Exiting now because the maxwaitforcert timeout has been exceeded.`;
      m.logError(message);
      throw new SslExit(message);
    }
    m.log.info(`Will try again in ${time} seconds.`);
    // Close pooled connections before sleeping; the next round starts afresh.
    m.deps.client.close();
    await m.deps.lock.unlock();
    await m.sleep(time * 1000);
    return new NeedLock(m);
  }
}

class ErrorState extends State {
  readonly name = 'Error';
  constructor(machine: SslStateMachine, readonly message: string, readonly cause: unknown) {
    super(machine, undefined);
  }

  async next(): Promise<State> {
    this.machine.log.err(this.message);
    return new Wait(this.machine);
  }
}

class LockFailure extends State {
  readonly name = 'LockFailure';
  constructor(machine: SslStateMachine, readonly message: string) {
    super(machine, undefined);
  }

  async next(): Promise<State> {
    return this;
  }
}

class Done extends State {
  readonly name = 'Done';
  async next(): Promise<State> {
    return this;
  }
}

export class SslStateMachine {
  readonly deps: SslMachineDeps;
  readonly settings: AgentSslSettings;
  readonly store: CertStore;
  readonly log: AgentLog;
  readonly revocation: RevocationMode;
  readonly waitDeadline: number;
  readonly waitlockDeadline: number;
  readonly caSite: ServiceSite;
  /** Names of the states visited, in order (for tests and --debug). */
  readonly trace: StateName[] = [];

  constructor(deps: SslMachineDeps) {
    this.deps = deps;
    this.settings = deps.settings;
    this.log = deps.log;
    const s = deps.settings;
    this.store = deps.store ?? new CertStore({
      ssldir: s.ssldir, certdir: s.certdir, privatekeydir: s.privatekeydir, requestdir: s.requestdir,
      localcacert: s.localcacert, hostcrl: s.hostcrl, hostprivkey: s.hostprivkey, hostcert: s.hostcert, passfile: s.passfile,
    });
    this.revocation = revocationMode(s.certificate_revocation);
    const start = this.now();
    this.waitDeadline = start + seconds(s.maxwaitforcert) * 1000;
    this.waitlockDeadline = start + seconds(s.maxwaitforlock ?? 60) * 1000;
    this.caSite = { server: s.ca_server, port: s.ca_port };
  }

  now(): number {
    return (this.deps.now ?? Date.now)();
  }

  sleep(ms: number): Promise<void> {
    return (this.deps.sleep ?? ((t: number) => new Promise<void>((r) => setTimeout(r, t))))(ms);
  }

  ca(ssl: SslContext): CaService {
    return new CaService(this.deps.client, this.caSite, ssl.tls);
  }

  puts(line: string): void {
    if (this.settings.daemonize) this.log.err(line);
    else (this.deps.stdout ?? ((l: string) => process.stdout.write(`${l}\n`)))(line);
  }

  /** Puppet's log_error: stdout unless daemonized. */
  logError(message: string): void {
    this.puts(message);
  }

  async generateKey(): Promise<KeyObject> {
    if (this.deps.generateKey) return this.deps.generateKey(this.settings);
    const gen = promisify(generateKeyPair);
    if ((this.settings.key_type ?? 'rsa') === 'ec') {
      return (await gen('ec', { namedCurve: this.settings.named_curve ?? 'prime256v1' })).privateKey;
    }
    return (await gen('rsa', { modulusLength: this.settings.keylength, publicExponent: 0x10001 })).privateKey;
  }

  /** Runs until the CA bundle and CRLs are in place (Puppet's ensure_ca_certificates). */
  async ensureCaCertificates(): Promise<SslContext> {
    return (await this.#run('NeedKey')).ssl!;
  }

  /** Runs until the agent has a verified client context (Puppet's ensure_client_certificate). */
  async ensureClientCertificate(): Promise<SslContext> {
    const ssl = (await this.#run('Done')).ssl!;
    this.#print(ssl);
    return ssl;
  }

  async #run(stop: StateName): Promise<State> {
    let state: State = new NeedLock(this);
    // Puppet creates its SSL directories (with their modes) at start-up.
    await this.store.ensureDirectories();
    try {
      for (;;) {
        state = await this.#step(state);
        this.trace.push(state.name);
        if (state.name === stop) return state;
        if (state instanceof LockFailure) {
          this.log.err(state.message);
          throw new SslBootstrapError(state.message);
        }
        if (state instanceof ErrorState && this.settings.onetime) {
          this.log.err(state.message);
          throw new SslBootstrapError(state.message, { cause: state.cause });
        }
      }
    } finally {
      if (this.deps.lock.locked) await this.deps.lock.unlock();
    }
  }

  async #step(state: State): Promise<State> {
    try {
      return await state.next();
    } catch (err) {
      if (err instanceof SslExit) throw err;
      if (err instanceof ConnectionError && !(err instanceof CertVerifyError)) {
        // Puppet's route resolver reports an unreachable CA this way.
        const url = new CaService(this.deps.client, this.caSite, createInsecureContext().tls).url.href;
        this.log.err(`Connection to ${url} failed, trying next route: ${err.message}`);
        return new ErrorState(this, 'No more routes to ca', err);
      }
      return new ErrorState(this, (err as Error).message, err);
    }
  }

  #print(ssl: SslContext): void {
    const chain = ssl.clientChain;
    [...chain].reverse().forEach((cert, i) => {
      const kind = i === chain.length - 1 ? 'client' : 'CA';
      this.log.debug(`Verified ${kind} certificate '${cert.subject}' fingerprint ${puppetDigest(cert.der)}`);
    });
    for (const crl of ssl.crls) this.log.debug(`Using CRL '${crl.issuer}'`);
  }
}

function seconds(value: number | null | undefined): number {
  return value === null || value === undefined ? Number.POSITIVE_INFINITY : value;
}
