Puppet::Type.newtype(:acme_vhost) do
  newparam(:name, namevar: true)
  newproperty(:docroot)
  validate do
    raise ArgumentError, 'docroot is required' if self[:docroot].nil?
  end
end
