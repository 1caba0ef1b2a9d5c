Puppet::Type.newtype(:acme_user) do
  newparam(:login, namevar: true)
  newproperty(:uid)
end
