notify { 'x': message => ["${facts['int']} ${facts['float']} ${facts['bool']} ${facts['arr']}", $facts['int'] + 1, $facts['float'] * 2, $facts['str_num'] + 1] }
