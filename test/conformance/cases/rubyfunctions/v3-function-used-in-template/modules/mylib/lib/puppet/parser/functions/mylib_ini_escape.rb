module Puppet::Parser::Functions
  newfunction(:mylib_ini_escape, :type => :rvalue, :arity => 1) do |args|
    args[0].to_s.gsub('"', '\\"').gsub(';', '\\;')
  end
end
