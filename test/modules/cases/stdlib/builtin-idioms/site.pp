# Idioms common in module code: iteration, dig, lest/then, sprintf, versioncmp, regsubst with Ruby regexps, inline_epp.
$servers = { 'web1' => { 'ip' => '192.0.2.11', 'port' => 80 }, 'web2' => { 'ip' => '192.0.2.12' } }
$lines = $servers.map |$name, $s| { sprintf('%-6s %s:%d', $name, $s['ip'], $s.dig('port').lest || { 8080 }) }
notify { 'lines': message => $lines.join("\n") }
notify { 'filter': message => $servers.filter |$k, $v| { 'port' in $v }.keys }
notify { 'reduce': message => [1, 2, 3, 4].reduce(0) |$m, $v| { $m + $v } }
notify { 'versioncmp': message => [versioncmp('1.10', '1.9'), versioncmp('2.0', '2.0')] }
notify { 'regsubst': message => regsubst('Hello World', '(?i:world)\z', 'Puppet') }
notify { 'match': message => 'key = value' =~ /\A(\w+)\s*=\s*(\w+)\z/ }
notify { 'split': message => split('a1b22c333', /\d+/) }
notify { 'epp': message => inline_epp("<% \$servers.each |\$n, \$s| { -%>\n<%= \$n %>=<%= \$s['ip'] %>\n<% } -%>", { 'servers' => $servers }) }
notify { 'then': message => $facts['os'].dig('distro', 'codename').then |$c| { "codename ${c}" } }
notify { 'type': message => [Stdlib::Port.new(443) =~ Stdlib::Port, 80 =~ Stdlib::Port::Privileged] }
notify { 'deferrable': message => stdlib::deferrable_epp('site/value.epp', { 'v' => 'x' }) }
