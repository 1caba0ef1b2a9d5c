notify { 'opts': message => lookup({ 'name' => 'ntp::options', 'value_type' => Hash[String, Boolean], 'merge' => 'hash' }) }
notify { 'default': message => lookup({ 'name' => 'ntp::absent', 'default_value' => 'none' }) }
