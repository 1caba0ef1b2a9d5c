$r = case 'x' { 'y': { 'why' } }
notify { 'x': message => "[${r}]" }
