Puppet::Functions.create_function(:'mylib::hostname_of') do
  dispatch :hostname_of do
    param 'Pattern[/\A[a-z]+:\/\//]', :url
  end

  argument_mismatch :bad_url do
    param 'String', :url
  end

  def hostname_of(url)
    url.split('/')[2]
  end

  def bad_url(url)
    "expects a URL with a scheme, got '#{url}'"
  end
end
