Puppet::Type.newtype(:beta_thing) do
  newparam(:name, namevar: true)
  newproperty(:color)
end
