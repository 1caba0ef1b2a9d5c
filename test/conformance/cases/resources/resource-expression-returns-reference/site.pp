$ref = notify { 'x': }
notify { 'y': message => "${ref}", require => $ref }
