notify { 'x': message => "[${does_not_exist}] [${nope::nothing}]" }
notify { 'y': message => $does_not_exist =~ Undef }
