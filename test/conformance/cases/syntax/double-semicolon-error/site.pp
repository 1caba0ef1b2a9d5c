notify { 'a': };
notify { 'b': };;
