# stdlib functions written with the legacy 3.x Ruby API (lib/puppet/parser/functions).
$list = ['b', 'a', 'c', 'a']
notify { 'join': message => join(unique($list), ',') }
notify { 'pick': message => pick(undef, '', 'first') }
notify { 'pick_default': message => pick_default(undef, 'fallback') }
notify { 'delete': message => delete($list, 'a') }
notify { 'prefix': message => prefix(['x', 'y'], 'p-') }
notify { 'suffix': message => suffix(['x', 'y'], '.conf') }
notify { 'keys': message => keys({ 'k1' => 1, 'k2' => 2 }) }
notify { 'values': message => values({ 'k1' => 1, 'k2' => 2 }) }
notify { 'upcase': message => upcase('shout') }
notify { 'bool2str': message => bool2str(true, 'yes', 'no') }
notify { 'str2bool': message => str2bool('yes') }
notify { 'any2array': message => any2array('one') }
notify { 'concat': message => concat(['a'], ['b', 'c'], 'd') }
notify { 'flatten': message => flatten([1, [2, [3]]]) }
notify { 'member': message => member($list, 'c') }
notify { 'has_key': message => has_key({ 'a' => 1 }, 'a') }
notify { 'range': message => range('a', 'e') }
notify { 'delete_undef_values': message => delete_undef_values({ 'a' => undef, 'b' => 2 }) }
notify { 'join_keys_to_values': message => join_keys_to_values({ 'a' => 1, 'b' => 2 }, '=') }
notify { 'dirname': message => dirname('/etc/apt/sources.list') }
notify { 'basename': message => basename('/etc/apt/sources.list') }
notify { 'validate_re': message => 'ok', before => Notify['join'] }
validate_re('abc', '^a')
validate_string('x')
notify { 'count': message => count(['a', undef, 'b']) }
notify { 'deep_merge': message => deep_merge({ 'a' => { 'x' => 1 } }, { 'a' => { 'y' => 2 } }) }
notify { 'fqdn_rotate': message => fqdn_rotate(['s1', 's2', 's3', 's4']) }
notify { 'getvar': message => getvar('facts.os.family') }
notify { 'to_bytes': message => to_bytes('4 kB') }
