notify { 'nullable': message => "[${lookup('app::proxy', Optional[String])}]" }
notify { 'fallthrough': message => lookup('app::mirror') }
