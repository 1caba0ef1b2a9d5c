notify { 'x': message => [lookup('greeting'), lookup('host_line'), lookup('alias_value')] }
