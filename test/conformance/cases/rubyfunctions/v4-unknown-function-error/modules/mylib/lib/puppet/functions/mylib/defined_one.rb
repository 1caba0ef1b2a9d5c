Puppet::Functions.create_function(:'mylib::defined_one') do
  def defined_one(x)
    x
  end
end
