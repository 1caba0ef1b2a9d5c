node default { $role = 'db' include profile }
class profile { notify { 'p': message => "role=[${role}]" } }
