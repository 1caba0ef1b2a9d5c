Puppet::Functions.create_function(:'mylib::decorate') do
  dispatch :decorate do
    param 'String', :s
  end

  def decorate(s)
    call_function('mylib::stars', s, 2)
  end
end
