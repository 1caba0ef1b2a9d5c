notify { 'x': message => inline_epp('<%- | String $required | -%><%= $required %>', {}) }
