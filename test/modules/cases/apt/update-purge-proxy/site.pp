# apt with update frequency, purging and a proxy.
class { 'apt':
  update => { 'frequency' => 'daily', 'timeout' => 300, 'tries' => 3 },
  purge  => { 'sources.list' => true, 'sources.list.d' => true, 'preferences.d' => true },
  proxy  => { 'host' => 'proxy.example.test', 'port' => 3128, 'https' => true },
  manage_auth_conf => true,
  auth_conf_entries => [{ 'machine' => 'deb.example.test', 'login' => 'user', 'password' => 'secret' }],
}
