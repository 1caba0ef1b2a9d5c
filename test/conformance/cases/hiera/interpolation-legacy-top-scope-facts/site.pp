notify { 'legacy': message => lookup('base::legacy_fact') }
