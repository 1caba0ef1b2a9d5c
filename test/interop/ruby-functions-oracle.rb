# Oracle: evaluates each case's Puppet code with real Puppet 7 and prints JSON
# {name => {"value" => <rich JSON of the notify message>} | {"error" => msg}}.
require 'puppet'
require 'json'
cases = JSON.parse(File.read(ARGV[0]))
modulepath = ARGV[1]
dir = Dir.mktmpdir
Puppet.initialize_settings(['--confdir', dir, '--vardir', "#{dir}/var", '--codedir', "#{dir}/code", '--environmentpath', "#{dir}/envs", '--strict', 'warning'])
Dir.mkdir("#{dir}/envs") rescue nil
Dir.mkdir("#{dir}/envs/production") rescue nil
File.symlink(modulepath, "#{dir}/envs/production/modules")
Puppet::Util::Log.newdestination(Puppet::Test::LogCollector.new([])) rescue nil
out = {}
cases.each do |name, code|
  pre, expr = code.include?(' ;; ') ? code.split(' ;; ', 2) : ['', code]
  Puppet[:code] = "#{pre}\nnotify { 'out': message => (#{expr}) }"
  node = Puppet::Node.new('n1', facts: Puppet::Node::Facts.new('n1', { 'networking' => { 'fqdn' => 'n1' } }), environment: 'production')
  begin
    cat = Puppet::Parser::Compiler.compile(node)
    res = cat.resource('Notify', 'out')
    v = res[:message]
    json = Puppet::Pops::Serialization::ToDataConverter.convert(v, rich_data: true, symbol_as_string: true)
    out[name] = { 'value' => json, 'ruby' => v.inspect }
  rescue Exception => e
    out[name] = { 'error' => e.message, 'class' => e.class.name }
  end
end
puts JSON.pretty_generate(out)
