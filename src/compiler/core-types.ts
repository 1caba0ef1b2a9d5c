// Puppet 7's built-in (Ruby) resource types as the compiler sees them: their
// attribute names (for "no parameter named" checks) and namevar.

export interface CoreType {
  readonly namevar: string;
  readonly attributes: ReadonlySet<string>;
}

/** Metaparameters every resource type accepts. */
export const METAPARAMS: ReadonlySet<string> = new Set([
  'noop', 'schedule', 'audit', 'loglevel', 'alias', 'tag', 'require', 'subscribe', 'before', 'notify', 'stage',
]);

const def = (namevar: string, attrs: string): CoreType => ({ namevar, attributes: new Set(attrs.split(/\s+/).filter(Boolean)) });

/** Types of the puppet 7.23 package (lib/puppet/type), by lower-case name. */
export const CORE_TYPES: ReadonlyMap<string, CoreType> = new Map([
  ['exec', def('command', 'returns command path user group cwd logoutput refresh environment umask timeout tries try_sleep creates refreshonly onlyif unless provider')],
  ['file', def('path', 'path ensure backup recurse recurselimit max_files replace force ignore links purge sourceselect show_diff staging_location validate_cmd validate_replacement checksum checksum_value content ctime group mode mtime owner selinux_ignore_defaults seluser selrole seltype selrange source source_permissions target type provider')],
  ['filebucket', def('name', 'name server port path')],
  ['group', def('name', 'ensure gid members auth_membership name allowdupe ia_load_module attributes attribute_membership system forcelocal provider')],
  ['notify', def('name', 'message withpath name')],
  ['package', def('name', 'ensure name command package_settings flavor source instance status adminfile responsefile configfiles category platform root vendor description allowcdrom enable_only install_only install_options uninstall_options allow_virtual reinstall_on_refresh mark provider')],
  ['resources', def('name', 'name purge unless_system_user unless_uid')],
  ['schedule', def('name', 'name range periodmatch period repeat weekday')],
  ['service', def('name', 'enable ensure logonaccount logonpassword flags binary hasstatus hasrestart name path pattern restart start status stop control manifest timeout provider')],
  ['stage', def('name', 'name')],
  ['tidy', def('path', 'path recurse max_files matches backup age size type rmdirs')],
  ['user', def('name', 'ensure home uid gid comment shell password password_min_age password_max_age password_warn_days groups name membership system allowdupe managehome expiry roles role_membership auths auth_membership profiles profile_membership keys key_membership project ia_load_module attributes attribute_membership salt iterations forcelocal purge_ssh_keys loginclass provider')],
  ['whit', def('name', 'name')],
  ['component', def('name', 'name')],
]);
