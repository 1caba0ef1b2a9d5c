$x = 'value'
notify { 'plain': message => @(END) }
  line one
  line two $x
  END
notify { 'interp': message => @("END") }
  line one
  line two $x
  END
