notify {
  default: message => 'shared';
  'a': ;
  'b': message => 'own';
}
