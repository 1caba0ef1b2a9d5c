notify { 'x': message => [$clientcert, $settings::environment, $settings::strict_variables, $settings::strict] }
