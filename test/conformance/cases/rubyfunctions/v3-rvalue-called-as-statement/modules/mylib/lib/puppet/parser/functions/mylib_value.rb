module Puppet::Parser::Functions
  newfunction(:mylib_value, :type => :rvalue) do |args|
    42
  end
end
