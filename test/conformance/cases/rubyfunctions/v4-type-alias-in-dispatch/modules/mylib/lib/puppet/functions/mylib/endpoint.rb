Puppet::Functions.create_function(:'mylib::endpoint') do
  local_types do
    type 'Endpoint = Struct[{host => String[1], Optional[port] => Integer[1, 65535]}]'
  end

  dispatch :endpoint do
    param 'Endpoint', :ep
  end

  def endpoint(ep)
    ep.key?('port') ? "#{ep['host']}:#{ep['port']}" : ep['host']
  end
end
