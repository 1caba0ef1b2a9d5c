notify { 'x': message => { 'pw' => Sensitive('nested') } }
