Puppet::Functions.create_function(:'mylib::must_be_even') do
  dispatch :check do
    param 'Integer', :n
  end

  def check(n)
    raise Puppet::ParseError, "mylib::must_be_even(): #{n} is odd" if n.odd?
    n
  end
end
