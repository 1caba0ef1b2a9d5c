class app ($value = 'param default') {
  notify { 'app': message => $value }
}
