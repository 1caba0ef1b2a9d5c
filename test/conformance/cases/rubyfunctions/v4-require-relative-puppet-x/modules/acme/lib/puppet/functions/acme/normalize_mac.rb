require_relative '../../../puppet_x/acme/net'

Puppet::Functions.create_function(:'acme::normalize_mac') do
  dispatch :normalize_mac do
    param 'String', :mac
  end

  def normalize_mac(mac)
    PuppetX::Acme::Net.normalize_mac(mac)
  end
end
