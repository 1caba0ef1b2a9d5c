Puppet::Functions.create_function(:'mylib::retry_map') do
  dispatch :map_one do
    param 'Array', :items
    block_param 'Callable[1,1]', :block
  end

  dispatch :map_two do
    param 'Array', :items
    block_param 'Callable[2,2]', :block
  end

  def map_one(items)
    items.map { |i| yield(i) }
  end

  def map_two(items)
    items.each_with_index.map { |i, idx| yield(i, idx) }
  end
end
