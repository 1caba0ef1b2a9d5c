Puppet::Type.newtype(:acme_repo) do
  @doc = 'A package repository.'
  feature :signed, 'The repository can be signed', methods: [:gpgkey]

  ensurable
  newparam(:name, namevar: true)
  newproperty(:url) do
    validate do |value|
      raise ArgumentError, "#{value} is not a URL" unless value =~ %r{\Ahttps?://}
    end
  end
  newproperty(:gpgkey, required_features: :signed)
end
