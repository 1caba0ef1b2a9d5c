notify { 'x': message => [versioncmp('1.0', '1.0'), versioncmp('1.10', '1.9'), versioncmp('1.0.0', '1.0'), versioncmp('2.0-rc1', '2.0'), versioncmp('a', 'b')] }
