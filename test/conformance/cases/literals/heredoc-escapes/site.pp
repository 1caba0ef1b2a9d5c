notify { 'escapes': message => @("END"/tn$) }
  tab:\there
  dollar:\$ literal
  backslash-n stays:\\n
  | END
notify { 'no-escapes': message => @("END") }
  tab:\t stays
  | END
notify { 'all': message => @("END"/) }
  tab:\t newline:\n quote:\" unicode:\u00e9
  | END
