notify { 'x': message => inline_epp(@(EOT)) }
<%- $h = { 'b' => 2, 'a' => 1 } -%>
<%- $h.each |$k, $v| { -%>
<%= $k %>=<%= $v %>
<%- } -%>
total=<%= $h.values.reduce |$m, $v| { $m + $v } %>
| EOT
