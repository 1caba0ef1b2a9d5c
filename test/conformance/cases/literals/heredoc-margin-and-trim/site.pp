notify { 'margin': message => @(END) }
    indented more
  base level
  |- END
notify { 'keep': message => @(END) }
  no margin marker
END
