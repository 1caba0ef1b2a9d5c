// Test PKI for the server tests: a CA, a foreign CA, a server cert and client
// certs (own CA, revoked, foreign, with pp_cli_auth), plus a CRL and HTTPS
// request helpers. ECDSA P-256 keeps generation fast.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';
import { request as httpsRequest, Agent } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

export interface KeyPairPem {
  cert: string;
  key: string;
}

async function keyPem(key: CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey('pkcs8', key as unknown as webcrypto.CryptoKey);
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

async function genKeys(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as unknown as CryptoKeyPair;
}

export interface Authority {
  name: string;
  cert: x509.X509Certificate;
  keys: CryptoKeyPair;
  pem: string;
}

export async function makeAuthority(cn: string): Promise<Authority> {
  const keys = await genKeys();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: `CN=${cn}`,
    notBefore: new Date(Date.now() - 86400_000),
    notAfter: new Date(Date.now() + 86400_000 * 365),
    keys,
    signingAlgorithm: ALG,
    extensions: [new x509.BasicConstraintsExtension(true, undefined, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true)],
  });
  return { name: cn, cert, keys, pem: cert.toString('pem') };
}

export async function issue(ca: Authority, cn: string, serial: string, options: { dns?: string[]; ip?: string[]; extensions?: Record<string, string> } = {}): Promise<KeyPairPem> {
  const keys = await genKeys();
  const sans: x509.JsonGeneralName[] = [...(options.dns ?? [cn]).map((d) => ({ type: 'dns' as const, value: d })), ...(options.ip ?? []).map((i) => ({ type: 'ip' as const, value: i }))];
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth], true),
    new x509.SubjectAlternativeNameExtension(sans),
  ];
  for (const [oid, value] of Object.entries(options.extensions ?? {})) {
    const utf8 = Buffer.from(value, 'utf8');
    extensions.push(new x509.Extension(oid, false, new Uint8Array([0x0c, utf8.length, ...utf8])));
  }
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial,
    subject: `CN=${cn}`,
    issuer: ca.cert.subject,
    notBefore: new Date(Date.now() - 86400_000),
    notAfter: new Date(Date.now() + 86400_000 * 365),
    publicKey: keys.publicKey,
    signingKey: ca.keys.privateKey,
    signingAlgorithm: ALG,
    extensions,
  });
  return { cert: cert.toString('pem'), key: await keyPem(keys.privateKey) };
}

export async function makeCrl(ca: Authority, revokedSerials: string[]): Promise<string> {
  const crl = await x509.X509CrlGenerator.create({
    issuer: ca.cert.subject,
    thisUpdate: new Date(Date.now() - 60_000),
    nextUpdate: new Date(Date.now() + 86400_000),
    entries: revokedSerials.map((serialNumber) => ({ serialNumber, revocationDate: new Date(Date.now() - 60_000) })),
    signingKey: ca.keys.privateKey,
    signingAlgorithm: ALG,
  });
  // Puppet's label, as the CA writes it.
  return crl.toString('pem').replace(/-----(BEGIN|END) CRL-----/g, '-----$1 X509 CRL-----');
}

export interface TestPki {
  ca: Authority;
  foreignCa: Authority;
  server: KeyPairPem;
  agent1: KeyPairPem;
  agent2: KeyPairPem;
  revoked: KeyPairPem;
  foreign: KeyPairPem;
  cli: KeyPairPem;
  crl: string;
  /** CRL that also revokes agent2 (serial 0x05). */
  crlWithAgent2: string;
}

export async function makePki(): Promise<TestPki> {
  const ca = await makeAuthority('Puppet CA: test');
  const foreignCa = await makeAuthority('Puppet CA: elsewhere');
  return {
    ca,
    foreignCa,
    server: await issue(ca, 'puppet', '02', { dns: ['puppet', 'localhost'], ip: ['127.0.0.1'] }),
    agent1: await issue(ca, 'agent1.example.test', '03'),
    revoked: await issue(ca, 'revoked.example.test', '04'),
    agent2: await issue(ca, 'agent2.example.test', '05'),
    cli: await issue(ca, 'puppet-cli', '06', { extensions: { '1.3.6.1.4.1.34380.1.3.39': 'true', '1.3.6.1.4.1.34380.1.1.13': 'webserver' } }),
    // Same CN and serial as agent1 but from another CA: must not pass for agent1.
    foreign: await issue(foreignCa, 'agent1.example.test', '03'),
    crl: await makeCrl(ca, ['04']),
    crlWithAgent2: await makeCrl(ca, ['04', '05']),
  };
}

export interface TestResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Body after gunzip when Content-Encoding is gzip. */
  text: string;
  reusedSocket: boolean;
  localPort: number | undefined;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  client?: KeyPairPem;
  agent?: Agent | false;
  ca: string;
}

/** One HTTPS request to 127.0.0.1:port; the server cert is verified against `ca`. */
export function send(port: number, path: string, options: RequestOptions): Promise<TestResponse> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers,
        ca: options.ca,
        servername: 'localhost',
        cert: options.client?.cert,
        key: options.client?.key,
        agent: options.agent ?? false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          const text = res.headers['content-encoding'] === 'gzip' ? gunzipSync(body).toString('utf8') : body.toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text, reusedSocket: req.reusedSocket, localPort: req.socket?.localPort });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}
