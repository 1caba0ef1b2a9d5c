Puppet::Type.newtype(:acme_other) do
  newparam(:name, namevar: true)
end
