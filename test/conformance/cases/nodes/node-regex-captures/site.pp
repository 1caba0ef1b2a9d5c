node /^(\w+)(\d+)\.(.*)$/ { notify { 'caps': message => [$1, $2, $3] } }
