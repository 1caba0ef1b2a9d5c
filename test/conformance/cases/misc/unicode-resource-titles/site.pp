notify { 'über': message => 'ünïcödé' }
file { '/tmp/日本': content => '内容' }
