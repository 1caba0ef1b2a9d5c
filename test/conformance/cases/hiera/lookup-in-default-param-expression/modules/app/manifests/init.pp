class app (
  Array[Integer] $ports = lookup('common::ports'),
  String $desc = "ports ${ports.join('/')}",
) {
  notify { 'app': message => $desc }
}
