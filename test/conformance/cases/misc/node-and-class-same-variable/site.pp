$v = 'top'
node default { $v = 'node' include c }
class c { notify { 'x': message => $v } }
