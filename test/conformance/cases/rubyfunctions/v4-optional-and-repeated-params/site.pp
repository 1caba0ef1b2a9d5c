notify { 'one': message => mylib::fmt_list('items') }
notify { 'sep': message => mylib::fmt_list('items', ';') }
notify { 'many': message => mylib::fmt_list('items', ',', 'a', 'b', 'c') }
