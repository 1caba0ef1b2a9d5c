Notify['ghost'] { message => 'b' }
