Puppet::Type.newtype(:acme_user) do
  newparam(:login, namevar: true) do
    desc 'The login name.'
  end
  newproperty(:uid) do
    validate do |v|
      raise ArgumentError, 'uid must be numeric' unless v.to_s =~ /\A\d+\z/
    end
  end
end
