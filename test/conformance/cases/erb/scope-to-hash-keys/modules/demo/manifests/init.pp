class demo { $inherited = 'from parent' }
