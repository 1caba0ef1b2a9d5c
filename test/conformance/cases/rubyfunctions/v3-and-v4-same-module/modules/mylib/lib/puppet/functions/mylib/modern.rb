Puppet::Functions.create_function(:'mylib::modern') do
  dispatch :modern do
    param 'String', :s
  end

  def modern(s)
    "modern(#{call_function('mylib_old', s, 'x')})"
  end
end
