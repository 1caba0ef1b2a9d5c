acme_service { 'web': ensure => exploded }
