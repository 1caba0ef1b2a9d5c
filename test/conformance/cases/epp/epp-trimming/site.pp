$template = @(EOT)
a
  <%- $x = 1 -%>
b <%= $x %>
<% if true { -%>
  in
<%- } -%>
c
<%% literal %%>
EOT
notify { 'x': message => inline_epp($template) }
