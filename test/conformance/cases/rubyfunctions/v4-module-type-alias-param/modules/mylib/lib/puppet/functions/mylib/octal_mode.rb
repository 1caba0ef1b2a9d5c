Puppet::Functions.create_function(:'mylib::octal_mode') do
  dispatch :octal_mode do
    param 'Mylib::Filemode', :mode
  end

  def octal_mode(mode)
    mode.to_i(8)
  end
end
