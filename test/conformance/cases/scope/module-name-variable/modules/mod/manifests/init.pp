class mod { notify { 'mod': message => "${module_name} ${caller_module_name}" } }
