class inner { notify { 'inner': message => "[${outer_local}]" } }
class outer { $outer_local = 'outer' include inner }
include outer
