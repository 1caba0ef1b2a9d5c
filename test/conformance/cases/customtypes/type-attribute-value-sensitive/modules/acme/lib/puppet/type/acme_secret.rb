Puppet::Type.newtype(:acme_secret) do
  newparam(:name, namevar: true)
  newproperty(:content) do
    sensitive true
  end
  newproperty(:owner)
end
