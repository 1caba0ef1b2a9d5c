notify { 'x': message => [Integer[0] =~ Type[Integer], 0 =~ Integer[0], -1 =~ Integer[0], 9223372036854775807 =~ Integer] }
