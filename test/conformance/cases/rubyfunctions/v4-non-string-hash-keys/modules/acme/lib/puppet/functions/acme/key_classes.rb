Puppet::Functions.create_function(:'acme::key_classes') do
  dispatch :key_classes do
    param 'Hash', :h
  end

  def key_classes(h)
    h.map { |k, v| "#{k.class}=>#{v.nil? ? 'nil' : v}" }.join(', ')
  end
end
