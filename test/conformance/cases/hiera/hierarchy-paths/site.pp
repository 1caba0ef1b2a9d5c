notify { 'value': message => lookup('app::value') }
notify { 'list': message => lookup('app::list', Array, 'unique', []) }
