file { '/tmp/x': content => Deferred('sprintf', ['%s', Sensitive('inner')]) }
