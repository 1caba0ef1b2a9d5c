# Turns a title into a URL slug.
Puppet::Functions.create_function(:'mylib::slugify') do
  dispatch :slugify do
    param 'String', :text
    return_type 'String'
  end

  def slugify(text)
    text.downcase.gsub(/[^a-z0-9]+/, '-').gsub(/\A-|-\z/, '')
  end
end
