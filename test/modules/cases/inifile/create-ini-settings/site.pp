# inifile::create_ini_settings turns a hash into ini_setting resources.
$settings = {
  'section1' => { 'setting1' => 'val1' },
  'section2' => { 'setting2' => 'val2', 'setting3' => { 'ensure' => 'absent' } },
}
inifile::create_ini_settings($settings, { 'path' => '/tmp/nonexistant.ini' })
