Puppet::Functions.create_function(:'mylib::broken_backend') do
  dispatch :lookup_key do
    param 'String', :key
  end

  def lookup_key(key)
    key
  end
end
