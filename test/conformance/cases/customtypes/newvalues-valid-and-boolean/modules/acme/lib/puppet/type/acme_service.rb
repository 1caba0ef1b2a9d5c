Puppet::Type.newtype(:acme_service) do
  newparam(:name, namevar: true)
  newproperty(:ensure) do
    newvalues(:running, :stopped)
  end
  newparam(:enable, boolean: true, parent: Puppet::Parameter::Boolean)
  newproperty(:flags, array_matching: :all)
end
