class firewall (Hash $rules) {
  notify { 'fw': message => $rules }
}
