class mylib (Integer $workers = mylib::default_workers($facts['processors']['count'])) {
  notify { 'workers': message => $workers }
}
