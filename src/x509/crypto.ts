// @peculiar/x509 with Node's WebCrypto as its provider, loaded on first use.
// The library (with reflect-metadata, tslib and the asn1 packages) takes
// hundreds of milliseconds and ~20 MB to load, and only CA work that builds or
// signs certificates needs it: reading certificates and CRLs goes through the
// light reader (lite.ts). Callers use `x509.X509Certificate` etc. as before;
// the first property read loads the library (it ships CommonJS, so the load is
// synchronous). Types come from the same namespace name.
import { createRequire } from 'node:module';
import { webcrypto } from 'node:crypto';
import type * as Library from '@peculiar/x509';

type X509Library = typeof Library;

const require = createRequire(import.meta.url);
let library: X509Library | undefined;

function load(): X509Library {
  if (library === undefined) {
    // reflect-metadata must be in place before the library's decorators run.
    require('reflect-metadata');
    const loaded = require('@peculiar/x509') as X509Library;
    // The provider is process-wide state inside the library; it is set once to
    // the same value everywhere, so no caller can observe a difference.
    loaded.cryptoProvider.set(webcrypto as unknown as Crypto);
    library = loaded;
  }
  return library;
}

/** True once something has used the library in this process (for tests of the lazy load). */
export function x509Loaded(): boolean {
  return library !== undefined;
}

export const x509: X509Library = new Proxy({} as X509Library, {
  get: (_target, key) => (load() as unknown as Record<PropertyKey, unknown>)[key],
  has: (_target, key) => key in load(),
});

// The library's types under the same name, for annotations such as `x509.Extension`.
// eslint-disable-next-line @typescript-eslint/no-namespace
export declare namespace x509 {
  export type X509Certificate = Library.X509Certificate;
  export type X509Crl = Library.X509Crl;
  export type Extension = Library.Extension;
  export type PublicKey = Library.PublicKey;
  export type Name = Library.Name;
  export type Pkcs10CertificateRequest = Library.Pkcs10CertificateRequest;
}

export { webcrypto };
