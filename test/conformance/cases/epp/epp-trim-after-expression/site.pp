$template = @(EOT)
b <%= $x -%>
c
EOT
notify { 'x': message => inline_epp($template, { 'x' => 1 }) }
