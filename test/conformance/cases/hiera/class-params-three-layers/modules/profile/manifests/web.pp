class profile::web (
  String $server_name,
  Integer[1] $workers,
  Array[String] $modules = [],
  Boolean $ssl = false,
) {
  file { '/etc/web.conf':
    ensure  => file,
    content => "server_name ${server_name}\nworkers ${workers}\nmodules ${modules.join(' ')}\nssl ${ssl}\n",
  }
}
