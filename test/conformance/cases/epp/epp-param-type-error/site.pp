notify { 'x': message => inline_epp('<%- | Integer $n | -%><%= $n %>', { 'n' => 'str' }) }
