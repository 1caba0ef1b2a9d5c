Puppet::Functions.create_function(:'mylib::describe_type') do
  dispatch :describe do
    param 'Type', :t
  end

  def describe(t)
    "#{t} (#{t.class.name.split('::').last})"
  end
end
