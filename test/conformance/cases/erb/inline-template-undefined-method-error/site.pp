$x = 'v'
notify { 'x': message => inline_template("ok\n<%= @x %>\n<%= @x.nope %>\n") }
