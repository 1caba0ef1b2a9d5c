class app($port) { notify { 'app': message => $port } }
include app
notify { 'x': message => [lookup('common_key'), lookup('missing', undef, undef, 'dflt'), lookup('nested.inner'), lookup('mod::value')] }
