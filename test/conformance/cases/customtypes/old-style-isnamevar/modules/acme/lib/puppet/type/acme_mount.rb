Puppet::Type.newtype(:acme_mount) do
  @doc = 'A mounted filesystem.'
  newparam(:name) do
    isnamevar
    desc 'The mount point.'
  end
  newproperty(:device)
  newproperty(:fstype)
  newproperty(:options)
end
