notify { 'from-sub-c': }
