notify { 'dq': message => "tab\there\nnewline \"quoted\" \\ \$dollar \u{1F600} \u00e9 \s space" }
