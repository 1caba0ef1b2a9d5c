notify { 'cert': message => lookup('base::certname') }
