class app ($value) {
  notify { 'app': message => $value }
}
