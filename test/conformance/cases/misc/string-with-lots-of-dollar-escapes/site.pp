$v = 'V'
notify { 'x': message => "\${v} \$v $v ${v}\$ \\$v" }
