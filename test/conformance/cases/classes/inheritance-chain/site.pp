class grand { $g = 'grand' notify { 'grand': } }
class parent inherits grand { $p = 'parent' notify { 'parent': message => $g } }
class child inherits parent { notify { 'child': message => "${g} ${p}" } }
include child
