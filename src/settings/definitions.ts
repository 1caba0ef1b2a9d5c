// The settings Bunraku knows: Puppet 7's names, types and defaults (those of
// the agent, server and CA that Bunraku implements) plus a few of its own.
// Defaults may refer to other settings as `$name`, resolved after the files
// and flags are read, exactly as Puppet resolves them.

export type SettingType = 'string' | 'path' | 'boolean' | 'integer' | 'duration' | 'list' | 'autosign' | 'enum' | 'ttl';

export interface SettingDefinition {
  readonly type: SettingType;
  /** A literal, a string with `$setting` references, or a function of the run context. */
  readonly default: string | number | boolean | null | ((ctx: DefaultsContext) => string);
  readonly description: string;
  /** Allowed values for `enum` settings. */
  readonly values?: readonly string[];
  /** Where the setting may be unset (`unlimited`, or no value at all). */
  readonly nullable?: boolean;
  /** Settings Puppet forbids in puppet.conf (they belong to environment.conf). */
  readonly notInPuppetConf?: boolean;
  /** Bunraku's own settings, not known to Puppet. */
  readonly bunraku?: boolean;
}

export interface DefaultsContext {
  /** True when running as root: system directories instead of the home directory. */
  readonly root: boolean;
  readonly home: string;
  readonly hostname: string;
  readonly domain: string;
}

/** Puppet's aliases: a deprecated or alternate name and the setting it stands for. */
export const settingAliases: Readonly<Record<string, string>> = {
  masterport: 'serverport',
  master_port: 'serverport',
};

function sysOrHome(system: string, home: string): (ctx: DefaultsContext) => string {
  return (ctx) => (ctx.root ? system : `${ctx.home}/${home}`);
}

