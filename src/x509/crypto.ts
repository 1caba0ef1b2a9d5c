// One WebCrypto provider for @peculiar/x509: Node's own. Importing this module
// is what makes @peculiar/x509 usable (it needs reflect-metadata loaded first
// and a crypto provider). Re-exports the library so callers import it from here.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';

// The provider is process-wide state inside the library; it is set once to the
// same value everywhere, so no caller can observe a difference.
x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export { x509, webcrypto };
