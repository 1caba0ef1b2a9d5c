notify { 'cont': message => @("END"/L) }
  first part \
  second part
  | END