export const settingDefinitions: Readonly<Record<string, SettingDefinition>> = {
  // Directories. Bunraku keeps its own tree so that it never touches an
  // installed Puppet's; point --confdir/--vardir at Puppet's to share them.
  confdir: { type: 'path', default: sysOrHome('/etc/bunraku', '.bunraku/etc'), description: 'The main configuration directory, holding puppet.conf, auth.conf, autosign.conf.' },
  codedir: { type: 'path', default: sysOrHome('/etc/bunraku/code', '.bunraku/code'), description: 'The directory holding environments and the base modules.' },
  vardir: { type: 'path', default: sysOrHome('/var/lib/bunraku', '.bunraku/var'), description: 'Where Bunraku keeps state: cached catalogs, reports, facts, buckets.' },
  logdir: { type: 'path', default: sysOrHome('/var/log/bunraku', '.bunraku/log'), description: 'The log directory.' },
  rundir: { type: 'path', default: sysOrHome('/run/bunraku', '.bunraku/run'), description: 'Where pid files live.' },
  publicdir: { type: 'path', default: '$vardir/public', description: 'Where the agent writes last_run_summary.yaml.' },
  statedir: { type: 'path', default: '$vardir/state', description: 'Agent state: last run report, lock files.' },
  client_datadir: { type: 'path', default: '$vardir/client_data', description: 'The agent\'s catalog cache.' },
  server_datadir: { type: 'path', default: '$vardir/server_data', description: 'The server\'s node facts and other state.' },
  clientbucketdir: { type: 'path', default: '$vardir/clientbucket', description: 'The agent\'s local file bucket.' },
  bucketdir: { type: 'path', default: '$vardir/bucket', description: 'The server\'s file bucket.' },
  libdir: { type: 'path', default: '$vardir/lib', description: 'Where pluginsync puts plugins.' },
  plugindest: { type: 'path', default: '$libdir', description: 'Where pluginsync puts the plugins mount.' },
  pluginfactdest: { type: 'path', default: '$vardir/facts.d', description: 'Where pluginsync puts external facts.' },
  lastrunfile: { type: 'path', default: '$publicdir/last_run_summary.yaml', description: 'The summary of the last agent run.' },
  lastrunreport: { type: 'path', default: '$statedir/last_run_report.yaml', description: 'The full report of the last agent run.' },
  agent_catalog_run_lockfile: { type: 'path', default: '$statedir/agent_catalog_run.lock', description: 'Held while an agent run is in progress.' },
  agent_disabled_lockfile: { type: 'path', default: '$statedir/agent_disabled.lock', description: 'Present while the agent is disabled.' },
  pidfile: { type: 'path', default: '$rundir/${run_mode}.pid', description: 'The pid file of a daemon.' },

  // SSL: the agent's and the server's own identity.
  ssldir: { type: 'path', default: '$confdir/ssl', description: 'Where SSL keys and certificates live.' },
  certdir: { type: 'path', default: '$ssldir/certs', description: 'Certificates.' },
  publickeydir: { type: 'path', default: '$ssldir/public_keys', description: 'Public keys.' },
  requestdir: { type: 'path', default: '$ssldir/certificate_requests', description: 'Pending certificate requests.' },
  privatekeydir: { type: 'path', default: '$ssldir/private_keys', description: 'Private keys.' },
  privatedir: { type: 'path', default: '$ssldir/private', description: 'Other private files (passfile).' },
  passfile: { type: 'path', default: '$privatedir/password', description: 'Password for an encrypted private key.' },
  hostcert: { type: 'path', default: '$certdir/${certname}.pem', description: 'This host\'s certificate.' },
  hostprivkey: { type: 'path', default: '$privatekeydir/${certname}.pem', description: 'This host\'s private key.' },
  hostpubkey: { type: 'path', default: '$publickeydir/${certname}.pem', description: 'This host\'s public key.' },
  hostcsr: { type: 'path', default: '$requestdir/${certname}.pem', description: 'This host\'s certificate request.' },
  localcacert: { type: 'path', default: '$certdir/ca.pem', description: 'The CA certificate (bundle) this host trusts.' },
  hostcrl: { type: 'path', default: '$ssldir/crl.pem', description: 'The CRL (chain) this host checks.' },
  ssl_lockfile: { type: 'path', default: '$ssldir/ssl.lock', description: 'Held during the SSL bootstrap.' },
  certname: { type: 'string', default: (ctx) => [ctx.hostname, ctx.domain].filter(Boolean).join('.').toLowerCase().replace(/\.$/, ''), description: 'This host\'s certificate name, and the node name.' },
  dns_alt_names: { type: 'list', default: '', description: 'Extra DNS names (or IP:addr) for this host\'s certificate, comma-separated.' },
  keylength: { type: 'integer', default: 4096, description: 'RSA key size for new keys.' },
  key_type: { type: 'enum', values: ['rsa', 'ec'], default: 'rsa', description: 'Type of new keys.' },
  named_curve: { type: 'string', default: 'prime256v1', description: 'Curve for EC keys.' },
  csr_attributes: { type: 'path', default: '$confdir/csr_attributes.yaml', description: 'Custom attributes and extension requests for the CSR.' },
  trusted_oid_mapping_file: { type: 'path', default: '$confdir/custom_trusted_oid_mapping.yaml', description: 'Short names for custom certificate extensions.' },
  certificate_revocation: { type: 'enum', values: ['chain', 'leaf', 'false', 'true'], default: 'chain', description: 'CRL checking: chain, leaf or false.' },
  crl_refresh_interval: { type: 'duration', default: null, nullable: true, description: 'Refresh the CRL when older than this; unset: never.' },
  ca_fingerprint: { type: 'string', default: null, nullable: true, description: 'Expected SHA-256 fingerprint of the CA bundle on first download.' },
  waitforcert: { type: 'duration', default: 120, description: 'Seconds between tries to fetch a certificate (0: exit at once). -t sets 0 unless given.' },
  maxwaitforcert: { type: 'duration', default: 'unlimited', nullable: true, description: 'Give up waiting for a certificate after this long.' },
  waitforlock: { type: 'duration', default: 0, description: 'Seconds between tries to take the run lock.' },
  maxwaitforlock: { type: 'duration', default: 60, description: 'Give up waiting for the run lock after this long.' },
  digest_algorithm: { type: 'enum', values: ['sha256', 'sha384', 'sha512', 'sha224', 'md5'], default: 'sha256', description: 'Checksums of file content and file buckets.' },
  supported_checksum_types: { type: 'list', default: 'sha256, sha384, sha512, sha224, md5', description: 'Checksum types the agent accepts, in order of preference.' },

  // Connections.
  server: { type: 'string', default: 'puppet', description: 'The server the agent talks to.' },
  serverport: { type: 'integer', default: 8140, description: 'The server port (alias masterport).' },
  server_list: { type: 'list', default: '', description: 'host[:port] list to try in order.' },
  ca_server: { type: 'string', default: '$server', description: 'The CA server.' },
  ca_port: { type: 'integer', default: '$serverport', description: 'The CA port.' },
  report_server: { type: 'string', default: '$server', description: 'The server reports go to.' },
  report_port: { type: 'integer', default: '$serverport', description: 'The report port.' },
  bindaddress: { type: 'string', default: '0.0.0.0', description: 'The address the server listens on.' },
  http_connect_timeout: { type: 'duration', default: 120, description: 'Connect timeout for HTTP requests.' },
  http_read_timeout: { type: 'duration', default: 600, description: 'Read timeout for HTTP requests.' },
  http_keepalive_timeout: { type: 'duration', default: 4, description: 'How long the agent keeps an idle connection for reuse.' },
  preferred_serialization_format: { type: 'enum', values: ['json', 'pson'], default: 'json', description: 'Wire format for facts and reports.' },

  // Agent run.
  environment: { type: 'string', default: 'production', description: 'The environment to request.' },
  runinterval: { type: 'duration', default: 1800, description: 'Seconds between daemon runs.' },
  runtimeout: { type: 'duration', default: 3600, description: 'Abort a run that takes longer.' },
  filetimeout: { type: 'duration', default: 15, description: 'How often a daemon checks puppet.conf for changes; 0 never.' },
  splay: { type: 'boolean', default: false, description: 'Sleep a random time before the first daemon run.' },
  splaylimit: { type: 'duration', default: '$runinterval', description: 'Upper bound of the splay.' },
  noop: { type: 'boolean', default: false, description: 'Show what would change without changing it.' },
  strict_environment_mode: { type: 'boolean', default: false, description: 'Refuse a server-assigned environment switch.' },
  use_last_environment: { type: 'boolean', default: true, description: 'Reuse the last run\'s environment instead of a node request.' },
  pluginsync: { type: 'boolean', default: true, description: 'Sync plugins before the run.' },
  pluginsource: { type: 'string', default: 'puppet:///plugins', description: 'Where plugins come from.' },
  pluginfactsource: { type: 'string', default: 'puppet:///pluginfacts', description: 'Where external facts come from.' },
  pluginsignore: { type: 'string', default: '.svn CVS .git .hg', description: 'Globs pluginsync ignores, space-separated.' },
  ignore_plugin_errors: { type: 'boolean', default: false, description: 'Go on when pluginsync fails.' },
  usecacheonfailure: { type: 'boolean', default: true, description: 'Apply the cached catalog when the server fails.' },
  use_cached_catalog: { type: 'boolean', default: false, description: 'Always apply the cached catalog.' },
  static_catalogs: { type: 'boolean', default: true, description: 'Ask for (server: serve) catalogs with inlined file metadata.' },
  rich_data: { type: 'boolean', default: true, description: 'Allow rich data in catalogs.' },
  report: { type: 'boolean', default: true, description: 'Send a report after each run.' },
  summarize: { type: 'boolean', default: false, description: 'Print a run summary.' },
  show_diff: { type: 'boolean', default: false, description: 'Log diffs of file content changes.' },
  color: { type: 'string', default: 'ansi', description: 'Console log colours: ansi (or true), html, or false.' },
  tags: { type: 'list', default: '', description: 'Apply only resources with these tags.' },
  skip_tags: { type: 'list', default: '', description: 'Skip resources with these tags.' },
  prerun_command: { type: 'string', default: '', description: 'Command run before applying.' },
  postrun_command: { type: 'string', default: '', description: 'Command run after applying.' },
  resubmit_facts: { type: 'boolean', default: false, description: 'Upload facts again after the run.' },
  factpath: { type: 'string', default: '$vardir/lib/facter:$vardir/facts', description: 'Where custom facts are loaded from.' },
  log_level: { type: 'enum', values: ['debug', 'info', 'notice', 'warning', 'err', 'alert', 'emerg', 'crit'], default: 'notice', description: 'Lowest level of log messages shown.' },

  // Server: code, classification, files, reports.
  environmentpath: { type: 'path', default: '$codedir/environments', description: 'Directories holding environments.' },
  basemodulepath: { type: 'string', default: '$codedir/modules', description: 'Modules shared by every environment.' },
  default_manifest: { type: 'string', default: './manifests', description: 'The main manifest of environments without one in environment.conf.' },
  environment_timeout: { type: 'duration', default: 0, nullable: true, description: 'How long parsed environments are cached (unlimited allowed).' },
  modulepath: { type: 'string', default: null, nullable: true, notInPuppetConf: true, description: 'Set in environment.conf only.' },
  manifest: { type: 'string', default: null, nullable: true, notInPuppetConf: true, description: 'Set in environment.conf only.' },
  config_version: { type: 'string', default: null, nullable: true, notInPuppetConf: true, description: 'Set in environment.conf only.' },
  hiera_config: { type: 'path', default: '$confdir/hiera.yaml', description: 'The global Hiera 5 configuration.' },
  node_terminus: { type: 'enum', values: ['plain', 'exec'], default: 'plain', description: 'How nodes are classified: plain or exec (an ENC).' },
  external_nodes: { type: 'string', default: 'none', description: 'The external node classifier executable.' },
  strict_variables: { type: 'boolean', default: false, description: 'Unknown variables are errors.' },
  strict: { type: 'enum', values: ['off', 'warning', 'error'], default: 'warning', description: 'Extra language checks.' },
  fileserverconfig: { type: 'path', default: '$confdir/fileserver.conf', description: 'Custom file server mounts.' },
  reports: { type: 'list', default: 'store', description: 'Report processors, comma-separated (none disables).' },
  reportdir: { type: 'path', default: '$vardir/reports', description: 'Where the store processor writes reports.' },
  reporturl: { type: 'string', default: 'http://localhost:3000/reports/upload', description: 'Where the http processor sends reports.' },
  storeconfigs: { type: 'boolean', default: false, description: 'Store exported resources.' },
  trusted_external_command: { type: 'string', default: null, nullable: true, description: 'Script whose output becomes $trusted[\'external\'].' },

  // CA.
  cadir: { type: 'path', default: '$ssldir/ca', description: 'The CA directory, in puppetserver\'s layout.' },
  cacert: { type: 'path', default: '$cadir/ca_crt.pem', description: 'The CA certificate.' },
  cakey: { type: 'path', default: '$cadir/ca_key.pem', description: 'The CA private key.' },
  capub: { type: 'path', default: '$cadir/ca_pub.pem', description: 'The CA public key.' },
  cacrl: { type: 'path', default: '$cadir/ca_crl.pem', description: 'The CA\'s CRL.' },
  csrdir: { type: 'path', default: '$cadir/requests', description: 'Pending certificate requests.' },
  signeddir: { type: 'path', default: '$cadir/signed', description: 'Signed certificates.' },
  serial: { type: 'path', default: '$cadir/serial', description: 'The next serial number, in hex.' },
  cert_inventory: { type: 'path', default: '$cadir/inventory.txt', description: 'Every certificate issued.' },
  ca_name: { type: 'string', default: 'Puppet CA: $certname', description: 'The CA\'s common name.' },
  ca_ttl: { type: 'ttl', default: 157680000, description: 'Lifetime of issued certificates (e.g. 5y).' },
  autosign: { type: 'autosign', default: '$confdir/autosign.conf', description: 'true, false, a whitelist file, or a policy executable.' },
  allow_duplicate_certs: { type: 'boolean', default: false, description: 'A new CSR may replace an existing certificate or request.' },
  allow_subject_alt_names: { type: 'boolean', default: false, bunraku: true, description: 'Sign CSRs with DNS alt names (puppetserver: ca.conf allow-subject-alt-names).' },
  allow_authorization_extensions: { type: 'boolean', default: false, bunraku: true, description: 'Sign CSRs with authorization extensions (ca.conf allow-authorization-extensions).' },
  autosign_timeout: { type: 'duration', default: 30, bunraku: true, description: 'Kill an autosign policy executable after this long.' },

  // Bunraku's server.
  rest_authconfig: { type: 'path', default: '$confdir/auth.conf', description: 'auth.conf rules (puppetserver\'s HOCON format); missing: the default rules.' },
  server_idle_timeout: { type: 'duration', default: 30, bunraku: true, description: 'The server closes keep-alive connections idle this long.' },
  max_request_body_size: { type: 'integer', default: 104857600, bunraku: true, description: 'Largest request body in bytes (413 above it).' },
  report_retention: { type: 'integer', default: 0, bunraku: true, description: 'Reports kept per node by the store processor (0: all).' },
  access_log: { type: 'path', default: '$logdir/access.log', bunraku: true, description: 'The server\'s access log.' },
};
