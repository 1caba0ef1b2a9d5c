notify { 'from-a': message => "[${b}]" }
