$h = { 'a' => 1 }
notify { 'x': message => [$h['b'] =~ Undef, $h.get('b', 'dflt'), $h.dig('b').lest || { 'lest' }] }
