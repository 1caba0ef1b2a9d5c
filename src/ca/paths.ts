// The CA directory in puppetserver's layout. Paths of per-host files are only
// ever built from certnames that passed validation, so nothing outside cadir
// can be named.
import { join } from 'node:path';
import { isValidCertname } from '../x509/certname.js';

export interface CaPaths {
  cadir: string;
  /** ca_crt.pem: the CA certificate, or a bundle with the signing CA first. */
  cacert: string;
  /** ca_key.pem: the signing CA's private key. */
  cakey: string;
  /** ca_pub.pem: its public key. */
  capub: string;
  /** ca_crl.pem: this CA's CRL first, then any others of the chain. */
  cacrl: string;
  /** serial: the next serial number, hex. */
  serial: string;
  /** inventory.txt: one line per issued certificate. */
  inventory: string;
  /** requests/: pending CSRs, <certname>.pem. */
  csrdir: string;
  /** signed/: issued certificates, <certname>.pem. */
  signeddir: string;
  /** Files puppetserver creates for enable-infra-crl; kept as they are. */
  infraInventory: string;
  infraSerials: string;
  infraCrl: string;
}

export function caPaths(cadir: string): CaPaths {
  return {
    cadir,
    cacert: join(cadir, 'ca_crt.pem'),
    cakey: join(cadir, 'ca_key.pem'),
    capub: join(cadir, 'ca_pub.pem'),
    cacrl: join(cadir, 'ca_crl.pem'),
    serial: join(cadir, 'serial'),
    inventory: join(cadir, 'inventory.txt'),
    csrdir: join(cadir, 'requests'),
    signeddir: join(cadir, 'signed'),
    infraInventory: join(cadir, 'infra_inventory.txt'),
    infraSerials: join(cadir, 'infra_serials'),
    infraCrl: join(cadir, 'infra_crl.pem'),
  };
}

function hostFile(dir: string, certname: string): string {
  // Callers validate first; this is the last line of defence, not the check.
  if (!isValidCertname(certname)) throw new Error(`Refusing to build a path for invalid certname "${certname}"`);
  return join(dir, `${certname}.pem`);
}

export function csrPath(paths: CaPaths, certname: string): string {
  return hostFile(paths.csrdir, certname);
}

export function signedPath(paths: CaPaths, certname: string): string {
  return hostFile(paths.signeddir, certname);
}
