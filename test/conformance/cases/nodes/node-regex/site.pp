node /^agent\d+\./ { notify { 'regex': message => $0 } }
node default { notify { 'default': } }
