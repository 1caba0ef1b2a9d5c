notify { 'json': message => @(END:json) }
  {"a": 1}
  | END
