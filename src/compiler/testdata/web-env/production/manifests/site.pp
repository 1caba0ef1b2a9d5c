File { mode => '0644' }
node default {
  class { 'web': port => 8080 }
  web::vhost { ['a.example', 'b.example']: }
  notify { 'facts': message => "${facts['os']['family']} ${trusted['hostname']}" }
}
