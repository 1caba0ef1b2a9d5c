Puppet::Type.newtype(:acme_gadget) do
  newparam(:name, namevar: true)
  newproperty(:size)
  newproperty(:color)
end
