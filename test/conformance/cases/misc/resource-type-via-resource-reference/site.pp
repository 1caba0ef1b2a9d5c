Resource['file'] { '/tmp/dyn': ensure => file }
Resource['notify'] { 'n': message => 'via Resource' }
