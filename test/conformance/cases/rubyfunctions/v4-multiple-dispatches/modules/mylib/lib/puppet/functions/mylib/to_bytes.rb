Puppet::Functions.create_function(:'mylib::to_bytes') do
  dispatch :from_integer do
    param 'Integer', :value
  end

  dispatch :from_string do
    param 'Pattern[/\A\d+[kKmMgG]?\z/]', :value
  end

  dispatch :from_array do
    param 'Array[Variant[Integer, String]]', :values
  end

  UNITS = { 'k' => 1024, 'm' => 1024**2, 'g' => 1024**3 }.freeze

  def from_integer(value)
    value
  end

  def from_string(value)
    m = value.match(/\A(\d+)([kKmMgG]?)\z/)
    m[1].to_i * (UNITS[m[2].downcase] || 1)
  end

  def from_array(values)
    values.map { |v| v.is_a?(Integer) ? from_integer(v) : from_string(v) }
  end
end
