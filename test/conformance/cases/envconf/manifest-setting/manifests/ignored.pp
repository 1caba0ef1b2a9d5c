notify { 'should-not-appear': }
