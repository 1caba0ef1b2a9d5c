// Puppet's certificate extension OIDs and their short names, as in Puppet's
// lib/puppet/ssl/oids.rb and puppetserver's `puppet-short-names` (which adds
// pp_cli_auth). Used to read csr_attributes keys and to print
// authorization_extensions.

export const PUPPET_OID_ARC = '1.3.6.1.4.1.34380.1';
/** ppRegCertExt: registered extensions (pp_uuid, pp_role, ...). */
export const PP_REG_CERT_EXT = '1.3.6.1.4.1.34380.1.1';
/** ppPrivCertExt: site-private extensions. */
export const PP_PRIV_CERT_EXT = '1.3.6.1.4.1.34380.1.2';
/** ppAuthCertExt: authorization extensions, refused unless allow-authorization-extensions. */
export const PP_AUTH_CERT_EXT = '1.3.6.1.4.1.34380.1.3';
/** pp_cli_auth: marks the server's own cert; the default auth.conf lets it use certificate_status. */
export const PP_CLI_AUTH = '1.3.6.1.4.1.34380.1.3.39';

export const OID = {
  subjectAltName: '2.5.29.17',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  basicConstraints: '2.5.29.19',
  crlNumber: '2.5.29.20',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  netscapeComment: '2.16.840.1.113730.1.13',
  extensionRequest: '1.2.840.113549.1.9.14',
  msExtensionRequest: '1.3.6.1.4.1.311.2.1.14',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  commonName: '2.5.4.3',
} as const;

/** Short name -> OID, Puppet 7's table plus puppetserver's pp_cli_auth. */
export const PUPPET_SHORT_NAMES: ReadonlyMap<string, string> = new Map([
  ['pp_uuid', '1.3.6.1.4.1.34380.1.1.1'],
  ['pp_instance_id', '1.3.6.1.4.1.34380.1.1.2'],
  ['pp_image_name', '1.3.6.1.4.1.34380.1.1.3'],
  ['pp_preshared_key', '1.3.6.1.4.1.34380.1.1.4'],
  ['pp_cost_center', '1.3.6.1.4.1.34380.1.1.5'],
  ['pp_product', '1.3.6.1.4.1.34380.1.1.6'],
  ['pp_project', '1.3.6.1.4.1.34380.1.1.7'],
  ['pp_application', '1.3.6.1.4.1.34380.1.1.8'],
  ['pp_service', '1.3.6.1.4.1.34380.1.1.9'],
  ['pp_employee', '1.3.6.1.4.1.34380.1.1.10'],
  ['pp_created_by', '1.3.6.1.4.1.34380.1.1.11'],
  ['pp_environment', '1.3.6.1.4.1.34380.1.1.12'],
  ['pp_role', '1.3.6.1.4.1.34380.1.1.13'],
  ['pp_software_version', '1.3.6.1.4.1.34380.1.1.14'],
  ['pp_department', '1.3.6.1.4.1.34380.1.1.15'],
  ['pp_cluster', '1.3.6.1.4.1.34380.1.1.16'],
  ['pp_provisioner', '1.3.6.1.4.1.34380.1.1.17'],
  ['pp_region', '1.3.6.1.4.1.34380.1.1.18'],
  ['pp_datacenter', '1.3.6.1.4.1.34380.1.1.19'],
  ['pp_zone', '1.3.6.1.4.1.34380.1.1.20'],
  ['pp_network', '1.3.6.1.4.1.34380.1.1.21'],
  ['pp_securitypolicy', '1.3.6.1.4.1.34380.1.1.22'],
  ['pp_cloudplatform', '1.3.6.1.4.1.34380.1.1.23'],
  ['pp_apptier', '1.3.6.1.4.1.34380.1.1.24'],
  ['pp_hostname', '1.3.6.1.4.1.34380.1.1.25'],
  ['pp_owner', '1.3.6.1.4.1.34380.1.1.26'],
  ['pp_authorization', '1.3.6.1.4.1.34380.1.3.1'],
  ['pp_auth_role', '1.3.6.1.4.1.34380.1.3.13'],
  ['pp_cli_auth', PP_CLI_AUTH],
]);

const SHORT_NAME_BY_OID: ReadonlyMap<string, string> = new Map([...PUPPET_SHORT_NAMES].map(([name, oid]) => [oid, name]));

/** The short name of a Puppet OID, or undefined. */
export function shortNameOf(oid: string): string | undefined {
  return SHORT_NAME_BY_OID.get(oid);
}

/** Resolves a short name (`pp_role`) or a dotted OID to the dotted OID; undefined for anything else. */
export function resolveOid(nameOrOid: string): string | undefined {
  const known = PUPPET_SHORT_NAMES.get(nameOrOid);
  if (known) return known;
  return /^\d+(\.\d+)+$/.test(nameOrOid) ? nameOrOid : undefined;
}

/** True when `oid` lies strictly under `arc` (e.g. 1.3.6.1.4.1.34380.1.3.5 under ppAuthCertExt). */
export function isUnderArc(arc: string, oid: string): boolean {
  return oid.startsWith(`${arc}.`);
}
