$env = 'prod'
file { '/etc/app.conf':
  mode => $env ? { 'prod' => '0600', default => '0644' },
  content => "env=${env}\n",
}
