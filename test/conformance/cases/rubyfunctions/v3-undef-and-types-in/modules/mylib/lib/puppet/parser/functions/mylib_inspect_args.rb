module Puppet::Parser::Functions
  newfunction(:mylib_inspect_args, :type => :rvalue) do |args|
    args.map { |a| "#{a.class}:#{a.inspect}" }.join(' ')
  end
end
