Puppet::Functions.create_function(:'mylib::computed') do
  dispatch :computed do
    param 'String', :key
    param 'Hash', :options
    param 'Puppet::LookupContext', :context
  end

  def computed(key, options, context)
    return context.not_found unless key.start_with?('counter::')
    if context.cache_has_key(key)
      context.cached_value(key)
    else
      context.cache(key, "#{key.split('::').last.upcase}-#{options.size}")
    end
  end
end
