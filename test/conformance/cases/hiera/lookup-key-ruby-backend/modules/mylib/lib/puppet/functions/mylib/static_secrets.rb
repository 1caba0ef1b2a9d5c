# A lookup_key backend: answers keys under a prefix, like a secrets store would.
Puppet::Functions.create_function(:'mylib::static_secrets') do
  dispatch :lookup_key do
    param 'Variant[String, Numeric]', :key
    param 'Hash', :options
    param 'Puppet::LookupContext', :context
  end

  def lookup_key(key, options, context)
    return context.not_found unless key.start_with?(options['prefix'])
    "secret-for-#{key.sub(options['prefix'], '')}@#{options['node']}"
  end
end
