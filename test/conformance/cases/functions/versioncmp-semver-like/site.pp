notify { 'x': message => [versioncmp('1.2.3', '1.2.10'), versioncmp('10', '9'), versioncmp('1.0a', '1.0b'), versioncmp('1.0', '1.0.0'), versioncmp('1.0-1', '1.0.1')] }
