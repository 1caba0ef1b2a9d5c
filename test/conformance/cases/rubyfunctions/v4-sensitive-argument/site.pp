$pw = Sensitive('correct horse')
notify { 'digest': message => mylib::secret_len($pw) }
notify { 'wrapped': message => mylib::rewrap($pw) }
