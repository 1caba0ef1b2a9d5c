Puppet::Functions.create_function(:'mylib::os_family_lc') do
  dispatch :os_family_lc do
  end

  def os_family_lc
    closure_scope['facts']['os']['family'].downcase
  end
end
