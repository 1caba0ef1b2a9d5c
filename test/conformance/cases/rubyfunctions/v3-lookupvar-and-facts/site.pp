class app { $tier = 'gold'
  notify { 'v3scope': message => mylib_describe_node() }
}
include app
