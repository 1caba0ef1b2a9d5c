$items = ['x', 'y']
$t = @("ERB")
  <% @items.each do |i| -%>
  <%= i -%>
  <% end -%>
  |end
  | ERB
notify { 't': message => inline_template($t) }
