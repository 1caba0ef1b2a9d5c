$secret = Sensitive('s3cr3t')
file { '/etc/secret': content => $secret }
user { 'u': password => Sensitive('hash') }
