module Puppet::Parser::Functions
  newfunction(:mylib_checksum_line, :type => :rvalue) do |args|
    Puppet::Parser::Functions.function(:sha1)
    digest = function_sha1([args[0]])
    upper = call_function('upcase', [digest[0, 8]])
    function_sprintf(['%s %s', upper, args[0]])
  end
end
