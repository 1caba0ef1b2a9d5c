Puppet::Functions.create_function(:'mylib::banner') do
  dispatch :banner do
    param 'String', :text
    optional_param 'Integer[1]', :width
  end

  def banner(text, width = 20)
    line = '#' * width
    "#{line}\n# #{text.center(width - 4)} #\n#{line}"
  end
end
