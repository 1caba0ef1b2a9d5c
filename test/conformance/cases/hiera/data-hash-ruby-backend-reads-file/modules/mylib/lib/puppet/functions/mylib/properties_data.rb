# A data_hash backend for Java-style .properties files; integers stay integers.
Puppet::Functions.create_function(:'mylib::properties_data') do
  dispatch :properties_data do
    param 'Struct[{path => String[1]}]', :options
    param 'Puppet::LookupContext', :context
  end

  def properties_data(options, context)
    path = options['path']
    context.cached_file_data(path) do |content|
      content.each_line.each_with_object({}) do |line, acc|
        next if line.strip.empty? || line.start_with?('#')
        key, value = line.split('=', 2).map(&:strip)
        acc[key] = value =~ /\A\d+\z/ ? value.to_i : value
      end
    end
  end
end
