Puppet::Functions.create_function(:'mylib::parse_kv') do
  dispatch :parse do
    param 'String', :text
    return_type 'Hash[String, Variant[Integer, String, Undef]]'
  end

  def parse(text)
    text.split(';').each_with_object({}) do |pair, acc|
      key, value = pair.split('=', 2)
      acc[key] = if value.nil? || value.empty? then nil
                 elsif value =~ /\A\d+\z/ then value.to_i
                 else value
                 end
    end
  end
end
