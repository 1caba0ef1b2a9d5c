notify { 'x': message => [$facts.dig('os', 'distro', 'codename'), $facts.dig('nope', 'deeper'), $facts.dig('networking', 'interfaces', 'eth0', 'bindings', 0, 'address')] }
