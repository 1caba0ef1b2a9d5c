notify { '$notvar': message => '\$still-literal' }
notify { "tab\there": }
