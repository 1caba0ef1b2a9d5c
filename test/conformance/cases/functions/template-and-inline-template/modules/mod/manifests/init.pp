class mod($items = ['a', 'b']) {
  file { '/tmp/erb': content => template('mod/config.erb') }
  notify { 'inline': message => inline_template('<%= @items.join("+") %> <%= 1 + 2 %>') }
}
