Puppet::Functions.create_function(:'mylib::to_port') do
  dispatch :from_int do
    param 'Integer[1, 65535]', :port
  end

  dispatch :from_str do
    param 'Pattern[/\A\d+\z/]', :port
  end

  def from_int(port)
    port
  end

  def from_str(port)
    port.to_i
  end
end
