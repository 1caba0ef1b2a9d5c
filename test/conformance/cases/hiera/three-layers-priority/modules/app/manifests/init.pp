class app (
  Integer $port,
  String $user,
  String $log_level,
  String $docroot = '/srv/app',
) {
  notify { 'app':
    message => "port=${port} user=${user} log=${log_level} root=${docroot}",
  }
}
