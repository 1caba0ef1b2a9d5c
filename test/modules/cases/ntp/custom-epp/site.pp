# ntp with the config from a site module's EPP template, and the step-tickers file.
class { 'ntp':
  config_epp        => 'site/ntp.conf.epp',
  servers           => ['a.example.test', 'b.example.test'],
  step_tickers_file => '/etc/ntp/step-tickers',
  step_tickers_epp  => 'ntp/step-tickers.epp',
}
