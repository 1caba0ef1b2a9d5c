node /^db-\d+/ { notify { 'db': message => $trusted['hostname'] } }
node default { notify { 'default': } }
