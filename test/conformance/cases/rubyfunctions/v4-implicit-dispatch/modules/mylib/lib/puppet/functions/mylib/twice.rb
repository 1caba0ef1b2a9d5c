# No dispatch block: the method with the function's name takes any arguments.
Puppet::Functions.create_function(:'mylib::twice') do
  def twice(value)
    value * 2
  end
end
