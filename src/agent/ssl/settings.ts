// The settings the SSL bootstrap reads, with Puppet's names. The frozen agent
// settings from src/settings satisfy this shape; tests build it directly.
import type { RevocationMode } from './ssl-context.js';

export interface AgentSslSettings {
  readonly certname: string;
  readonly ca_server: string;
  readonly ca_port: number;
  readonly ssldir: string;
  readonly certdir: string;
  readonly privatekeydir: string;
  readonly requestdir: string;
  readonly localcacert: string;
  readonly hostcrl: string;
  readonly hostprivkey?: string;
  readonly hostcert?: string;
  readonly passfile?: string;
  readonly ssl_lockfile: string;
  /** `chain` (default), `leaf`, or false. */
  readonly certificate_revocation: RevocationMode | 'false' | 'true' | boolean;
  /** Seconds; null/undefined means never refresh. */
  readonly crl_refresh_interval?: number | null;
  /** SHA-256 of the CA bundle PEM, hex without colons (colons tolerated). */
  readonly ca_fingerprint?: string | null;
  readonly key_type?: 'rsa' | 'ec';
  readonly keylength: number;
  readonly named_curve?: string;
  /** Comma-separated string or list. */
  readonly dns_alt_names?: string | readonly string[];
  /** Path of csr_attributes.yaml. */
  readonly csr_attributes: string;
  /** Seconds between attempts; 0 means give up at once. */
  readonly waitforcert: number;
  /** Seconds; Infinity (or null) for unlimited. */
  readonly maxwaitforcert?: number | null;
  readonly waitforlock?: number;
  readonly maxwaitforlock?: number | null;
  readonly onetime?: boolean;
  /** When daemonized, messages Puppet prints to stdout go to the log instead. */
  readonly daemonize?: boolean;
}

export function revocationMode(value: AgentSslSettings['certificate_revocation']): RevocationMode {
  if (value === false || value === 'false') return false;
  if (value === 'leaf') return 'leaf';
  return 'chain';
}
