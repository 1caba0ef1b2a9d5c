# Preloaded (ruby -r) into the Puppet oracle and the batch oracle by the
# conformance generator: points the `hiera_config` setting, Hiera's global
# layer, at `<environmentpath>/.global/hiera.yaml`, where the generator lays
# out a case's `global/` directory (or an empty hierarchy when the case has
# none). Only the setting changes; every compile step is still Puppet's own,
# as on a puppetserver whose puppet.conf names that hiera.yaml.
require 'puppet'

module BunrakuGlobalHiera
  def initialize_settings(args = [], *rest)
    args = args.dup
    envpath = args.index('--environmentpath')
    config = args.index('--hiera_config')
    raise 'global-hiera.rb: the oracle passes no --environmentpath/--hiera_config' unless envpath && config

    args[config + 1] = File.join(args[envpath + 1], '.global', 'hiera.yaml')
    super(args, *rest)
  end
end
Puppet.singleton_class.prepend(BunrakuGlobalHiera)
