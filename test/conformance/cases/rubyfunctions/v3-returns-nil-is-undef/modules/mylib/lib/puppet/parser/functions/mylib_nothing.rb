module Puppet::Parser::Functions
  newfunction(:mylib_nothing, :type => :rvalue) do |_args|
    nil
  end
end
