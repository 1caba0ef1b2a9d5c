notify { 'merged': message => lookup('ntp::servers', Array[String], 'unique') }
