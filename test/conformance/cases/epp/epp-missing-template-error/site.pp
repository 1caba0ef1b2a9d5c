notify { 'x': message => epp('nomod/nothere.epp') }
