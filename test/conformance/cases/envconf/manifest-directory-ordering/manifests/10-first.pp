notify { 'from-10': }
