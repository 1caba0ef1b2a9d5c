Puppet::Functions.create_function(:'mylib::broken_count') do
  dispatch :count do
    param 'Array', :items
    return_type 'Integer'
  end

  def count(items)
    items.length.to_s
  end
end
