// The OID -> short name maps tk-auth uses to translate certificate extension keys in ACEs.

/**
 * puppetserver 7.9.5's `puppet-short-names` (certificate_authority.clj): Puppet's registered
 * extensions (puppet/ssl/oids.rb) plus pp_cli_auth, which only puppetserver knows.
 */
export const PUPPET_SHORT_NAMES: ReadonlyMap<string, string> = new Map([
  ['1.3.6.1.4.1.34380.1.1.1', 'pp_uuid'],
  ['1.3.6.1.4.1.34380.1.1.2', 'pp_instance_id'],
  ['1.3.6.1.4.1.34380.1.1.3', 'pp_image_name'],
  ['1.3.6.1.4.1.34380.1.1.4', 'pp_preshared_key'],
  ['1.3.6.1.4.1.34380.1.1.5', 'pp_cost_center'],
  ['1.3.6.1.4.1.34380.1.1.6', 'pp_product'],
  ['1.3.6.1.4.1.34380.1.1.7', 'pp_project'],
  ['1.3.6.1.4.1.34380.1.1.8', 'pp_application'],
  ['1.3.6.1.4.1.34380.1.1.9', 'pp_service'],
  ['1.3.6.1.4.1.34380.1.1.10', 'pp_employee'],
  ['1.3.6.1.4.1.34380.1.1.11', 'pp_created_by'],
  ['1.3.6.1.4.1.34380.1.1.12', 'pp_environment'],
  ['1.3.6.1.4.1.34380.1.1.13', 'pp_role'],
  ['1.3.6.1.4.1.34380.1.1.14', 'pp_software_version'],
  ['1.3.6.1.4.1.34380.1.1.15', 'pp_department'],
  ['1.3.6.1.4.1.34380.1.1.16', 'pp_cluster'],
  ['1.3.6.1.4.1.34380.1.1.17', 'pp_provisioner'],
  ['1.3.6.1.4.1.34380.1.1.18', 'pp_region'],
  ['1.3.6.1.4.1.34380.1.1.19', 'pp_datacenter'],
  ['1.3.6.1.4.1.34380.1.1.20', 'pp_zone'],
  ['1.3.6.1.4.1.34380.1.1.21', 'pp_network'],
  ['1.3.6.1.4.1.34380.1.1.22', 'pp_securitypolicy'],
  ['1.3.6.1.4.1.34380.1.1.23', 'pp_cloudplatform'],
  ['1.3.6.1.4.1.34380.1.1.24', 'pp_apptier'],
  ['1.3.6.1.4.1.34380.1.1.25', 'pp_hostname'],
  ['1.3.6.1.4.1.34380.1.1.26', 'pp_owner'],
  ['1.3.6.1.4.1.34380.1.3.1', 'pp_authorization'],
  ['1.3.6.1.4.1.34380.1.3.13', 'pp_auth_role'],
  ['1.3.6.1.4.1.34380.1.3.39', 'pp_cli_auth'],
]);

/** subjectAltName's OID; tk-auth always maps it to the `subject-alt-name` key. */
export const SUBJECT_ALT_NAME_OID = '2.5.29.17';
export const SUBJECT_ALT_NAME_KEY = 'subject-alt-name';

/**
 * The map puppetserver hands tk-auth: the CA service builds it (Puppet's short names merged with
 * custom_trusted_oid_mapping.yaml, built-ins winning) and every service (master, CA, admin API,
 * legacy routes) authorizes through the CA service's handler, so short names like pp_role work on
 * all routes. With the CA service disabled there is no map (NO_OID_MAP): only dotted OIDs match.
 * `custom` maps OID -> short name.
 */
export function caOidMap(custom: ReadonlyMap<string, string> = new Map()): ReadonlyMap<string, string> {
  return new Map([...custom, ...PUPPET_SHORT_NAMES]);
}

export const NO_OID_MAP: ReadonlyMap<string, string> = new Map();
