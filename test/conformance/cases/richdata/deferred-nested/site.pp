notify { 'x': message => [Deferred('upcase', ['a']), { 'k' => Deferred('sprintf', ['%s', Deferred('downcase', ['B'])]) }] }
