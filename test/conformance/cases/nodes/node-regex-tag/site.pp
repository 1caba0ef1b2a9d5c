node /^agent(\d+)\.example\.test$/ { notify { 'n': message => $1 } }
