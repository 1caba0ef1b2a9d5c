class app { $greeting = 'hi'
  notify { 'scope': message => mylib::from_scope('greeting') }
}
include app
