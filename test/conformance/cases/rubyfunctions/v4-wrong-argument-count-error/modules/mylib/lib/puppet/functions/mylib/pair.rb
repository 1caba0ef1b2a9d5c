Puppet::Functions.create_function(:'mylib::pair') do
  dispatch :pair do
    param 'String', :left
    param 'String', :right
  end

  def pair(left, right)
    [left, right]
  end
end
