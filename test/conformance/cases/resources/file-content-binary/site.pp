file { '/tmp/bin': content => Binary('AAECAwQ=') }
