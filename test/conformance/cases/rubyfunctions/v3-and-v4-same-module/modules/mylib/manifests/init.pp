class mylib {
  notify { 'mixed': message => [mylib_old('a'), mylib::modern('b')] }
}
