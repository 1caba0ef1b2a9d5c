class svc (Array[Integer] $ports, String $exporter, String $user, String $config_dir) {
  notify { 'svc': message => "ports=${ports} exporter=${exporter} user=${user} dir=${config_dir}" }
}
