mod { 'x': }
