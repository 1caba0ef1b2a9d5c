class cfg($a) { notify { 'cfg': message => $a } }
create_resources('class', { 'cfg' => { 'a' => 'from-cr' } })
