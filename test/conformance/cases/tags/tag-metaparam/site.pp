notify { 'a': tag => 'single' }
notify { 'b': tag => ['one', 'Two', 'three::four'] }
