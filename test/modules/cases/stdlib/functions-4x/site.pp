# stdlib functions written with the 4.x Ruby API (lib/puppet/functions).
$h = merge({ 'a' => 1, 'b' => 2 }, { 'b' => 3, 'c' => 4 })
notify { 'merge': message => $h }
notify { 'to_json': message => to_json({ 'name' => 'x', 'list' => [1, 2, 3] }) }
notify { 'to_json_pretty': message => to_json_pretty({ 'k' => ['v', true] }) }
notify { 'to_yaml': message => to_yaml({ 'k' => 'v', 'n' => 1 }) }
notify { 'length': message => length([1, 2, 3]) }
notify { 'type_of': message => "${type_of(42)}" }
notify { 'start_with': message => stdlib::start_with('foobar', 'foo') }
notify { 'end_with': message => stdlib::end_with('foobar', 'bar') }
notify { 'extname': message => stdlib::extname('/etc/hosts.conf') }
notify { 'ip_in_range': message => stdlib::ip_in_range('192.0.2.10', '192.0.2.0/24') }
notify { 'fact': message => fact('os.distro.codename') }
notify { 'os_version_gte': message => os_version_gte('Debian', '11') }
notify { 'shell_escape': message => shell_escape('a b;c') }
notify { 'is_a': message => is_a('x', String) }
notify { 'sprintf_hash': message => sprintf_hash('%<a>s-%<b>d', { 'a' => 'x', 'b' => 7 }) }
