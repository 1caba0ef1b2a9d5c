module Puppet::Parser::Functions
  newfunction(:mylib_pick, :type => :rvalue, :doc => 'First value that is not undef or empty.') do |args|
    args = args.compact
    args.delete(:undef)
    args.delete(:undefined)
    args.delete('')
    raise Puppet::ParseError, 'mylib_pick(): must receive at least one non empty value' if args[0].to_s.empty?
    args[0]
  end
end
