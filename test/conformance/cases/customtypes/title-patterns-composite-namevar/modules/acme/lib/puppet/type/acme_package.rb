Puppet::Type.newtype(:acme_package) do
  def self.title_patterns
    [
      [/\A([^:]+):([^:]+)\z/, [[:package_name], [:provider_name]]],
      [/\A(.*)\z/m, [[:package_name]]],
    ]
  end

  newparam(:package_name, namevar: true)
  newparam(:provider_name, namevar: true) do
    defaultto 'apt'
  end
  newproperty(:ensure)
end
