function site::data(Hash $options, Puppet::LookupContext $context) {
  { 'site::motd' => "Welcome to ${facts['networking']['hostname']}" }
}
