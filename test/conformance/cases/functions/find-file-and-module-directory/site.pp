notify { 'x': message => [find_file('mod/data.txt'), find_file('mod/nope.txt'), module_directory('mod'), module_directory('nomod')] }
