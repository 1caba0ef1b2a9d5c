Puppet::Functions.create_function(:'mylib::fmt_list') do
  dispatch :fmt do
    param 'String[1]', :label
    optional_param 'String', :separator
    repeated_param 'String', :values
  end

  def fmt(label, separator = '|', *values)
    "#{label}(#{values.size}): #{values.join(separator)}"
  end
end
