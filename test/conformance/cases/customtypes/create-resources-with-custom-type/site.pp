$entries = {
  'limit nofile' => { 'path' => '/etc/limits.ini', 'setting' => 'nofile', 'value' => '65536' },
  'limit nproc'  => { 'path' => '/etc/limits.ini', 'setting' => 'nproc', 'value' => '4096' },
}
create_resources('ini_setting', $entries, { 'section' => 'limits' })
