$top = { 'a' => [1, { 'b' => 'found' }] }
class k { $kv = 'class-var' }
include k
notify { 'x': message => [
  index(['a', 'b', 'c'], 'b'), index('hello', 'l'), index({ 'x' => 1, 'y' => 2 }) |$v| { $v == 2 }, index([1], 5),
  get($top, 'a.1.b'), get($top, 'a.5', 'default'), getvar('k::kv'), getvar('top.a.0'), getvar('missing', 'dflt'),
] }
