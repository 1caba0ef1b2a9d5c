Puppet::Type.newtype(:acme_container) do
  ensurable
  newparam(:name, namevar: true)
  newproperty(:image)
  newproperty(:env) do
    validate { |v| raise ArgumentError, 'env must be a hash' unless v.is_a?(Hash) }
  end
  newproperty(:ports, array_matching: :all)
  newproperty(:labels)
end
