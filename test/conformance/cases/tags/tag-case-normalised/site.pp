notify { 'a': tag => ['UPPER', 'MiXed'] }
