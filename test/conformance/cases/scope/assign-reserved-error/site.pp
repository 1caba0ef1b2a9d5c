$trusted = 'nope'
