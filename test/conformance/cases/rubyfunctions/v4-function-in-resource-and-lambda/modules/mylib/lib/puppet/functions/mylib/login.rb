Puppet::Functions.create_function(:'mylib::login') do
  dispatch :login do
    param 'String', :full_name
  end

  def login(full_name)
    first, last = full_name.downcase.split(' ', 2)
    "#{first[0]}#{last}"
  end
end
