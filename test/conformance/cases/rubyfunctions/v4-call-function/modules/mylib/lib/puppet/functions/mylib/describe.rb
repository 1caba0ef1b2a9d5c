Puppet::Functions.create_function(:'mylib::describe') do
  dispatch :describe do
    param 'Array[String]', :names
  end

  def describe(names)
    sorted = call_function('sort', names)
    joined = call_function('join', sorted, ', ')
    call_function('sprintf', '%d names: %s', names.length, joined)
  end
end
