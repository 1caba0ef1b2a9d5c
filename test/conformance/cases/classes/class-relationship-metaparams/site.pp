class db { notify { 'db': } }
class app { notify { 'app': } }
include db, app
notify { 'after-app': require => Class['app'] }
notify { 'before-db': before => Class['db'], notify => Class['app'] }
