class base { $x = 'base' }
class mid inherits base { include helper }
class helper { notify { 'helper': message => "${base::x}" } }
class top inherits mid { notify { 'top': message => $x } }
include top
