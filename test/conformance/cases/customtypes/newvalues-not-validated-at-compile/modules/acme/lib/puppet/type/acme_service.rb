Puppet::Type.newtype(:acme_service) do
  newparam(:name, namevar: true)
  newproperty(:ensure) do
    newvalues(:running, :stopped)
  end
  newparam(:enable) do
    newvalues(:true, :false)
  end
end
