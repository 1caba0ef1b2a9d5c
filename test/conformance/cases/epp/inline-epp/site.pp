$t = @(EOT)
<%- | $who | -%>
Hello <%= $who %>!
<%# a comment -%>
<% if $who == 'world' { %>yes<% } else { %>no<% } %>
EOT
notify { 'x': message => inline_epp($t, { 'who' => 'world' }) }
notify { 'y': message => inline_epp('<%= $top %> and <%= $facts["hostname"] %>') }
$top = 'top-scope'
