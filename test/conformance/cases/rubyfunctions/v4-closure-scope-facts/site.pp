notify { 'fam': message => mylib::os_family_lc() }
