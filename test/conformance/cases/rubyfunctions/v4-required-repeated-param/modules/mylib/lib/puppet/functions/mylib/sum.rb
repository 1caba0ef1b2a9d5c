Puppet::Functions.create_function(:'mylib::sum') do
  dispatch :sum do
    required_repeated_param 'Numeric', :numbers
  end

  def sum(*numbers)
    numbers.reduce(0) { |acc, n| acc + n }
  end
end
