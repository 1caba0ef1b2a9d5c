notify { 'dec': message => 42 }
notify { 'hex': message => 0x1F }
notify { 'hex-upper': message => 0XFF }
notify { 'octal': message => 0755 }
notify { 'negative': message => -17 }
notify { 'zero': message => 0 }
