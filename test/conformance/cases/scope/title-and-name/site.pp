class cl { notify { 'cl': message => "${title}|${name}" } }
define df { notify { "df-${title}": message => "${title}|${name}" } }
include cl
df { 'a': }
df { 'b': name => 'bee' }
