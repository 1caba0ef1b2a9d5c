Puppet::Type.newtype(:ini_setting) do
  desc 'A setting in an INI file.'

  ensurable do
    defaultvalues
    defaultto :present
  end

  newparam(:name, namevar: true) do
    desc 'An arbitrary name used as the identity of the resource.'
  end

  newparam(:section) do
    desc 'The section of the INI file.'
    defaultto('')
  end

  newparam(:setting) do
    desc 'The name of the setting.'
  end

  newparam(:path) do
    desc 'The INI file.'
    validate do |value|
      raise ArgumentError, "Paths must be absolute, not #{value}" unless Puppet::Util.absolute_path?(value)
    end
  end

  newproperty(:value) do
    desc 'The value of the setting.'
    munge { |v| v.to_s.strip }
  end

  newparam(:key_val_separator) do
    defaultto(' = ')
  end

  autorequire(:file) do
    [self[:path]]
  end
end
