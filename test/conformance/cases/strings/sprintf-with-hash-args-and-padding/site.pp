notify { 'x': message => sprintf('[%-10s][%10s][%.3s]', 'left', 'right', 'truncate') }
