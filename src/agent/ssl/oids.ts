// Object identifiers the agent accepts by name in csr_attributes.yaml: Puppet's
// registered extensions (lib/puppet/ssl/oids.rb) and the few OpenSSL names a
// CSR attribute file uses in practice. Dotted OIDs are always accepted.

/** [oid, short name, long name], as Puppet registers them with OpenSSL. */
export const PUPPET_OIDS: readonly (readonly [string, string, string])[] = [
  ['1.3.6.1.4.1.34380', 'puppetlabs', 'Puppet Labs'],
  ['1.3.6.1.4.1.34380.1', 'ppCertExt', 'Puppet Certificate Extension'],
  ['1.3.6.1.4.1.34380.1.1', 'ppRegCertExt', 'Puppet Registered Certificate Extension'],
  ['1.3.6.1.4.1.34380.1.1.1', 'pp_uuid', 'Puppet Node UUID'],
  ['1.3.6.1.4.1.34380.1.1.2', 'pp_instance_id', 'Puppet Node Instance ID'],
  ['1.3.6.1.4.1.34380.1.1.3', 'pp_image_name', 'Puppet Node Image Name'],
  ['1.3.6.1.4.1.34380.1.1.4', 'pp_preshared_key', 'Puppet Node Preshared Key'],
  ['1.3.6.1.4.1.34380.1.1.5', 'pp_cost_center', 'Puppet Node Cost Center Name'],
  ['1.3.6.1.4.1.34380.1.1.6', 'pp_product', 'Puppet Node Product Name'],
  ['1.3.6.1.4.1.34380.1.1.7', 'pp_project', 'Puppet Node Project Name'],
  ['1.3.6.1.4.1.34380.1.1.8', 'pp_application', 'Puppet Node Application Name'],
  ['1.3.6.1.4.1.34380.1.1.9', 'pp_service', 'Puppet Node Service Name'],
  ['1.3.6.1.4.1.34380.1.1.10', 'pp_employee', 'Puppet Node Employee Name'],
  ['1.3.6.1.4.1.34380.1.1.11', 'pp_created_by', 'Puppet Node created_by Tag'],
  ['1.3.6.1.4.1.34380.1.1.12', 'pp_environment', 'Puppet Node Environment Name'],
  ['1.3.6.1.4.1.34380.1.1.13', 'pp_role', 'Puppet Node Role Name'],
  ['1.3.6.1.4.1.34380.1.1.14', 'pp_software_version', 'Puppet Node Software Version'],
  ['1.3.6.1.4.1.34380.1.1.15', 'pp_department', 'Puppet Node Department Name'],
  ['1.3.6.1.4.1.34380.1.1.16', 'pp_cluster', 'Puppet Node Cluster Name'],
  ['1.3.6.1.4.1.34380.1.1.17', 'pp_provisioner', 'Puppet Node Provisioner Name'],
  ['1.3.6.1.4.1.34380.1.1.18', 'pp_region', 'Puppet Node Region Name'],
  ['1.3.6.1.4.1.34380.1.1.19', 'pp_datacenter', 'Puppet Node Datacenter Name'],
  ['1.3.6.1.4.1.34380.1.1.20', 'pp_zone', 'Puppet Node Zone Name'],
  ['1.3.6.1.4.1.34380.1.1.21', 'pp_network', 'Puppet Node Network Name'],
  ['1.3.6.1.4.1.34380.1.1.22', 'pp_securitypolicy', 'Puppet Node Security Policy Name'],
  ['1.3.6.1.4.1.34380.1.1.23', 'pp_cloudplatform', 'Puppet Node Cloud Platform Name'],
  ['1.3.6.1.4.1.34380.1.1.24', 'pp_apptier', 'Puppet Node Application Tier'],
  ['1.3.6.1.4.1.34380.1.1.25', 'pp_hostname', 'Puppet Node Hostname'],
  ['1.3.6.1.4.1.34380.1.1.26', 'pp_owner', 'Puppet Node Owner'],
  ['1.3.6.1.4.1.34380.1.2', 'ppPrivCertExt', 'Puppet Private Certificate Extension'],
  ['1.3.6.1.4.1.34380.1.3', 'ppAuthCertExt', 'Puppet Certificate Authorization Extension'],
  ['1.3.6.1.4.1.34380.1.3.1', 'pp_authorization', 'Certificate Extension Authorization'],
  ['1.3.6.1.4.1.34380.1.3.13', 'pp_auth_role', 'Puppet Node Role Name for Authorization'],
];

/** OpenSSL names (short and long) that matter for CSRs. */
const OPENSSL_OIDS: readonly (readonly [string, string, string])[] = [
  ['2.5.4.3', 'CN', 'commonName'],
  ['2.5.29.17', 'subjectAltName', 'X509v3 Subject Alternative Name'],
  ['1.2.840.113549.1.9.14', 'extReq', 'Extension Request'],
  ['1.3.6.1.4.1.311.2.1.14', 'msExtReq', 'Microsoft Extension Request'],
  ['1.2.840.113549.1.9.7', 'challengePassword', 'challengePassword'],
  ['1.2.840.113549.1.9.2', 'unstructuredName', 'unstructuredName'],
  ['1.2.840.113549.1.9.1', 'emailAddress', 'emailAddress'],
];

const BY_NAME = new Map<string, string>();
for (const [oid, short, long] of [...OPENSSL_OIDS, ...PUPPET_OIDS]) {
  BY_NAME.set(short, oid);
  BY_NAME.set(long, oid);
}

/**
 * The dotted OID for a name or dotted string; `custom` holds the
 * custom_trusted_oid_mapping entries (short or long name -> OID).
 */
export function resolveOid(name: string, custom?: ReadonlyMap<string, string>): string {
  if (/^\d+(\.\d+)+$/.test(name)) return name;
  const found = custom?.get(name) ?? BY_NAME.get(name);
  if (found === undefined) throw new Error(`Unknown object identifier "${name}"`);
  return found;
}
