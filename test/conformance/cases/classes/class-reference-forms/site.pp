class a::b { notify { 'ab': } }
include Class['a::b']
include 'A::B'
notify { 'x': message => [Class['a::b'], Class['A::B'], Class[a::b]] }
