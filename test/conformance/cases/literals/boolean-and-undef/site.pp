notify { 't': message => true }
notify { 'f': message => false }
notify { 'u': message => undef }
notify { 'interp': message => "t=${[true][0]} f=${[false][0]} u=[${[undef][0]}]" }
