Puppet::Functions.create_function(:'mylib::tap_value') do
  dispatch :tap_value do
    param 'Integer', :value
    optional_block_param
  end

  def tap_value(value)
    block_given? ? yield(value) : value
  end
end
