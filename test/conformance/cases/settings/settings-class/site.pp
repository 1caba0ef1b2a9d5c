notify { 'x': message => [$settings::environment, $settings::strict_variables, $settings::ordering, $settings::trusted_node_data] }
