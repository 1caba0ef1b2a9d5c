'Notify[x]' -> notify { 'y': }
