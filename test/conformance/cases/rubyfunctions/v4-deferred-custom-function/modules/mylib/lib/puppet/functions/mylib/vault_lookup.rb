Puppet::Functions.create_function(:'mylib::vault_lookup') do
  dispatch :vault_lookup do
    param 'String', :path
    param 'String', :field
  end

  def vault_lookup(path, field)
    Puppet::Pops::Types::PSensitiveType::Sensitive.new("#{path}##{field}")
  end
end
