Puppet::Functions.create_function(:'mylib::matches') do
  dispatch :matches do
    param 'Any', :value
    param 'Type', :type
  end

  def matches(value, type)
    type.instance?(value)
  end
end
