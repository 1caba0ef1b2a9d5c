Puppet::Functions.create_function(:'mylib::compress_cmd') do
  dispatch :compress_cmd do
    param 'String[1]', :file
    optional_param 'Enum[gzip, bzip2, xz]', :tool
  end

  EXT = { 'gzip' => 'gz', 'bzip2' => 'bz2', 'xz' => 'xz' }.freeze

  def compress_cmd(file, tool = 'gzip')
    "#{tool} -c #{file} > #{file}.#{EXT[tool]}"
  end
end
