node /\.example\.test$/ { notify { 'suffix': } }
node default { notify { 'default': } }
