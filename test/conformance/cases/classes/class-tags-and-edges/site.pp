class web::server { notify { 'srv': } }
include web::server
