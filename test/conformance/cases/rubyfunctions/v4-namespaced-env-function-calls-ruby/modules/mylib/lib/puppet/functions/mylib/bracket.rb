Puppet::Functions.create_function(:'mylib::bracket') do
  dispatch :bracket do
    param 'String', :s
    optional_param 'String[2,2]', :pair
  end

  def bracket(s, pair = '[]')
    "#{pair[0]}#{s}#{pair[1]}"
  end
end
