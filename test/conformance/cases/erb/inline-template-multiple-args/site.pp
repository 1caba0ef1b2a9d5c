$a = 'A'
notify { 'multi': message => inline_template('<%= @a %>', '-', "<%= @a.downcase %>\n") }
