unless 1 > 2 { notify { 'unless': } } else { notify { 'else': } }
unless true { notify { 'never': } }
