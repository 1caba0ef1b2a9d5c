// RSA key pairs in the PEM forms Puppet writes (PKCS#1 "RSA PRIVATE KEY",
// SPKI "PUBLIC KEY"), and turning PEM keys into WebCrypto keys for signing.
import { generateKeyPair as generateKeyPairCb, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { webcrypto } from './crypto.js';

const generateKeyPair = promisify(generateKeyPairCb);

export interface PemKeyPair {
  privateKeyPem: string;
  publicKeyPem: string;
}

/** The smallest RSA modulus this CA signs or generates. */
export const MIN_RSA_BITS = 2048;

/** Generates an RSA key pair (exponent 65537). */
export async function generateRsaKeyPair(bits: number): Promise<PemKeyPair> {
  if (!Number.isInteger(bits) || bits < MIN_RSA_BITS) {
    throw new Error(`Cannot generate an RSA key of ${bits} bits: the minimum is ${MIN_RSA_BITS}`);
  }
  const { privateKey, publicKey } = await generateKeyPair('rsa', { modulusLength: bits, publicExponent: 0x10001 });
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs1', format: 'pem' }) as string,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) as string,
  };
}

/** The SPKI PEM of the public half of a private key. */
export function publicKeyPemOf(privateKeyPem: string): string {
  return createPublicKey(createPrivateKey(privateKeyPem)).export({ type: 'spki', format: 'pem' }) as string;
}

/** A WebCrypto RSASSA-PKCS1-v1_5/SHA-256 signing key from a PEM private key (PKCS#1 or PKCS#8). */
export async function importRsaSigningKey(privateKeyPem: string): Promise<CryptoKey> {
  const key = createPrivateKey(privateKeyPem);
  if (key.asymmetricKeyType !== 'rsa') {
    throw new Error(`Cannot sign with a ${key.asymmetricKeyType} key: the CA key must be RSA`);
  }
  return importKeyObjectForSigning(key);
}

async function importKeyObjectForSigning(key: KeyObject): Promise<CryptoKey> {
  const pkcs8 = key.export({ type: 'pkcs8', format: 'der' });
  return webcrypto.subtle.importKey('pkcs8', pkcs8, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']) as Promise<CryptoKey>;
}

/** Key type and size of a DER SubjectPublicKeyInfo. */
export interface PublicKeyInfo {
  type: string;
  /** RSA modulus bits, or the EC curve's field size. */
  bits: number;
  curve?: string;
}

export function describePublicKey(spkiDer: Uint8Array): PublicKeyInfo {
  const key = createPublicKey({ key: Buffer.from(spkiDer), format: 'der', type: 'spki' });
  const details = key.asymmetricKeyDetails ?? {};
  const type = key.asymmetricKeyType ?? 'unknown';
  if (type === 'ec') {
    const curve = details.namedCurve ?? 'unknown';
    const bits = { prime256v1: 256, secp384r1: 384, secp521r1: 521 }[curve] ?? 0;
    return { type, bits, curve };
  }
  return { type, bits: details.modulusLength ?? 0 };
}

/** Why a public key is too weak to certify, or undefined when it is acceptable. */
export function weakKeyProblem(info: PublicKeyInfo): string | undefined {
  if (info.type === 'rsa') {
    return info.bits < MIN_RSA_BITS ? `RSA key of ${info.bits} bits is too weak (minimum ${MIN_RSA_BITS})` : undefined;
  }
  if (info.type === 'ec') {
    return info.bits < 256 ? `EC key on curve ${info.curve} is too weak (minimum 256 bits)` : undefined;
  }
  return `key type ${info.type} is not supported`;
}
