module Puppet::Parser::Functions
  newfunction(:mylib_describe_node, :type => :rvalue) do |args|
    tier = lookupvar('tier')
    os = lookupvar('facts')['os']['family']
    host = lookupvar('::hostname')
    missing = lookupvar('no_such_var')
    "#{host} (#{os}) tier=#{tier} missing=#{missing.inspect}"
  end
end
