require File.expand_path(File.join(File.dirname(__FILE__), '..', '..', 'puppet_x', 'acme', 'names.rb'))

Puppet::Type.newtype(:acme_vhost) do
  @doc = 'A web server virtual host.'
  newparam(:name, namevar: true) do
    validate do |value|
      raise ArgumentError, "Invalid host name #{value}" unless PuppetX::Acme::Names.valid_host?(value)
    end
  end
  newproperty(:docroot)
  validate do
    raise ArgumentError, 'docroot is required' if self[:docroot].nil?
  end
end
