class a { tag 'special' $t = [tagged('special'), tagged('a'), tagged('nope'), tagged('class')] notify { 'x': message => $t } }
include a
