acme_secret { 'db': content => Sensitive('p4ss'), owner => 'root' }
