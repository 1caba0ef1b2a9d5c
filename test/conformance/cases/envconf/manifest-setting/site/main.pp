notify { 'from-site-dir': }
