$users = ['alice', 'bob']
$port = 2222
notify { 'inline': message => inline_template("Port <%= @port %>\n<% @users.each do |u| -%>AllowUsers <%= u %>\n<% end -%>") }
notify { 'math': message => inline_template('<%= (@port * 2).to_s + "/" + @users.size.to_s %>') }
