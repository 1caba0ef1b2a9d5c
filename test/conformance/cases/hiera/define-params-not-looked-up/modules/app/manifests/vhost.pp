define app::vhost (Integer $port = 80) {
  notify { "vhost ${title}": message => $port }
}
