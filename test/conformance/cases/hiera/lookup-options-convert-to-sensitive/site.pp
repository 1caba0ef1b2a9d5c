class profile::db (Sensitive[String] $password) {
  notify { 'pw': message => $password }
  notify { 'unwrapped': message => "len=${password.unwrap.length}" }
}
include profile::db
