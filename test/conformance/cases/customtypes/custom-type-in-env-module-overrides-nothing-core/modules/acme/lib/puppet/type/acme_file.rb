Puppet::Type.newtype(:acme_file) do
  newparam(:path, namevar: true)
  newproperty(:mode) do
    munge { |v| v.to_s.rjust(4, '0') }
  end
end
