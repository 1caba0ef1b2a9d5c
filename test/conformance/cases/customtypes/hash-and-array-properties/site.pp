acme_container { 'web':
  image  => 'nginx:1.25',
  env    => { 'TZ' => 'UTC', 'WORKERS' => 4 },
  ports  => ['80:80', '443:443'],
  labels => {},
}
