module Puppet::Parser::Functions
  newfunction(:mylib_concat, :type => :rvalue, :arity => -1) do |args|
    args.flatten
  end
end
