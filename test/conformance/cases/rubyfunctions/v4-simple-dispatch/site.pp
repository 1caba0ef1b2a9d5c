notify { 'slug': message => mylib::slugify('Hello, World: Puppet 7!') }
