require 'puppet'
require 'json'
Puppet.initialize_settings(['--confdir', '/tmp/rbf-pp', '--vardir', '/tmp/rbf-pp/var'])
$LOAD_PATH.unshift(ARGV[0])
out = {}
ARGV[1..].each do |name|
  t = Puppet::Type.type(name.to_sym)
  out[name] = {
    'parameters' => t.parameters.map(&:to_s),
    'properties' => t.properties.map { |p| p.name.to_s },
    'namevars' => t.key_attributes.map(&:to_s),
    'ensurable' => t.validproperty?(:ensure),
    'titlePatterns' => t.title_patterns.map { |re, caps| { 'pattern' => re.source, 'attributes' => caps.map { |c| c[0].to_s } } },
  }
end
puts JSON.pretty_generate(out)
