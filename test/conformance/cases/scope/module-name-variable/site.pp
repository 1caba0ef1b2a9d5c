include mod
mod::d { 'x': }
notify { 'top': message => "[${module_name}]" }
