notify { 'n': message => "e=${1.5e-7}" }
