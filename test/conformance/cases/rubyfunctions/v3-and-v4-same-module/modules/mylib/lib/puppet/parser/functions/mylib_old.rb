module Puppet::Parser::Functions
  newfunction(:mylib_old, :type => :rvalue) do |args|
    "old(#{args.join(',')})"
  end
end
