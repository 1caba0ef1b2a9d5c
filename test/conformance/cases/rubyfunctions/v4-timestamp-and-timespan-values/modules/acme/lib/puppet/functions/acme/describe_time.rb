Puppet::Functions.create_function(:'acme::describe_time') do
  dispatch :timestamp do
    param 'Timestamp', :t
  end

  dispatch :timespan do
    param 'Timespan', :t
  end

  def timestamp(t)
    "#{t.format('%Y')} day #{t.format('%j')}"
  end

  def timespan(t)
    "#{t.to_f.to_i} seconds"
  end
end
