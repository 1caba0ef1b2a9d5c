Puppet::Functions.create_function(:'mylib::parse_int') do
  dispatch :parse_int do
    param 'String', :s
  end

  def parse_int(s)
    Integer(s, 10)
  end
end
