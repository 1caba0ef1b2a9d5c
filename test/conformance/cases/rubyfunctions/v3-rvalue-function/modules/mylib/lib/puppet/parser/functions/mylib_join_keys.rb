module Puppet::Parser::Functions
  newfunction(:mylib_join_keys, :type => :rvalue, :arity => 2, :doc => <<-DOC
    Joins the sorted keys of a hash with a separator.
    DOC
  ) do |args|
    hash, sep = args
    unless hash.is_a?(Hash)
      raise Puppet::ParseError, "mylib_join_keys(): expected a Hash, got #{hash.class}"
    end
    hash.keys.sort.join(sep)
  end
end
