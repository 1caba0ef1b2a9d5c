$h = { 1 => 'one', [2, 3] => 'pair', 'x' => undef }
notify { 'keys': message => acme::key_classes($h) }
