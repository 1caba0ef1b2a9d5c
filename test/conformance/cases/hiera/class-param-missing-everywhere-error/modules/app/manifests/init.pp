class app (String $required) {
  notify { 'app': message => $required }
}
