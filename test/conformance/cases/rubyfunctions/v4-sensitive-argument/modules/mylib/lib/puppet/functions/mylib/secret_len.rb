Puppet::Functions.create_function(:'mylib::secret_len') do
  dispatch :secret_len do
    param 'Sensitive[String]', :secret
  end

  def secret_len(secret)
    secret.unwrap.length
  end
end
