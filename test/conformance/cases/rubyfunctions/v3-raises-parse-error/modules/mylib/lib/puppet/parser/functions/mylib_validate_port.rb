module Puppet::Parser::Functions
  newfunction(:mylib_validate_port, :type => :rvalue) do |args|
    port = Integer(args[0])
    raise Puppet::ParseError, "mylib_validate_port(): #{port} is out of range" unless (1..65535).cover?(port)
    port
  end
end
