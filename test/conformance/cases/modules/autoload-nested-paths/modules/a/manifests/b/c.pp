class a::b::c { notify { 'abc': message => $module_name } }
