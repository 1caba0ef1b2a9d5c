notify { 'int': message => lookup('x::cpus') }
notify { 'hash': message => lookup('x::os') }
notify { 'array': message => lookup('x::list') }
notify { 'bool': message => lookup('x::virtual') }
