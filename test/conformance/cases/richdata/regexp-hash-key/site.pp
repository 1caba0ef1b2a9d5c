notify { 'x': message => { /re/ => 'regexp key', Integer => 'type key' } }
