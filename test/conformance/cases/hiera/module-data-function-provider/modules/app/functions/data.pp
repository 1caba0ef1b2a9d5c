function app::data() {
  { 'app::listen' => $facts['networking']['ip'], 'app::port' => 8140 }
}
