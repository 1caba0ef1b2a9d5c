class web::frontend { notify { 'n': } }
define my::res { file { "/tmp/${title}": } }
include web::frontend
my::res { 'Thing': }
