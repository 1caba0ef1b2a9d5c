Puppet::Functions.create_function(:'mylib::rewrap') do
  dispatch :rewrap do
    param 'Sensitive', :secret
  end

  def rewrap(secret)
    Puppet::Pops::Types::PSensitiveType::Sensitive.new(secret.unwrap.upcase)
  end
end
