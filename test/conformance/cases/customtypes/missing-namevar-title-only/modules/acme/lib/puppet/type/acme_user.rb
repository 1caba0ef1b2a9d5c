Puppet::Type.newtype(:acme_user) do
  newparam(:login, namevar: true)
  newproperty(:shell) do
    defaultto '/bin/sh'
  end
end
