// A tiny certificate authority and a mock CA service for the agent SSL tests:
// it signs CSRs, revokes serials and serves /puppet-ca/v1 through
// MockDispatcher the way puppetserver answers (404 text bodies, 400 on a
// duplicate CSR, 304 on an unmodified CRL).
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import {
  BasicConstraintsExtension, Pkcs10CertificateRequest, SubjectAlternativeNameExtension, X509CertificateGenerator, X509CrlGenerator, type X509Certificate,
} from '@peculiar/x509';
import { toPem } from '../../src/agent/ssl/csr.js';
import type { MockReply } from '../../src/agent/http/mock-dispatcher.js';
import type { HttpRequest } from '../../src/agent/http/types.js';

const ALG = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
const DAY = 86_400_000;

export class TestCa {
  readonly name: string;
  readonly keys: CryptoKeyPair;
  readonly cert: X509Certificate;
  #serial = 1;
  revoked: string[] = [];

  private constructor(name: string, keys: CryptoKeyPair, cert: X509Certificate) {
    this.name = name;
    this.keys = keys;
    this.cert = cert;
  }

  static async create(name = 'Puppet CA: test'): Promise<TestCa> {
    const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
    const cert = await X509CertificateGenerator.createSelfSigned({
      serialNumber: '01', name: `CN=${name}`, notBefore: new Date(Date.now() - DAY), notAfter: new Date(Date.now() + 365 * DAY),
      keys, signingAlgorithm: ALG, extensions: [new BasicConstraintsExtension(true, undefined, true)],
    });
    const ca = new TestCa(name, keys, cert);
    ca.#serial = 2;
    return ca;
  }

  get pem(): string {
    return this.cert.toString('pem') + '\n';
  }

  /** Signs the public key of a PEM CSR as CN=<cn>; returns the PEM cert and its serial. */
  async sign(csrPem: string, options: { notBefore?: Date; notAfter?: Date; dnsNames?: string[] } = {}): Promise<{ pem: string; serial: string }> {
    const csr = new Pkcs10CertificateRequest(csrPem);
    const serial = (this.#serial++).toString(16).padStart(2, '0');
    const cert = await X509CertificateGenerator.create({
      serialNumber: serial, subject: csr.subject, issuer: this.cert.subject, publicKey: csr.publicKey,
      notBefore: options.notBefore ?? new Date(Date.now() - DAY), notAfter: options.notAfter ?? new Date(Date.now() + 365 * DAY),
      signingKey: this.keys.privateKey, signingAlgorithm: ALG,
      extensions: options.dnsNames ? [new SubjectAlternativeNameExtension(options.dnsNames.map((value) => ({ type: 'dns' as const, value })))] : [],
    });
    return { pem: cert.toString('pem') + '\n', serial };
  }

  async crlPem(): Promise<string> {
    const crl = await X509CrlGenerator.create({
      issuer: this.cert.subject, thisUpdate: new Date(Date.now() - DAY), nextUpdate: new Date(Date.now() + 30 * DAY),
      entries: this.revoked.map((serialNumber) => ({ serialNumber, revocationDate: new Date(Date.now() - DAY) })),
      signingKey: this.keys.privateKey, signingAlgorithm: ALG,
    });
    // OpenSSL's label, as puppetserver serves it.
    return toPem('X509 CRL', new Uint8Array(crl.rawData));
  }
}

/** puppetserver's CA endpoints over a TestCa, with switchable autosign. */
export class MockCaServer {
  readonly ca: TestCa;
  autosign = false;
  readonly csrs = new Map<string, string>();
  readonly signed = new Map<string, string>();
  crlModified = true;
  /** Replace a route's reply: key `METHOD /path`. */
  readonly overrides = new Map<string, MockReply>();

  constructor(ca: TestCa) {
    this.ca = ca;
  }

  async signPending(name: string): Promise<string> {
    const csr = this.csrs.get(name);
    if (!csr) throw new Error(`No CSR for ${name}`);
    const { pem, serial } = await this.ca.sign(csr);
    this.csrs.delete(name);
    this.signed.set(name, pem);
    return serial;
  }

  readonly handler = async (req: HttpRequest): Promise<MockReply> => {
    const path = decodeURIComponent(req.url.pathname);
    const override = this.overrides.get(`${req.method} ${path}`);
    if (override) return override;
    const text = (status: number, body: string): MockReply => ({ status, headers: { 'Content-Type': 'text/plain' }, body });
    let m: RegExpExecArray | null;
    if (req.method === 'GET' && path === '/puppet-ca/v1/certificate/ca') return { ...text(200, this.ca.pem), gzip: true };
    if (req.method === 'GET' && path === '/puppet-ca/v1/certificate_revocation_list/ca') {
      if (req.headers['If-Modified-Since'] && !this.crlModified) return { status: 304 };
      return text(200, await this.ca.crlPem());
    }
    if (req.method === 'PUT' && (m = /^\/puppet-ca\/v1\/certificate_request\/(.+)$/.exec(path))) {
      const name = m[1];
      if (this.signed.has(name)) return text(400, `${name} already has a signed certificate; ignoring certificate request`);
      if (this.csrs.has(name)) return text(400, `${name} already has a requested certificate; ignoring certificate request`);
      this.csrs.set(name, Buffer.from(req.body ?? []).toString('utf8'));
      if (this.autosign) await this.signPending(name);
      return { status: 200, headers: { 'Content-Type': 'text/plain' }, body: '' };
    }
    if (req.method === 'GET' && (m = /^\/puppet-ca\/v1\/certificate\/(.+)$/.exec(path))) {
      const pem = this.signed.get(m[1]);
      return pem ? text(200, pem) : text(404, `Could not find certificate ${m[1]}`);
    }
    return text(404, 'Not Found');
  };
}
