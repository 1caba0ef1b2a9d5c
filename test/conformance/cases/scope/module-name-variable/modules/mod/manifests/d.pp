define mod::d { notify { "d-${title}": message => "${module_name} [${caller_module_name}]" } }
