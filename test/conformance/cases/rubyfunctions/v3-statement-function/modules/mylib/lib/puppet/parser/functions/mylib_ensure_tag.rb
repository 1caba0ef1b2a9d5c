module Puppet::Parser::Functions
  newfunction(:mylib_ensure_tag, :doc => 'Adds tags to the calling scope') do |args|
    function_tag(args)
  end
end
