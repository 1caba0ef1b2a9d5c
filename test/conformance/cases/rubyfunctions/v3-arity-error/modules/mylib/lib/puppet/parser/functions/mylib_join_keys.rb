module Puppet::Parser::Functions
  newfunction(:mylib_join_keys, :type => :rvalue, :arity => 2) do |args|
    args[0].keys.sort.join(args[1])
  end
end
